"""``pos migrate-to``: a till's SQLite database copied into PostgreSQL, proved, switched.

Order of work, each step refusing with one sentence: the SQLite file must be this till's
at the current schema and no till may have it open (its ``.in-use`` lock is held, and a
write lock on the file, until the till is switched, so nothing written meanwhile is
left behind); the server must answer; a database that already holds data is refused
unless ``replace``. Alembic then makes or upgrades the schema; every table is copied in
one PostgreSQL transaction (all or nothing); the copy is proved on a fresh connection
(``app/migrate_to/verify.py``); only then does this till's database setting name the
new database. The SQLite file is only read.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from app.backups.database_check import what_is_wrong
from app.config import DATABASE_ENV, save_database_url
from app.migrate_to.errors import CopyDiffers, MoveRefused
from app.migrate_to.urls import shown, source_file, target_url
from app.migrate_to.verify import Differences, Proof, prove
from db.chain_verify import snapshot
from db.engine import create_db_engine
from db.in_use import DatabaseBusy, exclusive_use
from db.migrate import current_revision, has_schema, is_at_head, known_revisions, upgrade_to_head
from db.sqlite_files import FileState, inspect_file
from db.table_copy import (
    NOT_COPIED,
    add_foreign_keys,
    copy_table,
    drop_foreign_keys,
    empty_all,
    reset_sequences,
    switch_triggers,
    tables_with_rows,
    till_tables,
)

CONNECT_TIMEOUT_S = 10
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Moved:
    source: Path
    target: str
    proof: Proof
    copy_seconds: float
    verify_seconds: float
    seconds: float
    setting: Path
    """The file that now names the target as this till's database."""
    overridden: bool
    """``$POS_DATABASE_URL`` is set here and still wins over the setting."""


def move_till(
    source_url: str,
    raw_target: str,
    now: datetime,
    progress: Progress,
    *,
    replace: bool = False,
    config_folder: Path | None = None,
    after_copy: Callable[[str], None] | None = None,
) -> Moved:
    """Move the SQLite database at ``source_url`` to ``raw_target``; ``MoveRefused``
    (``CopyDiffers`` when the copy was made but not proved) leaves the till on SQLite.
    ``after_copy`` is called with the target's URL between the copy and its proof."""
    started = time.perf_counter()
    target = target_url(raw_target)
    path = _checked_source(source_url)
    try:
        with exclusive_use(path):
            return _move(path, target, now, progress, replace, config_folder, after_copy, started)
    except DatabaseBusy:
        raise MoveRefused(f"a till has {path} open: close it, then move its database") from None


def _move(
    path: Path,
    target: str,
    now: datetime,
    progress: Progress,
    replace: bool,
    config_folder: Path | None,
    after_copy: Callable[[str], None] | None,
    started: float,
) -> Moved:
    progress(f"moving {path} to {shown(target)}")
    engine = _target_engine(target)
    reader = _source_engine(path)
    try:
        with reader.connect() as source:
            _hold(source, path)
            _prepare_target(engine, target, replace, progress)
            copy_started = time.perf_counter()
            _copy(source, engine, progress)
            copy_seconds = time.perf_counter() - copy_started
            if after_copy is not None:
                after_copy(target)
            progress("verifying the copy")
            verify_started = time.perf_counter()
            proof = _prove(source, engine, path, progress)
            verify_seconds = time.perf_counter() - verify_started
            setting = _switch(target, config_folder, path, now)
            source.rollback()
    finally:
        reader.dispose()
        engine.dispose()
    return Moved(
        path,
        target,
        proof,
        copy_seconds,
        verify_seconds,
        time.perf_counter() - started,
        setting,
        overridden=bool(os.environ.get(DATABASE_ENV)),
    )


def _hold(source: Connection, path: Path) -> None:
    """Begin the source's transaction: SQLite's write lock, held until the till is switched,
    so nothing written meanwhile stays behind on SQLite."""
    try:
        source.begin()
        source.exec_driver_sql("SELECT 1 FROM alembic_version")
    except DBAPIError as error:
        raise MoveRefused(
            f"{path} cannot be locked for the move ({_first_line(error)}): close whatever "
            "writes to it, then move it"
        ) from None


def _switch(target: str, folder: Path | None, path: Path, now: datetime) -> Path:
    try:
        return save_database_url(
            target, folder, moved_from=f"sqlite:///{path}", moved_at=now.isoformat()
        )
    except OSError as error:
        raise MoveRefused(
            f"the copy is proved, but this till's setting cannot be written ({error}); it "
            f"stays on {path}: run pos with --db {shown(target)}"
        ) from None


def _checked_source(source_url: str) -> Path:
    path = source_file(source_url)
    check = inspect_file(path)
    if check.state is FileState.MISSING:
        raise MoveRefused(f"there is no till database at {path}")
    if check.state is FileState.BLANK:
        raise MoveRefused(f"{path} holds no till data: there is nothing to move")
    wrong = what_is_wrong(check)
    if wrong is not None:
        raise MoveRefused(f"{path} cannot be moved: it {wrong}")
    engine = create_engine(f"sqlite:///{path}")  # reads only: no pragmas, no locks
    try:
        if not is_at_head(engine):
            raise MoveRefused(
                f"{path} is at an older schema ({check.revision}): open the till on it once "
                "(it upgrades), then move it"
            )
    finally:
        engine.dispose()
    return path


