"""Engine and session factory: SQLite (WAL, foreign keys on, owner-only files) or
PostgreSQL by URL."""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.domain.storage import DatabaseTimeouts
from db.disposed_pool import close_late_returns
from db.hash_chains import chain_new_rows
from db.pool_liveness import watch_pooled_connections
from db.programme_version import VERSION_KEY as VERSION_KEY  # its listeners, in every till
from db.server_timeouts import guard_server_engine, server_connect_args
from db.sqlite_files import PRIVATE_DIR, make_private
from db.store_stamps import stamp_new_rows

log = logging.getLogger(__name__)

SQLITE_SYNCHRONOUS = "FULL"
SQLITE_BUSY_TIMEOUT_S = 15.0
"""How long a write waits for another connection's lock on the file before it fails."""
SQLITE_BUSY_TIMEOUT_ENV = "POS_SQLITE_BUSY_TIMEOUT_S"
"""Seconds instead of ``SQLITE_BUSY_TIMEOUT_S`` (the suite's tests of a locked file)."""


def sqlite_busy_timeout_s() -> float:
    return float(os.environ.get(SQLITE_BUSY_TIMEOUT_ENV) or SQLITE_BUSY_TIMEOUT_S)


def create_db_engine(url: str, timeouts: DatabaseTimeouts | None = None) -> Engine:
    """Create an engine for ``url``; for a SQLite file, create its folder first (owner-only).

    On PostgreSQL every connection has a connect timeout and TCP keepalives, and a pooled
    one is asked whether the server still has it only when it idled or its socket says
    something (``db.pool_liveness``); with
    ``timeouts`` (the till's counter work) statements and lock waits are limited too, on
    the server and, for a server that stops answering, on the client
    (``db.server_timeouts``). Tools that may run long statements (migrations, reports on
    the command line) pass none.

    The file holds PIN hashes, badges and members' phones and birthdays: every connection
    takes group and other permissions away from it before SQLite makes its WAL and
    shared-memory files, which SQLite then creates with the database file's mode.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = None
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database).expanduser()
            path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        engine = create_engine(url, connect_args={"timeout": sqlite_busy_timeout_s()})
        event.listen(engine, "connect", partial(_configure_sqlite, path))
        return engine
    engine = create_engine(url, connect_args=server_connect_args(parsed, timeouts))
    watch_pooled_connections(engine)
    close_late_returns(engine)  # a read still out when the engine is disposed of
    if timeouts is not None:
        guard_server_engine(engine, timeouts)
    return engine


def _configure_sqlite(path: Path | None, dbapi_connection: Any, _record: Any) -> None:
    if path is not None:
        try:
            make_private(path)
        except OSError as error:  # not ours to change (another user's file): say so, go on
            log.warning("cannot make %s readable by its owner only: %s", path, error)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that hash-chain the audit events and ledger entries they write."""
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", chain_new_rows)
    event.listen(factory, "before_flush", stamp_new_rows)
    return factory


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist (opening it would create it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database).expanduser()
    return None if path.exists() else path
