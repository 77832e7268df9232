"""Several units of work in one server transaction, each in a savepoint of its own.

For the offline resync (``app.offline.batched_resync``): a replayed sale goes through the
same ``CheckoutService`` as an online one, on a unit that is a savepoint of the batch's
transaction. A unit that commits releases its savepoint; one left without a commit (a
refused sale) rolls back to it and leaves the others alone. Nothing is on the server
until the batch's own commit, so a batch that fails anywhere (its commit included) has
written nothing: the caller replays those sales again, one transaction each, and the
request keys make that exact.

On SQLite the driver begins its transaction at the first write, not at the session's
``BEGIN``: a savepoint opened first would become the transaction and its release a
commit (each sale committed alone, the batch no longer all or nothing). The batch
therefore starts with ``BEGIN IMMEDIATE`` itself, so the savepoints nest inside it; the
write lock is taken at once (a deferred transaction that read first fails with "database
is locked" when another connection commits before its first write).
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from app.domain.storage import WriteConflict
from db.storage_errors import storage_error
from db.unit_of_work import SqlUnitOfWork


class SqlBatch:
    """``with SqlBatch(sessions) as units: ...``: ``units()`` gives savepoint units; the
    batch commits when the block ends without an error, else rolls everything back."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._outer = SqlUnitOfWork(sessions)

    def __enter__(self) -> Callable[[], _SavepointUnit]:
        outer = self._outer.__enter__()
        session = outer._session
        assert session is not None
        try:
            connection = session.connection()
            if connection.dialect.name == "sqlite":
                driver = connection.connection.dbapi_connection
                if driver is not None and not getattr(driver, "in_transaction", True):
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException as failed:  # no connection, or the file's lock not had
            self._outer.__exit__(type(failed), failed, failed.__traceback__)
            raise
        self._session = session
        self._known = _Known(outer)
        return self._unit

    def _unit(self) -> _SavepointUnit:
        return _SavepointUnit(self._outer, self._session, self._known)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            try:
                self._outer.commit()
            except BaseException as failed:
                self._outer.__exit__(type(failed), failed, failed.__traceback__)
                raise
        self._outer.__exit__(kind, error, trace)


class _Known:
    """What a batch reads once for all its sales: the staff accounts (each sale checks its
    cashier's right to take payments) and the loyalty rules (each sale prices with them).
    A batch lasts a fraction of a second: as a sale that read them a moment earlier."""

    def __init__(self, outer: SqlUnitOfWork) -> None:
        self._outer = outer
        self._accounts: dict[Any, Any] = {}
        self._rules: Any = None

    def find(self, staff_id: Any) -> Any:
        if staff_id not in self._accounts:
            self._accounts[staff_id] = self._outer.staff.find(staff_id)
        return self._accounts[staff_id]

    def rules(self) -> Any:
        if self._rules is None:
            self._rules = self._outer.programme.rules()
        return self._rules


class _Delegate:
    """``inner`` with some of its methods answered by ``known`` instead."""

    def __init__(self, inner: Any, known: _Known, names: frozenset[str]) -> None:
        self._inner, self._known, self._names = inner, known, names

    def __getattr__(self, name: str) -> Any:
        return getattr(self._known if name in self._names else self._inner, name)


class _SavepointUnit:
    """The batch's repositories, inside a savepoint of its transaction."""

    def __init__(self, outer: SqlUnitOfWork, session: Session, known: _Known) -> None:
        self._outer, self._session = outer, session
        self._savepoint: SessionTransaction | None = None
        self.staff = _Delegate(outer.staff, known, frozenset({"find"}))
        self.programme = _Delegate(outer.programme, known, frozenset({"rules"}))

    def __getattr__(self, name: str) -> Any:  # the other repositories: the batch's own
        return getattr(self._outer, name)

    def __enter__(self) -> _SavepointUnit:
        if self._savepoint is not None:
            raise RuntimeError("a unit of work is used once: open a new one")
        self._savepoint = self._session.begin_nested()
        return self

    def commit(self) -> None:
        assert self._savepoint is not None, "commit inside 'with'"
        self._savepoint.commit()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._savepoint is not None
        try:
            if self._savepoint.is_active:
                self._savepoint.rollback()
        except DBAPIError as failed:  # the connection is gone: the batch is lost
            error = error or failed
        finally:
            self._session.expire_all()  # the next sale reads what this one left
        if isinstance(error, IntegrityError):
            raise WriteConflict(str(error.orig)) from error
        mapped = storage_error(error)
        if mapped is not None:
            raise mapped from error


def batch_opener(sessions: sessionmaker[Session]) -> Callable[[], SqlBatch]:
    """``SqlBatch`` over ``sessions``, as a zero-argument callable."""
    return lambda: SqlBatch(sessions)
