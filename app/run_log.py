"""The till's own log file in the data folder, rotated so it never grows without bound."""

from __future__ import annotations

import logging
import os
from collections import deque
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "pos.log"
MAX_BYTES = 1024 * 1024
KEPT_FILES = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class OwnerOnlyRotatingFile(RotatingFileHandler):
    """Log lines may name what the till was doing: the files are the owner's alone,
    the rotated ones included."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


def log_folder(data_folder: Path) -> Path:
    return data_folder / "logs"


def start_run_log(data_folder: Path, level: int = logging.INFO) -> RotatingFileHandler:
    """Adds the rotating file to the root logger (once: a second call replaces the first)."""
    folder = log_folder(data_folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename).name == LOG_NAME:
            root.removeHandler(handler)
            handler.close()
    handler = OwnerOnlyRotatingFile(
        folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    if root.level > level:  # the console keeps showing only what it showed before
        for console in root.handlers:
            if console.level == logging.NOTSET:
                console.setLevel(root.level)
        root.setLevel(level)
    root.addHandler(handler)
    return handler


def last_log_lines(data_folder: Path, count: int) -> list[str]:
    path = log_folder(data_folder) / LOG_NAME
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace") as lines:
        return [line.rstrip("\n") for line in deque(lines, maxlen=count)]
