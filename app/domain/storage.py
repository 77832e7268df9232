"""What storage can answer that a use case must understand, whatever the database."""

from __future__ import annotations

from dataclasses import dataclass


class WriteConflict(Exception):
    """Another till's write got there first (a unique key or check it now breaks): the
    unit of work was rolled back; look again and retry, or refuse."""


class StorageUnavailable(Exception):
    """The database could not be reached or did not answer (server down, connection cut,
    file locked or unwritable): nothing was written; the same action can be tried again."""


class StorageBusy(StorageUnavailable):
    """The database answered but gave up waiting (a row another till holds longer than
    the lock timeout, a statement over the statement timeout): nothing was written, and
    the server itself is reachable."""


class StorageRefused(Exception):
    """The database refused a value (too long, out of range): nothing was written."""


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long a till waits for a shared (PostgreSQL) database before it gives up and
    says the server cannot be reached. SQLite has its own busy timeout instead."""

    connect_s: int = 3
    statement_s: int = 5
    lock_s: int = 3
    """Waiting for a row another till holds (a member's balance mid-checkout)."""
    idle_in_transaction_s: int = 30
    """The server ends a session left inside a transaction this long (a till that froze)."""
