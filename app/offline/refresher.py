"""Keep the local copy current while the server answers, on a thread of its own.

One refresh at a time, then a pause (``every_s``), so a till never spends more than a
sliver of the server's or its own time on it; a refresh writes a few hundred members
per transaction, so the counter's reads of the copy are never held up for long. A
failure (the server gone, a full disc) is logged and tried again after the pause: the
copy stays as it was, and its age says how old it is. While the copy's journal holds
offline sales not resynced, a round leaves the copy alone (``paused``): a refresh would
write the server's balances over what those sales spent.
"""

from __future__ import annotations

import logging
import threading

from app.offline.local_copy import JournalWaiting, LocalCopy, RefreshCancelled

log = logging.getLogger(__name__)

REFRESH_EVERY_S = 60.0
FIRST_AFTER_S = 10.0
"""The first refresh waits for the till to have started (it may build the whole copy)."""


class CopyRefresher:
    """``start()`` once; ``stop()`` waits for a refresh under way to reach the end of its
    batch, and for no longer than ``timeout_s``."""

    def __init__(
        self,
        copy: LocalCopy,
        every_s: float = REFRESH_EVERY_S,
        first_after_s: float = FIRST_AFTER_S,
    ) -> None:
        self._copy = copy
        self._every_s = every_s
        self._first_after_s = first_after_s
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="local-copy", daemon=True)
        self.refreshes = 0
        """Refreshes finished (for tests and the status line)."""
        self.last_error: str | None = None
        self.paused = False
        """The last round found offline sales not resynced and left the copy alone (it
        refreshes again once the resync has emptied the journal: call ``refresh_soon``)."""
        self.finished = threading.Event()
        """Set after each refresh, ok or not (cleared by ``refresh_soon``)."""

    def start(self) -> None:
        """Start refreshing in the background (again: nothing)."""
        if not self._thread.is_alive() and not self._stopping.is_set():
            self._thread.start()

    def refresh_soon(self) -> None:
        """Refresh now rather than at the end of the pause (e.g. the server is back)."""
        self.finished.clear()
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop at the next batch (a few hundred members or 20,000 rows of a build)."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        self._wake.wait(self._first_after_s)
        self._wake.clear()
        while not self._stopping.is_set():
            try:
                self._copy.refresh(cancelled=self._stopping.is_set)
                self.last_error = None
                self.paused = False
            except RefreshCancelled:
                return
            except JournalWaiting as waiting:  # not an error: the resync comes first
                self.paused = True
                self.last_error = None
                log.info("the local copy is not refreshed: %s", waiting)
            except Exception as error:  # logged, tried again after the pause
                self.last_error = str(error)
                log.warning("the local copy was not refreshed: %s", error)
            self.refreshes += 1
            self.finished.set()
            self._wake.wait(self._every_s)
            self._wake.clear()
