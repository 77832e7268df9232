"""Run the till's search statements straight on the database driver, compiled once.

The till searches on every keystroke. For a one-row indexed lookup, SQLAlchemy's
per-call work (pool checkout and reset, the statement's cache key, result
processing) costs about three times the query itself (measured: 47 µs against
13 µs at a million members). The statements are still written with SQLAlchemy
Core and compiled for the engine's dialect, so SQLite and PostgreSQL run the same
SQL the rest of the till would; only the execution skips the per-call layers.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

from db.server_timeouts import statement_guard
from db.storage_errors import unavailable


class LookupReader:
    """Read-only driver connections outside the pool, in autocommit, lent one a statement.

    Autocommit matters on PostgreSQL (no transaction left idle between keystrokes) and
    means every lookup sees what other tills have committed.

    A statement borrows an idle connection and gives it back, so there are never more
    connections than searches at once (two on the counter's pool). They used to be kept
    per thread, in a ``threading.local``: the till searches on Qt's pool threads, which
    Python does not own, and PySide gives such a thread a new Python thread state for
    every job, so every keystroke opened a connection and left it open (at a million
    members, 4,000 connections and 1.6 GB within two minutes of typing).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._prepared: dict[int, _Prepared] = {}
        self._idle: list[PoolProxiedConnection] = []
        self._lock = threading.Lock()
        self._disconnect_errors = (engine.dialect.loaded_dbapi.Error,)

    def rows(
        self, statement: ClauseElement, params: Mapping[str, object]
    ) -> Sequence[Sequence[Any]]:
        prepared = self._prepare(statement)
        args = prepared.arguments(params)
        try:
            return self._execute(prepared.sql, args)
        except (*self._disconnect_errors, SQLAlchemyError):
            self.close()  # the server restarted or the file was replaced: all are stale
        try:
            return self._execute(prepared.sql, args)
        except (*self._disconnect_errors, SQLAlchemyError) as error:
            self.close()
            raise unavailable(error) from error

    def close(self) -> None:
        """Closes the idle connections (one in use is closed when its statement ends)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            self._close(connection)

    def _execute(
        self, sql: str, args: Sequence[object] | Mapping[str, object]
    ) -> Sequence[Sequence[Any]]:
        connection = self._borrow()
        try:
            cursor = connection.cursor()
            try:
                # The fairy's own ``dbapi_connection``: after ``detach()`` its
                # ``driver_connection`` is None, and a guard on None never armed (a search
                # on a kept connection then waited for ever on a stalled server).
                with statement_guard(self._engine, connection.dbapi_connection):
                    cursor.execute(sql, args)
                    found = cursor.fetchall()
            finally:
                cursor.close()
        except BaseException:
            self._close(connection)
            raise
        with self._lock:
            self._idle.append(connection)
        return found

    def _prepare(self, statement: ClauseElement) -> _Prepared:
        prepared = self._prepared.get(id(statement))
        if prepared is None:
            compiled = statement.compile(dialect=self._engine.dialect)
            assert isinstance(compiled, SQLCompiler)
            order = tuple(compiled.positiontup or ()) if compiled.positional else None
            prepared = _Prepared(compiled.string, order, dict(compiled.params))
            self._prepared[id(statement)] = prepared
        return prepared

    def _borrow(self) -> PoolProxiedConnection:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        connection = self._engine.raw_connection()
        try:
            if self._engine.dialect.name == "postgresql":
                connection.rollback()  # psycopg takes autocommit only outside a transaction
                connection.driver_connection.autocommit = True  # type: ignore[union-attr]
            connection.detach()  # never handed back to the pool with autocommit on
        except BaseException:
            connection.invalidate()  # closed, not handed back: it failed on the way out
            raise
        return connection

    def _close(self, connection: PoolProxiedConnection) -> None:
        with contextlib.suppress(*self._disconnect_errors):
            connection.close()


@dataclass(frozen=True)
class _Prepared:
    """A statement compiled for the dialect: its SQL, parameter order and fixed values.

    ``order`` is ``None`` for drivers that take named parameters (psycopg); SQLite's
    ``LIMIT`` adds a bound ``OFFSET 0``, which ``defaults`` supplies.
    """

    sql: str
    order: tuple[str, ...] | None
    defaults: dict[str, object]

    def arguments(self, params: Mapping[str, object]) -> Sequence[object] | Mapping[str, object]:
        if self.order is None:
            return {**self.defaults, **params}
        return tuple(params[name] if name in params else self.defaults[name] for name in self.order)


def as_date(value: object) -> date | None:
    """SQLite hands dates back as ISO text when SQLAlchemy's result layer is skipped."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
