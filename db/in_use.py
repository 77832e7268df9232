"""A running till's mark on its SQLite file: a shared lock on ``NAME.in-use`` beside it,
held from start-up until the till closes. Several tills (and a training till's sandbox
copy) share it; ``pos restore`` takes it exclusively, so it never replaces a file a till
has open, and a till does not open a file that is being restored.

The lock is ``portalocker``'s (``flock`` on POSIX, ``LockFileEx`` on Windows): the
operating system drops it when the process ends, killed or not, so a crash leaves no
stale mark. A separate file, because closing any descriptor of the database file itself
would end this process's SQLite locks on it (POSIX record-lock semantics).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import portalocker

from db.sqlite_files import PRIVATE_DIR, PRIVATE_FILE, sqlite_path

SUFFIX = ".in-use"


class DatabaseBusy(Exception):
    """The lock is held the other way (a till has it open, or a restore is running)."""


def in_use_file(database: Path) -> Path:
    return Path(f"{database}{SUFFIX}")


class InUseMark:
    """The shared lock a till holds; ``release()`` once, when the till closes."""

    def __init__(self, lock: portalocker.Lock | None) -> None:
        self._lock = lock

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def mark_in_use(url: str, wait_seconds: float = 10.0) -> InUseMark:
    """Hold the shared lock for ``url`` (nothing to hold for PostgreSQL or in memory).
    ``DatabaseBusy`` when a restore still holds it after ``wait_seconds``."""
    database = sqlite_path(url)
    if database is None:
        return InUseMark(None)
    lock = _lock(database, portalocker.LockFlags.SHARED, wait_seconds)
    return InUseMark(lock)


@contextmanager
def exclusive_use(database: Path) -> Iterator[None]:
    """No till has ``database`` open while inside (and none can open it); ``DatabaseBusy``
    at once when one has."""
    lock = _lock(database, portalocker.LockFlags.EXCLUSIVE, 0)
    try:
        yield
    finally:
        lock.release()


def _lock(database: Path, kind: portalocker.LockFlags, wait_seconds: float) -> portalocker.Lock:
    path = in_use_file(database)
    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)  # as db.engine makes it
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))  # owner-only, like the db
    lock = portalocker.Lock(
        path,
        mode="a",
        timeout=wait_seconds,
        check_interval=0.1,
        fail_when_locked=wait_seconds == 0,
        flags=kind | portalocker.LockFlags.NON_BLOCKING,
    )
    try:
        lock.acquire()
    except portalocker.LockException as busy:
        raise DatabaseBusy(str(path)) from busy
    return lock
