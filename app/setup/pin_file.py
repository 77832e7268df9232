"""Read the first manager's PIN from a file: a PIN never appears on a command line, where
``ps`` and the shell history would show it to anyone on the machine."""

from __future__ import annotations

import stat
from pathlib import Path

from app.domain.pin_policy import PinPolicy, PinRejected
from app.errors import TillError

MAX_PIN_FILE = 64  # bytes: a PIN file holds one short line


class PinFileRefused(TillError):
    pass


def read_pin_file(path: Path) -> str:
    """The PIN in ``path`` (one line); refuses a file that others may read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise PinFileRefused(f"the PIN file {path} is not a regular file")
        if info.st_mode & (stat.S_IRGRP | stat.S_IROTH):
            raise PinFileRefused(
                f"the PIN file {path} is readable by others; run chmod 600 {path} first"
            )
        data = path.read_bytes()[: MAX_PIN_FILE + 1]
    except OSError as error:
        raise PinFileRefused(f"cannot read the PIN file {path}: {error.strerror}") from None
    if len(data) > MAX_PIN_FILE:
        raise PinFileRefused(f"the PIN file {path} holds more than one short line")
    lines = data.decode("utf-8", errors="replace").strip().splitlines()
    if len(lines) != 1:
        raise PinFileRefused(f"the PIN file {path} must hold the PIN on one line")
    return lines[0].strip()


def check_first_pin(pin: str) -> None:
    """The till's default PIN policy (a new database has no setting to change it yet)."""
    try:
        PinPolicy().check(pin)
    except PinRejected as rejected:
        raise PinFileRefused(f"the manager's PIN is refused: {rejected}") from None
