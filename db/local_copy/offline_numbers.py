"""The highest offline order number (``T1-20261122-L0003``: 3) each till used or the
server holds, per business day, in ``offline_numbers``, a table of the copy only (made
here like the journal, outside Alembic: the server never holds one).

The copy's own ``orders`` are gone after a full build, so numbering from them alone would
start again at ``L0001`` and repeat numbers the server already holds after a resync. So
every offline order written in the copy raises its till and day's mark (same transaction),
a build carries the table into the new file, and a build or refresh raises the marks to
the server's own highest offline numbers of the till for the last days (a copy made anew
on another machine starts past them too). The next offline number is one past the
highest of the mark and the copy's orders.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select, text

from app.domain.order_numbers import OFFLINE_MARK
from app.domain.orders import PaidOrder
from db.models import OrderRow
from db.orders import SqlOrders

TABLE = "offline_numbers"
CREATE = (
    f'CREATE TABLE IF NOT EXISTS "{TABLE}" (till_id VARCHAR(32) NOT NULL, '
    "business_day DATE NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (till_id, business_day))"
)
_UPSERT = (
    f'INSERT INTO "{TABLE}" (till_id, business_day, last) VALUES ({{}}, {{}}, {{}}) '
    "ON CONFLICT (till_id, business_day) DO UPDATE SET last = max(last, excluded.last)"
)
RAISE = _UPSERT.format("?", "?", "?")
_RAISE_ONE = text(_UPSERT.format(":till", ":day", ":n"))
DAYS_SEEDED = 2
"""The server's marks are read for the business days from yesterday on: the only ones an
outage can still number orders on."""

_ON_SERVER = (
    select(OrderRow.business_day, func.min(OrderRow.sequence))
    .where(
        OrderRow.till_id == bindparam("till"),
        OrderRow.business_day >= bindparam("since"),
        OrderRow.sequence < 0,
    )
    .group_by(OrderRow.business_day)
)


_EARLIER_VERSION = select(func.max(OrderRow.sequence)).where(
    OrderRow.till_id == bindparam("till"),
    OrderRow.business_day == bindparam("day"),
    OrderRow.sequence > 0,
    OrderRow.order_no.like(f"%-{OFFLINE_MARK}%"),
)


def marks_on_server(source: Connection, till_id: str, today: date) -> list[tuple[Any, ...]]:
    """(till, day, highest offline number) the server holds for ``till_id`` since
    yesterday; one index range (orders are unique by till, day and sequence)."""
    since = today - timedelta(days=DAYS_SEEDED - 1)
    rows = source.execute(_ON_SERVER, {"till": till_id, "since": since})
    return [(till_id, day.isoformat(), -int(lowest)) for day, lowest in rows]


def raise_marks(local: sqlite3.Connection, marks: list[tuple[Any, ...]]) -> None:
    """Inside the copy's write transaction (or as its own statement)."""
    local.execute(CREATE)
    local.executemany(RAISE, marks)


def carry_marks(old: sqlite3.Connection, new: sqlite3.Connection) -> None:
    """The marks of the copy being replaced (``old``), kept in the new file."""
    try:
        rows = old.execute(f'SELECT till_id, business_day, last FROM "{TABLE}"').fetchall()
    except sqlite3.DatabaseError:  # no table (never sold offline), or not a database
        return
    raise_marks(new, rows)


def note_server_marks(server: Engine, path: Path, till_id: str, today: date) -> None:
    """After a refresh: the copy's marks raised to the server's (two short statements)."""
    with server.connect() as source:
        marks = marks_on_server(source, till_id, today)
    if not marks:
        return
    with closing(sqlite3.connect(path, isolation_level=None, timeout=15)) as local:
        local.execute("BEGIN IMMEDIATE")
        raise_marks(local, marks)
        local.execute("COMMIT")


class CopyOrders(SqlOrders):
    """The copy's orders: offline numbers go past the till and day's mark, and each
    offline order written raises it."""

    def next_offline_sequence(self, till_id: str, day: date) -> int:
        in_orders = super().next_offline_sequence(till_id, day)
        mark = self._session.scalar(
            text(f'SELECT last FROM "{TABLE}" WHERE till_id = :till AND business_day = :day'),
            {"till": till_id, "day": day.isoformat()},
        )
        # Written by an earlier version, which stored offline orders' sequences above zero.
        earlier = self._session.scalar(_EARLIER_VERSION, {"till": till_id, "day": day})
        return max(in_orders, int(mark or 0) + 1, int(earlier or 0) + 1)

    def add(self, paid: PaidOrder) -> int:
        order_id = super().add(paid)
        if paid.sequence < 0:
            self._session.execute(
                _RAISE_ONE,
                {"till": paid.till_id, "day": paid.business_day.isoformat(), "n": -paid.sequence},
            )
        return order_id