def _source_engine(path: Path) -> Engine:
    """Plain SQLite (no pragmas, no permission changes: the file is only read), each
    transaction taking the write lock at once."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 15})

    @event.listens_for(engine, "connect")
    def _autocommit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are ours: BEGIN below

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _target_engine(target: str) -> Engine:
    url = make_url(target)
    if "connect_timeout" not in url.query:  # an unreachable host answers in seconds
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    return create_db_engine(url.render_as_string(hide_password=False))


def _prepare_target(engine: Engine, target: str, replace: bool, progress: Progress) -> None:
    """Refuse a server that does not answer, a newer schema, or data (unless ``replace``);
    then create or upgrade the schema."""
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        raise MoveRefused(f"cannot connect to {shown(target)}: {_reason(error)}") from None
    try:
        _schema(engine, target, replace, progress)
    except DBAPIError as error:
        raise MoveRefused(
            f"the schema cannot be made in {shown(target)}: {_first_line(error)}"
        ) from None


def _schema(engine: Engine, target: str, replace: bool, progress: Progress) -> None:
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise MoveRefused(
            f"{shown(target)} is at schema {revision}, newer than this till knows: "
            "move with the newer version of the till"
        )
    if has_schema(engine):
        with engine.connect() as connection:
            holding = tables_with_rows(connection)
        if holding and not replace:
            raise MoveRefused(
                f"{shown(target)} already holds data ({_some(holding)}): choose an empty "
                "database, or add --replace to overwrite it"
            )
    progress("creating the schema" if revision is None else f"upgrading the schema from {revision}")
    upgrade_to_head(engine)


def _copy(source: Connection, engine: Engine, progress: Progress) -> None:
    """Every table in one transaction: a failure leaves the target as it was. The target
    holds no till's data (or may be overwritten), but the migrations write rows of their own."""
    name = ""
    try:
        with engine.begin() as target:
            tables = till_tables(target)
            _same_tables(source, tables)
            switch_triggers(target, tables, on=False)
            empty_all(target, tables)
            progress(f"copying {len(tables)} tables")
            foreign_keys = drop_foreign_keys(target, tables)
            total = 0
            for table in tables:
                name = table.name
                begun = time.perf_counter()
                rows = copy_table(source, target, table)
                total += rows
                if rows:
                    progress(f"  {name}: {rows:,} rows ({time.perf_counter() - begun:.1f} s)")
            name = "the foreign keys"
            add_foreign_keys(target, foreign_keys)
            switch_triggers(target, tables, on=True)
            reset_sequences(target, tables)
            progress(f"copied {total:,} rows; foreign keys checked, id sequences moved on")
    except DBAPIError as error:
        raise MoveRefused(
            f"copying {name or 'the tables'} failed ({_first_line(error)}); the PostgreSQL "
            "database was left as it was"
        ) from None


def _same_tables(source: Connection, tables: list[Table]) -> None:
    inspector = inspect(source)
    have = set(inspector.get_table_names()) - NOT_COPIED
    missing = sorted({table.name for table in tables} - have)
    extra = sorted(have - {table.name for table in tables})
    if missing or extra:
        raise MoveRefused(
            f"the SQLite database's tables differ from the till's schema (missing: "
            f"{', '.join(missing) or 'none'}; extra: {', '.join(extra) or 'none'})"
        )
    for table in tables:
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        lacking = sorted({column.name for column in table.columns} - columns)
        if lacking:
            raise MoveRefused(f"the SQLite table {table.name} lacks {', '.join(lacking)}")


def _prove(source: Connection, engine: Engine, path: Path, progress: Progress) -> Proof:
    try:
        with snapshot(engine.connect()) as target, target.begin():
            return prove(source, target, progress)
    except Differences as differ:
        raise CopyDiffers(
            f"the copy differs from the SQLite database, so this till stays on {path}",
            differ.lines,
        ) from None
    except SQLAlchemyError as error:
        raise MoveRefused(
            f"the copy could not be read back ({_first_line(error)}); this till stays on {path}"
        ) from None


def _some(holding: dict[str, int]) -> str:
    """The tables a person recognises first (members, orders), then the biggest."""
    names = sorted(holding, key=lambda n: (n not in ("members", "orders"), -holding[n]))
    shown = ", ".join(f"{name}: {holding[name]:,} rows" for name in names[:2])
    return shown + (f" and {len(names) - 2} more tables" if len(names) > 2 else "")


def _reason(error: DBAPIError) -> str:
    """The server's or the network's own words, without the driver's framing."""
    reason = _first_line(error).rsplit(" failed: ", 1)[-1]
    return reason.removeprefix("FATAL:").strip()


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else error.__class__.__name__
