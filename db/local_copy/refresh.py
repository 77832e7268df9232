"""Bring a local copy up to date from the server's change feed, in small transactions.

Each changed shared table is copied whole again; each changed member's own rows are
replaced by the server's current ones, a few hundred members per transaction. What is
written is the server's state at the time of the write, never a replay of the changes,
so applying a change twice, or again after a crash part-way, gives the same copy. The
new feed position is saved last: a refresh cut short is done again from the old one.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.sql.selectable import Select

from db.local_copy import holdbacks, meta, offer_uses
from db.local_copy.feed import FeedPruned, Position, changes_since, prune, snapshot_reads
from db.local_copy.tables import (
    LEDGERS,
    LOCAL_KEYS,
    MEMBER_ROWS,
    driver_rows,
    insert_sql,
    reader,
    table,
)
from db.local_copy.waiting import refuse_if_waiting

log = logging.getLogger(__name__)

MEMBERS_PER_TRANSACTION = 500
_CHUNK = 400  # values per IN (...) on the copy, under SQLite's parameter limit
_MEMBER_COLUMNS = [column.name for column in table("members").columns]
_ID, _PHONE, _NUMBER = (_MEMBER_COLUMNS.index(c) for c in ("id", "phone", "member_no"))


class NeedsFullBuild(Exception):
    """The copy cannot be brought up to date by the feed (none yet, or too far behind)."""


@dataclass(frozen=True)
class Refreshed:
    position: Position
    members: int
    tables: tuple[str, ...]
    feed_rows: int
    seconds: float
    campaigns: int = 0
    """Campaigns copied (with their held-back members) that the copy did not hold."""


def open_copy(path: Path) -> sqlite3.Connection:
    """A connection for writing the copy (foreign keys are the server's to keep)."""
    local = sqlite3.connect(path, isolation_level=None, timeout=15)
    local.execute("PRAGMA foreign_keys=OFF")
    return local


def refresh_copy(
    server: Engine,
    path: Path,
    now: datetime,
    batch: int = MEMBERS_PER_TRANSACTION,
    full_above: int | None = None,
    after_batch: Callable[[], None] | None = None,
) -> Refreshed:
    """Apply the feed past the copy's position. Raises ``NeedsFullBuild`` when there is no
    copy, or when more than ``full_above`` members changed (a new search-key version, a
    big import: a full build is then quicker). ``after_batch`` is called after each
    transaction of members (tests cut a refresh short there)."""
    started = time.perf_counter()
    if not path.exists():
        raise NeedsFullBuild("there is no local copy yet")
    with closing(open_copy(path)) as local:
        try:
            saved = meta.read(local, meta.POSITION)
        except sqlite3.DatabaseError:  # an empty or foreign file where the copy should be
            saved = None
        if saved is None:
            raise NeedsFullBuild("the local copy was never finished")
        refuse_if_waiting(local)
        with server.connect() as source:
            try:
                with snapshot_reads(source):
                    changes = changes_since(source, Position.decode(saved))
            except FeedPruned as pruned:
                raise NeedsFullBuild(str(pruned)) from None
            if changes.unknown:
                log.warning(
                    "the server's feed names tables this till does not copy: %s",
                    sorted(changes.unknown),
                )
            if full_above is not None and len(changes.members) > full_above:
                raise NeedsFullBuild(f"{len(changes.members)} members changed")
            for name in sorted(changes.shared):
                _replace_table(source, local, name)
            campaigns = _copy_new_campaigns(source, local)
            members = sorted(changes.members)
            for start in range(0, len(members), batch):
                _replace_members(source, local, members[start : start + batch])
                if after_batch is not None:
                    after_batch()
        local.execute("BEGIN IMMEDIATE")
        refuse_if_waiting(local)
        meta.write(local, meta.POSITION, changes.position.encode())
        meta.write(local, meta.REFRESHED_AT, now.isoformat())
        local.execute("COMMIT")
    return Refreshed(
        changes.position,
        len(changes.members),
        tuple(sorted(changes.shared)),
        changes.rows,
        time.perf_counter() - started,
        campaigns,
    )


def _fetch(source: Connection, name: str, member_ids: Sequence[int] | None) -> list[Any]:
    return _rows(source, reader(name, source.dialect.name, member_ids))


def _rows(source: Connection, query: Select[Any]) -> list[Any]:
    rows = [row for chunk in driver_rows(source, query, 5_000) for row in chunk]
    source.connection.dbapi_connection.rollback()  # type: ignore[union-attr]
    # (no transaction left open on the server between batches)
    return rows


def _replace_table(source: Connection, local: sqlite3.Connection, name: str) -> None:
    rows = _fetch(source, name, None)
    local.execute("BEGIN IMMEDIATE")
    refuse_if_waiting(local)  # a sale committed offline meanwhile: its effects stay
    try:
        if name == "settings":
            rows = [row for row in rows if not str(row[0]).startswith(LOCAL_KEYS)]
            local.execute("DELETE FROM settings WHERE key NOT LIKE ?", (LOCAL_KEYS + "%",))
        else:
            local.execute(f'DELETE FROM "{name}"')
        local.executemany(insert_sql(name), rows)
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise


def _copy_new_campaigns(source: Connection, local: sqlite3.Connection) -> int:
    """The campaigns the copy does not hold yet, each with its held-back members, in one
    transaction (``db/local_copy/holdbacks.py``: the feed does not name them)."""
    on_server = {int(row[0]) for row in _rows(source, holdbacks.campaign_ids())}
    new = sorted(on_server - holdbacks.campaign_ids_in_copy(local))
    if not new:
        return 0
    dialect = source.dialect.name
    campaigns = _rows(source, holdbacks.campaigns_of(dialect, new))
    held = _rows(source, holdbacks.held_back_of(dialect, campaign_ids=new))
    local.execute("BEGIN IMMEDIATE")
    refuse_if_waiting(local)
    try:
        holdbacks.write_campaigns(local, campaigns, held)
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise
    return len(campaigns)


def _replace_members(source: Connection, local: sqlite3.Connection, ids: list[int]) -> None:
    wanted = set(ids)
    fresh = _fetch(source, "members", ids)
    # A phone or member number now held by one of these may still sit on another member
    # in the copy (freed by a change the feed also holds): that member is redone here too.
    while displaced := _holders(local, fresh) - wanted:
        wanted |= displaced
        fresh += _fetch(source, "members", sorted(displaced))
    every = sorted(wanted)
    owned = {name: _fetch(source, name, every) for name in (*MEMBER_ROWS, *LEDGERS)}
    uses = _rows(source, offer_uses.uses_on_server(every))
    held = _rows(source, holdbacks.held_back_of(source.dialect.name, member_ids=every))
    gone = wanted - {row[_ID] for row in fresh}
    local.execute("BEGIN IMMEDIATE")
    refuse_if_waiting(local)  # a sale committed offline meanwhile: its effects stay
    try:
        for start in range(0, len(every), _CHUNK):
            chunk = every[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for name in owned:
                local.execute(f'DELETE FROM "{name}" WHERE member_id IN ({marks})', chunk)
        for member_id in gone:  # deleted on the server (never by the till itself)
            local.execute("DELETE FROM members WHERE id = ?", (member_id,))
        local.executemany(insert_sql("members", replace=True), fresh)
        for name, rows in owned.items():
            local.executemany(insert_sql(name, replace=True), rows)
        for start in range(0, len(every), _CHUNK):
            chunk = every[start : start + _CHUNK]
            offer_uses.replace_uses(local, chunk, [row for row in uses if row[0] in chunk])
        holdbacks.replace_members_held_back(local, every, held)
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise


def _holders(local: sqlite3.Connection, fresh: list[Any]) -> set[int]:
    found: set[int] = set()
    for column, position in (("phone", _PHONE), ("member_no", _NUMBER)):
        values = [row[position] for row in fresh]
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            found.update(
                member_id
                for (member_id,) in local.execute(
                    f"SELECT id FROM members WHERE {column} IN ({marks})", chunk
                )
            )
    return found


FEED_KEEP = 1_000_000
"""Feed rows kept on the server (a few hundred thousand checkouts): a copy further
behind is built again, about as quick as applying that many changes."""
PRUNE_AT_LEAST = 100_000


def prune_feed(server: Engine, keep: int = FEED_KEEP, at_least: int = PRUNE_AT_LEAST) -> int:
    """Trim the server's feed (each till's refresher calls this after a refresh: cheap
    when there is nothing to trim, two index probes)."""
    with server.begin() as connection:
        return prune(connection, keep, at_least)
