"""Database failures as the storage errors a use case and the UI understand.

SQLAlchemy and driver exception types stop here: ``with`` blocks over the database raise
``StorageUnavailable`` or ``StorageRefused`` (unique keys stay ``WriteConflict``, mapped by
the unit of work), so no layer above ``db`` needs to know them.
"""

from __future__ import annotations

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.domain.storage import StorageBusy, StorageRefused, StorageUnavailable

BUSY_STATES = frozenset({"55P03", "57014"})
"""PostgreSQL's lock_not_available and query_canceled: the server answered, it gave up."""


def storage_error(error: BaseException | None) -> Exception | None:
    """The storage error ``error`` stands for; ``None`` when it is not a database failure."""
    if isinstance(error, DataError):
        return StorageRefused(_first_line(error))
    if isinstance(error, (OperationalError, InterfaceError, PoolTimeout)):
        return unavailable(error)
    if isinstance(error, DBAPIError) and not isinstance(error, IntegrityError):
        return StorageUnavailable(_first_line(error)) if error.connection_invalidated else None
    return None


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    text = str(orig if orig is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def unavailable(error: BaseException) -> StorageUnavailable:
    """``StorageBusy`` when the server answered that it gave up waiting (a timeout of its
    own), else ``StorageUnavailable``; ``error`` is SQLAlchemy's or the driver's."""
    driver = getattr(error, "orig", None) or error
    if getattr(driver, "sqlstate", None) in BUSY_STATES:
        return StorageBusy(_first_line(error))
    return StorageUnavailable(_first_line(error))
