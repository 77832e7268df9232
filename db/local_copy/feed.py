"""Reading the server's change feed (migration 0016) from a position.

A position is the highest ``seq`` applied and, on PostgreSQL, the transactions that
were still running when it was taken (``xip``). Sequence numbers are handed out before
commit, so a running transaction may commit a lower ``seq`` than one already read;
reading again every row of those transactions, as well as every row past ``seq``, misses
none (a row read twice is applied twice, which changes nothing). On SQLite one writer
commits at a time: ``seq`` alone is exact.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from db.local_copy.tables import SHARED_TABLES

PRUNED_KEY = "change_feed.pruned_through"
"""In the server's settings: the highest ``seq`` deleted from the feed; a copy whose
position is below it has missed changes and is built again."""


class FeedPruned(Exception):
    """The feed no longer holds every change past the position."""


@dataclass(frozen=True)
class Position:
    seq: int = 0
    running: tuple[int, ...] = ()
    """PostgreSQL transaction ids in progress when the position was taken."""

    def encode(self) -> str:
        return json.dumps({"seq": self.seq, "xip": list(self.running)})

    @classmethod
    def decode(cls, value: str) -> Position:
        data = json.loads(value)
        return cls(int(data["seq"]), tuple(int(x) for x in data.get("xip", ())))


@dataclass(frozen=True)
class Changes:
    position: Position
    """Where the next read starts."""
    members: frozenset[int] = frozenset()
    shared: frozenset[str] = frozenset()
    rows: int = 0
    """Feed rows read."""
    unknown: frozenset[str] = field(default_factory=frozenset)
    """Tables named that this version does not copy (a newer server)."""


@contextmanager
def snapshot_reads(connection: Connection) -> Iterator[Connection]:
    """Make the statements that follow on ``connection`` (just opened) read one snapshot:
    REPEATABLE READ on PostgreSQL, an explicit read transaction on SQLite. The caller
    ends it (``rollback``)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")
    else:
        connection.execution_options(isolation_level="REPEATABLE READ")
    try:
        yield connection
    finally:
        connection.rollback()


def _snapshot(connection: Connection) -> tuple[int, ...]:
    row = connection.execute(
        text(
            "SELECT array(SELECT x::text::bigint FROM pg_snapshot_xip(s) AS x) "
            "FROM (SELECT pg_current_snapshot() AS s) AS snapshot"
        )
    ).one()
    return tuple(sorted(row[0]))


def _highest(connection: Connection) -> int:
    highest = connection.execute(text("SELECT coalesce(max(seq), 0) FROM change_feed"))
    return int(highest.scalar_one())


def current_position(connection: Connection) -> Position:
    """The feed's position in ``connection``'s snapshot: call it first in the
    transaction that reads the data, which on PostgreSQL must be REPEATABLE READ."""
    if connection.dialect.name == "sqlite":
        return Position(_highest(connection))
    running = _snapshot(connection)
    return Position(_highest(connection), running)


def changes_since(connection: Connection, position: Position) -> Changes:
    """What the feed holds past ``position``, in one snapshot (REPEATABLE READ on
    PostgreSQL, a read transaction on SQLite)."""
    running: tuple[int, ...] = ()
    if position.seq < pruned_through(connection):
        raise FeedPruned(f"the feed was pruned past {position.seq}")
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            text("SELECT seq, table_name, member_id FROM change_feed WHERE seq > :seq"),
            {"seq": position.seq},
        ).all()
    else:
        running = _snapshot(connection)
        rows = connection.execute(
            text(
                "SELECT seq, table_name, member_id FROM change_feed "
                "WHERE seq > :seq OR xid = ANY(:running)"
            ),
            {"seq": position.seq, "running": list(position.running)},
        ).all()
    members = {member for _seq, _table, member in rows if member is not None}
    tables = {name for _seq, name, member in rows if member is None}
    highest = max((seq for seq, _table, _member in rows), default=position.seq)
    return Changes(
        Position(max(highest, position.seq), running),
        frozenset(members),
        frozenset(tables & set(SHARED_TABLES)),
        len(rows),
        frozenset(tables - set(SHARED_TABLES)),
    )


def pruned_through(connection: Connection) -> int:
    found = connection.execute(
        text("SELECT value FROM settings WHERE key = :key"), {"key": PRUNED_KEY}
    ).scalar()
    return int(found) if found else 0


def prune(connection: Connection, keep: int, at_least: int) -> int:
    """Delete all but the newest ``keep`` feed rows once ``at_least`` would go, noting how
    far (``PRUNED_KEY``); how many went. Safe whatever the tills' positions: a copy left
    behind is built again. Commits nothing: the caller's transaction."""
    first, highest = connection.execute(
        text("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM change_feed")
    ).one()
    cut = int(highest) - keep
    if cut - int(first) + 1 < at_least:
        return 0
    deleted = connection.execute(text("DELETE FROM change_feed WHERE seq <= :cut"), {"cut": cut})
    if pruned_through(connection):
        connection.execute(
            text("UPDATE settings SET value = :cut WHERE key = :key"),
            {"cut": str(cut), "key": PRUNED_KEY},
        )
    else:
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES (:key, :cut)"),
            {"cut": str(cut), "key": PRUNED_KEY},
        )
    return int(deleted.rowcount or 0)
