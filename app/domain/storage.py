"""What storage can answer that a use case must understand, whatever the database."""

from __future__ import annotations


class WriteConflict(Exception):
    """Another till's write got there first (a unique key or check it now breaks): the
    unit of work was rolled back; look again and retry, or refuse."""


class StorageUnavailable(Exception):
    """The database could not be reached or did not answer (server down, connection cut,
    file locked or unwritable): nothing was written; the same action can be tried again."""


class StorageRefused(Exception):
    """The database refused a value (too long, out of range): nothing was written."""
