"""Closing a connection that comes back to a pool its engine has disposed of.

``Engine.dispose()`` (a till closing, a copy's engine replaced) closes the pooled
connections, not those a thread still has out: a background read the closing till no
longer waits for, stalled on a slow server. SQLAlchemy leaves those to be closed when the
old pool is garbage collected, which keeps their server backends until then and which
psycopg reports as a connection "deleted while still open". Here each is closed as it
comes back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry

_DISPOSALS_SEEN = "pos_disposals_seen"


def close_late_returns(engine: Engine) -> None:
    disposals = [0]

    def disposed(_engine: Engine) -> None:
        disposals[0] += 1

    def connected(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_DISPOSALS_SEEN] = disposals[0]

    def returned(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        if dbapi_connection is not None and record.info.get(_DISPOSALS_SEEN) != disposals[0]:
            record.invalidate()  # its pool was disposed of while it was out

    event.listen(engine, "engine_disposed", disposed)
    event.listen(engine.pool, "connect", connected)
    event.listen(engine.pool, "checkin", returned)
