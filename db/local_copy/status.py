"""What a local copy holds, read from the file (for ``pos offline status``)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.local_copy import meta
from db.local_copy.feed import Position
from db.local_copy.waiting import journal_waiting

COUNTED = ("members", "cards", "member_search_keys", "member_coupons", "staff", "menu_items")


@dataclass(frozen=True)
class FoundStatus:
    built_at: datetime | None
    refreshed_at: datetime | None
    position: int | None
    rows: dict[str, int]
    size_bytes: int
    waiting: int = 0
    """Offline journal entries not resynced (the copy is not refreshed meanwhile)."""


def read_status(path: Path) -> FoundStatus:
    uri = f"file:{path}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=15)) as local:
        built, refreshed = meta.read(local, meta.BUILT_AT), meta.read(local, meta.REFRESHED_AT)
        position = meta.read(local, meta.POSITION)
        rows = {
            name: int(local.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in COUNTED
        }
        waiting = journal_waiting(local)
    size = sum(
        Path(f"{path}{suffix}").stat().st_size
        for suffix in ("", "-wal")
        if Path(f"{path}{suffix}").exists()
    )
    return FoundStatus(
        datetime.fromisoformat(built) if built else None,
        datetime.fromisoformat(refreshed) if refreshed else None,
        Position.decode(position).seq if position else None,
        rows,
        size,
        waiting,
    )


def member_count(path: Path) -> int:
    """How many members the copy holds (0: none, or no copy)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)) as local:
            return int(local.execute("SELECT count(*) FROM members").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0
