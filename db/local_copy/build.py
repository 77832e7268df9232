"""Build a till's local copy from the server in one pass (``pos offline refresh --full``).

The file is made by the till's own migrations, so the services, repositories and search
keys work over it unchanged; the feed's triggers are dropped (the copy is written by the
refresher alone). The server is read in one snapshot, its feed position first, so what
changes during the copy is applied by the next refresh. The copy is written into
``<name>.building`` with its big tables' indexes dropped, without a journal (a crash
leaves only that file, rebuilt next time), checked (foreign keys), then takes the
place of the old copy: renamed over it when there is none, else written into it through
SQLite's backup API, which open readers see as one commit.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from db.fresh_sqlite import new_sqlite_at_head
from db.local_copy import holdbacks, meta, offer_uses
from db.local_copy.feed import Position, current_position, snapshot_reads
from db.local_copy.offline_numbers import carry_marks, marks_on_server, raise_marks
from db.local_copy.tables import (
    LOCAL_KEYS,
    MEMBER_TABLES,
    SHARED_TABLES,
    driver_rows,
    insert_sql,
    reader,
)
from db.local_copy.waiting import carry_journal, refuse_if_waiting, writer_lock
from db.sqlite_files import COMPANIONS

BATCH = 20_000


class CopyBroken(RuntimeError):
    """The copy's rows break a foreign key: the server's data was not whole."""


@dataclass(frozen=True)
class BuiltCopy:
    position: Position
    rows: dict[str, int]
    seconds: float


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_schema(path: Path) -> None:
    """An empty database with the till's schema at ``path``, owner-only, without the feed's
    triggers or the rows migrations write."""
    new_sqlite_at_head(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as local:
        triggers = local.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change_feed_%'"
        ).fetchall()
        for (name,) in triggers:
            local.execute(f'DROP TRIGGER "{name}"')
        for name in (*SHARED_TABLES, *MEMBER_TABLES):
            local.execute(f'DELETE FROM "{name}"')


def build_copy(
    server: Engine,
    path: Path,
    now: datetime,
    progress: Callable[[str, int], None] | None = None,
    till_id: str | None = None,
) -> BuiltCopy:
    """Build the copy at ``path`` from ``server``; what it holds and how long it took.
    ``till_id``: the till it is for, whose offline numbers the server holds are marked
    used (``db.local_copy.offline_numbers``)."""
    started = time.perf_counter()
    if path.exists():  # minutes of work for nothing otherwise
        with closing(sqlite3.connect(path, timeout=15)) as old:
            refuse_if_waiting(old)
    building = path.with_name(path.name + ".building")
    _remove(building)
    make_schema(building)
    rows: dict[str, int] = {}
    with closing(sqlite3.connect(building, isolation_level=None)) as local:
        local.execute("PRAGMA journal_mode=OFF")
        local.execute("PRAGMA synchronous=OFF")
        local.execute("PRAGMA foreign_keys=OFF")
        indexes = _drop_indexes(local)
        local.execute("BEGIN")
        with server.connect() as source, snapshot_reads(source):
            position = current_position(source)
            for name in (*SHARED_TABLES, *MEMBER_TABLES):
                rows[name] = _copy(source, local, name, progress)
            rows[offer_uses.TABLE] = _copy_uses(source, local)
            rows.update(_copy_campaigns(source, local))
            marks = [] if till_id is None else marks_on_server(source, till_id, now.date())
            raise_marks(local, marks)
        for statement in indexes:
            local.execute(statement)
        meta.write(local, meta.POSITION, position.encode())
        meta.write(local, meta.BUILT_AT, now.isoformat())
        meta.write(local, meta.REFRESHED_AT, now.isoformat())
        local.execute("COMMIT")
        broken = local.execute("PRAGMA foreign_key_check").fetchmany(5)
        if broken:
            raise CopyBroken(f"the copy breaks foreign keys: {broken}")
        local.execute("PRAGMA optimize")
        local.execute("PRAGMA journal_mode=WAL")
    with writer_lock(path):  # no offline sale between the journal carried and the swap
        with closing(sqlite3.connect(building, isolation_level=None)) as new:
            carry_journal(path, new)
            _carry_marks(path, new)
        _put_in_place(building, path)
    return BuiltCopy(position, rows, time.perf_counter() - started)


def _copy(
    source: Connection,
    local: sqlite3.Connection,
    name: str,
    progress: Callable[[str, int], None] | None,
) -> int:
    insert = insert_sql(name)
    query = reader(name, source.dialect.name)
    done = 0
    for rows in driver_rows(source, query, BATCH):
        if name == "settings":
            rows = [row for row in rows if not str(row[0]).startswith(LOCAL_KEYS)]
        local.executemany(insert, rows)
        done += len(rows)
        if progress is not None:
            progress(name, done)
    return done


def _carry_marks(old: Path, new: sqlite3.Connection) -> None:
    """The offline numbers the copy being replaced used: never given again."""
    if not old.exists():
        return
    with closing(sqlite3.connect(old, timeout=15)) as previous:
        new.execute("BEGIN IMMEDIATE")
        carry_marks(previous, new)
        new.execute("COMMIT")


def _copy_uses(source: Connection, local: sqlite3.Connection) -> int:
    local.execute(offer_uses.CREATE)
    done = 0
    for rows in driver_rows(source, offer_uses.uses_on_server(), BATCH):
        local.executemany(offer_uses.INSERT, rows)
        done += len(rows)
    return done


def _copy_campaigns(source: Connection, local: sqlite3.Connection) -> dict[str, int]:
    """Every campaign and the members held back from its offer (``holdbacks``)."""
    dialect = source.dialect.name
    done = {holdbacks.CAMPAIGNS: 0, holdbacks.HELD_BACK: 0}
    for name, query in (
        (holdbacks.CAMPAIGNS, holdbacks.campaigns_of(dialect)),
        (holdbacks.HELD_BACK, holdbacks.held_back_of(dialect)),
    ):
        for rows in driver_rows(source, query, BATCH):
            local.executemany(insert_sql(name), rows)
            done[name] += len(rows)
    return done


def _drop_indexes(local: sqlite3.Connection) -> list[str]:
    """Drop the member tables' own indexes (not their keys); the statements that make them."""
    found = local.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' for _ in MEMBER_TABLES)})",
        MEMBER_TABLES,
    ).fetchall()
    for name, _sql in found:
        local.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _put_in_place(building: Path, path: Path) -> None:
    if not path.exists():
        for suffix in COMPANIONS:  # a WAL left by a copy deleted by hand would be replayed
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        building.replace(path)
        return
    with closing(sqlite3.connect(building)) as new, closing(sqlite3.connect(path)) as old:
        new.backup(old)
    _remove(building)


def _remove(path: Path) -> None:
    for suffix in ("", *COMPANIONS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
