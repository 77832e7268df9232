"""What storage can answer that a use case must understand, whatever the database."""

from __future__ import annotations


class WriteConflict(Exception):
    """Another till's write got there first (a unique key or check it now breaks): the
    unit of work was rolled back; look again and retry, or refuse."""
