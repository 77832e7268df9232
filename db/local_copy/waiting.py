"""The refresher keeps off the copy while the offline journal holds sales not replayed
yet: a refresh writes the server's rows over the ledger entries those sales appended
(the copy's balances would then forget them, and the allowances with them), and a full
build replaces the file the journal lives in.

Each refresh transaction checks the journal after taking the copy's write lock, so a
sale that commits first is seen; the build carries the journal into the new file and
puts it in place under ``writer_lock``, which the offline seller holds for each sale.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

_locks: dict[Path, threading.Lock] = {}
_guard = threading.Lock()


class JournalWaiting(Exception):
    """The copy holds offline sales not replayed yet: resync first, then refresh."""

    def __init__(self, waiting: int) -> None:
        super().__init__(
            f"the local copy holds {waiting} offline "
            f"{'entry' if waiting == 1 else 'entries'} not resynced yet: "
            "resync first (pos offline resync), then refresh"
        )
        self.waiting = waiting


def writer_lock(path: Path) -> threading.Lock:
    """One lock per copy file in this process: offline sales and a build's last step."""
    key = path.resolve()
    with _guard:
        return _locks.setdefault(key, threading.Lock())


def journal_waiting(local: sqlite3.Connection) -> int:
    """Entries the copy's journal has not replayed (0 when it has no journal)."""
    try:
        row = local.execute("SELECT count(*) FROM offline_journal WHERE outcome IS NULL").fetchone()
    except sqlite3.DatabaseError:  # no journal in this copy (never sold offline), or no copy
        return 0
    return int(row[0])


def refuse_if_waiting(local: sqlite3.Connection) -> None:
    """Inside the copy's write transaction: roll it back if sales wait for the resync."""
    waiting = journal_waiting(local)
    if waiting:
        if local.in_transaction:
            local.execute("ROLLBACK")
        raise JournalWaiting(waiting)


def carry_journal(old: Path, new: sqlite3.Connection) -> int:
    """Copy the journal of the copy at ``old`` (if any) into ``new``; rows carried.
    Raises ``JournalWaiting`` when it holds entries not replayed yet."""
    if not old.exists():
        return 0
    new.execute("ATTACH DATABASE ? AS old", (str(old),))
    try:
        try:
            made = new.execute(
                "SELECT sql FROM old.sqlite_master "
                "WHERE type = 'table' AND name = 'offline_journal'"
            ).fetchone()
        except sqlite3.DatabaseError:  # not a database: nothing to carry
            return 0
        if made is None:
            return 0
        waiting = new.execute(
            "SELECT count(*) FROM old.offline_journal WHERE outcome IS NULL"
        ).fetchone()[0]
        if waiting:
            raise JournalWaiting(int(waiting))
        new.execute("BEGIN IMMEDIATE")
        new.execute(made[0])
        for (index,) in new.execute(
            "SELECT sql FROM old.sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name = 'offline_journal'"
        ).fetchall():
            new.execute(index)
        carried = new.execute("INSERT INTO main.offline_journal SELECT * FROM old.offline_journal")
        new.execute("COMMIT")
        return int(carried.rowcount)
    finally:
        if new.in_transaction:
            new.execute("ROLLBACK")
        new.execute("DETACH DATABASE old")
