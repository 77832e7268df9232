"""Writing an export safely: a temporary file renamed into place, and the progress ticker."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from app.exports.model import ExportCancelled, Progress

PROGRESS_EVERY = 500
"""Rows between two progress calls: often enough for a bar, rare enough to cost nothing."""


@contextlib.contextmanager
def replaced_atomically(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` (created empty, owner-only); on success it
    becomes ``target``.

    On any exception (a cancel included) the temporary file is removed and ``target``
    is untouched, so a cancelled or failed export never leaves a partial file.
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Exports hold members' data: the file is created owner-only (0600) before the
    # writer opens it; opening an existing file keeps its mode.
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Ticker:
    """Counts rows and calls ``progress`` every ``every`` rows; raises on a cancel."""

    def __init__(self, progress: Progress | None, every: int = PROGRESS_EVERY) -> None:
        self._progress, self._every = progress, every
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.done % self._every == 0:
            self.report()

    def report(self) -> None:
        """Tell the caller the count now (also at the end, so a bar can reach 100%)."""
        if self._progress is not None and self._progress(self.done) is False:
            raise ExportCancelled(f"export cancelled after {self.done} rows")
