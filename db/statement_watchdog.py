"""A client-side deadline on every PostgreSQL round trip, so a stalled server cannot hang
the till.

The server enforces ``statement_timeout`` and ``lock_timeout`` itself, but a server that
has stopped answering (its processes stalled, its host frozen, a network path that drops
packets while the kernel still acknowledges them) cannot: the driver then waits for an
answer forever. The watchdog notes a deadline when a statement, commit, rollback or ping
starts and forgets it when it ends; a deadline that passes cuts the connection's socket,
so the waiting call fails at once with a connection error (SQLAlchemy invalidates the
connection and the caller gets ``StorageUnavailable``). The deadline is the server's own
timeout plus a margin: a server that answers always answers first.

One thread serves every engine in the process; it sleeps while nothing is armed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import weakref
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

MARGIN_S = 2.0
"""How long after the server's own timeout the client gives up on an answer."""
POLL_S = 0.5
"""While anything is armed, the thread looks at the deadlines at least this often (no
wake-up per statement: arming stays a dictionary write under a lock)."""


class StatementWatchdog:
    """Deadlines for the PostgreSQL connections of one engine (``limit_s`` each)."""

    def __init__(self, limit_s: float) -> None:
        self.limit_s = limit_s

    def arm(self, dbapi_connection: Any) -> None:
        """A round trip on ``dbapi_connection`` (a psycopg connection) starts now."""
        fd = _socket_of(dbapi_connection)
        if fd is not None:
            deadline = time.monotonic() + self.limit_s
            _WATCH.arm(id(dbapi_connection), deadline, fd, weakref.ref(dbapi_connection))

    def disarm(self, dbapi_connection: Any) -> None:
        _WATCH.disarm(id(dbapi_connection))

    @contextlib.contextmanager
    def guard(self, dbapi_connection: Any) -> Iterator[None]:
        self.arm(dbapi_connection)
        try:
            yield
        finally:
            self.disarm(dbapi_connection)


def _socket_of(dbapi_connection: Any) -> int | None:
    pgconn = getattr(dbapi_connection, "pgconn", None)
    try:
        if pgconn is None or dbapi_connection.closed:
            return None
        return int(pgconn.socket)
    except Exception:  # closed or broken: nothing to watch
        return None


_Entry = tuple[float, int, "weakref.ref[Any]"]


class _Watch:
    """The process's one watchdog thread and the deadlines it keeps."""

    def __init__(self) -> None:
        self._armed: dict[int, _Entry] = {}
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, key: int, deadline: float, fd: int, connection: weakref.ref[Any]) -> None:
        with self._wake:
            was_idle = not self._armed
            self._armed[key] = (deadline, fd, connection)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="db-statement-watchdog", daemon=True
                )
                self._thread.start()
            elif was_idle:
                self._wake.notify()  # else the thread looks again within POLL_S

    def disarm(self, key: int) -> None:
        with self._wake:
            self._armed.pop(key, None)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._armed:
                    self._wake.wait()
                now = time.monotonic()
                overdue = [(key, entry) for key, entry in self._armed.items() if entry[0] <= now]
                for key, _entry in overdue:
                    del self._armed[key]
                if not overdue:
                    earliest = min(entry[0] for entry in self._armed.values())
                    self._wake.wait(min(earliest - now, POLL_S))
                    continue
            for _key, (_due, fd, connection) in overdue:
                # Only a connection still open on that socket: a closed one's descriptor
                # number may already belong to another connection.
                alive = connection()
                if alive is not None and _socket_of(alive) == fd:
                    _cut(fd)


def _cut(fd: int) -> None:
    """Shut the socket down under the driver: its wait ends with a connection error."""
    log.warning("the database did not answer in time: closing the connection")
    try:
        duplicate = os.dup(fd)
    except OSError:
        return
    try:
        with socket.socket(fileno=duplicate) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


_WATCH = _Watch()
