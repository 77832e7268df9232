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

A watchdog may also be told when a round trip has taken longer than ``suspect_s`` (once
per round trip, on the watchdog's thread: ``on_suspect`` must not block), and cut every
round trip of its engine at once (``cut_all``): ``db.stall_check`` uses both to tell a
stalled server from a slow one within a second or two instead of at the deadline.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)

MARGIN_S = 2.0
"""How long after the server's own timeout the client gives up on an answer."""
POLL_S = 0.5
"""While anything is armed, and for ``LINGER_POLLS`` looks after, the thread looks at the
deadlines at least this often, so arming a statement stays a dictionary write under a
lock: no wake-up per statement (a notify per statement, each a thread switch, cost a
till about 2 ms of CPU per sale)."""
LINGER_POLLS = 20
"""Looks with nothing armed before the thread sleeps until the next round trip (10 s)."""


NEVER = float("inf")


class StatementWatchdog:
    """Deadlines for the PostgreSQL connections of one engine (``limit_s`` each)."""

    def __init__(
        self,
        limit_s: float,
        suspect_s: float = NEVER,
        on_suspect: Callable[[], None] | None = None,
        refuse: Callable[[], bool] | None = None,
    ) -> None:
        """``on_suspect``: a round trip has taken ``suspect_s`` (called on the watchdog's
        thread); ``refuse``: true while a round trip should not even start (its socket is
        cut at once: the server is known not to answer)."""
        self.limit_s = limit_s
        self.suspect_s = suspect_s if on_suspect is not None else NEVER
        self.on_suspect = on_suspect
        self._refuse = refuse

    def arm(self, dbapi_connection: Any) -> None:
        """A round trip on ``dbapi_connection`` (a psycopg connection) starts now."""
        fd = _socket_of(dbapi_connection)
        if fd is None:
            return
        if self._refuse is not None and self._refuse():
            _cut(fd)
            return
        now = time.monotonic()
        entry = (now + self.limit_s, fd, weakref.ref(dbapi_connection), now + self.suspect_s, self)
        _WATCH.arm(id(dbapi_connection), entry)

    def cut_all(self) -> None:
        """Cut every round trip of this watchdog's engine now (the server has stalled)."""
        _WATCH.cut_owned_by(self)

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


_Entry = tuple[float, int, "weakref.ref[Any]", float, StatementWatchdog]
"""(deadline, socket, connection, when it becomes suspect, its watchdog)"""


class _Watch:
    """The process's one watchdog thread and the deadlines it keeps."""

    def __init__(self) -> None:
        self._armed: dict[int, _Entry] = {}
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._next_look = NEVER
        """When the thread looks next (it is woken only for an earlier time)."""
        self._idle_looks = 0

    def arm(self, key: int, entry: _Entry) -> None:
        with self._wake:
            self._armed[key] = entry
            self._idle_looks = 0
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="db-statement-watchdog", daemon=True
                )
                self._thread.start()
            elif min(entry[0], entry[3]) < self._next_look:
                self._wake.notify()  # else the thread looks again in time

    def disarm(self, key: int) -> None:
        with self._wake:
            self._armed.pop(key, None)

    def cut_owned_by(self, owner: StatementWatchdog) -> None:
        with self._wake:
            owned = [key for key, entry in self._armed.items() if entry[4] is owner]
            entries = [self._armed.pop(key) for key in owned]
        for entry in entries:
            _cut_if_open(entry)

    def _run(self) -> None:
        while True:
            with self._wake:
                if not self._armed:
                    self._idle()
                    continue
                now = time.monotonic()
                overdue = [(key, entry) for key, entry in self._armed.items() if entry[0] <= now]
                for key, _entry in overdue:
                    del self._armed[key]
                suspects = []
                for key, entry in list(self._armed.items()):
                    if entry[3] <= now:  # suspected once per round trip
                        self._armed[key] = (*entry[:3], NEVER, entry[4])
                        suspects.append(entry[4])
                if not overdue and not suspects:
                    earliest = min(min(entry[0], entry[3]) for entry in self._armed.values())
                    self._next_look = now + min(earliest - now, POLL_S)
                    self._wake.wait(self._next_look - now)
                    continue
            for _key, entry in overdue:
                _cut_if_open(entry)
            for owner in dict.fromkeys(suspects):
                if owner.on_suspect is not None:
                    owner.on_suspect()

    def _idle(self) -> None:
        """Nothing armed (the lock held): look again soon while round trips keep coming,
        sleep until the next one after ``LINGER_POLLS`` looks."""
        if self._idle_looks < LINGER_POLLS:
            self._idle_looks += 1
            self._next_look = time.monotonic() + POLL_S
            self._wake.wait(POLL_S)
        else:
            self._next_look = NEVER
            self._wake.wait()


def _cut_if_open(entry: _Entry) -> None:
    # Only a connection still open on that socket: a closed one's descriptor number may
    # already belong to another connection.
    _due, fd, connection, _suspect, _owner = entry
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
