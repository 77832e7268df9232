"""Noticing a pooled PostgreSQL connection the server has dropped, without a round trip on
every checkout.

SQLAlchemy's ``pool_pre_ping`` asked the server on every checkout: four or five round
trips a till operation (the rules, the checkout, the spooler's two looks), all answered
"still here" while tills worked. A connection is asked here only when there is a reason:

- its socket has something to read while it sits idle in the pool: a server that ends a
  backend (``pg_terminate_backend``, a restart, a crash) or a proxy that drops it sends an
  error and closes, or just closes, and either makes the socket readable; a look at the
  socket costs no round trip;
- it has been idle longer than ``IDLE_PING_S``: a network cut closes nothing, and a
  connection that waited in the pool meanwhile is asked before it is used (the ping has
  the statement watchdog's deadline, ``db.server_timeouts``).

A failed ask invalidates the pool and the checkout gets a new connection, as the
pre-ping did. What is left is what the pre-ping left too: a connection cut after the
look and before its first statement fails that statement, and the next unit connects
again.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, exc
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

IDLE_PING_S = 2.0
_RETURNED_AT = "pos_returned_at"


def watch_pooled_connections(
    engine: Engine, idle_ping_s: float = IDLE_PING_S, clock: Callable[[], float] = time.monotonic
) -> None:
    """Ask the server on checkout only for a connection that was idle longer than
    ``idle_ping_s`` or whose socket has something to read (see the module)."""

    def returned(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        if dbapi_connection is not None:
            record.info[_RETURNED_AT] = clock()

    def lent(
        dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None:  # new: it has just answered the connect
            return
        if clock() - returned_at <= idle_ping_s and not _has_input(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)  # the guarded ping, looked up now
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.InvalidatePoolError(f"the server dropped the connection: {error}") from error

    event.listen(engine.pool, "checkin", returned)
    event.listen(engine.pool, "checkout", lent)


def _has_input(dbapi_connection: Any) -> bool:
    """Something to read on an idle connection's socket (an error, the end of the
    connection), or no socket at all."""
    try:
        if dbapi_connection.closed or dbapi_connection.broken:
            return True
        socket = dbapi_connection.fileno()
        if hasattr(select, "poll"):  # any descriptor number (select() stops at 1024)
            poll = select.poll()
            poll.register(socket, select.POLLIN)
            return bool(poll.poll(0))  # readable, hung up or in error
        readable, _, _ = select.select([socket], [], [], 0)  # Windows
    except Exception:  # no socket to look at (the driver refuses fileno() once closed)
        return True
    return bool(readable)
