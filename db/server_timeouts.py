"""Timeouts on PostgreSQL connections: connect, statement, lock, idle in a transaction,
TCP keepalives, and the client-side watchdog for a server that stops answering.

Measured before: during a network cut a checkout or a search waited more than 45 s.
With these a dead or stalled server is noticed within ``connect_s`` (a new connection)
or ``statement_s`` plus ``db.statement_watchdog.MARGIN_S`` (a statement under way).
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL

from app.domain.storage import DatabaseTimeouts
from db import stall_check
from db.statement_watchdog import MARGIN_S, StatementWatchdog

KEEPALIVE_IDLE_S = 5
KEEPALIVE_INTERVAL_S = 2
KEEPALIVE_COUNT = 3
"""An idle connection to a vanished host is noticed after about 5 + 2 x 3 = 11 s."""
CONNECT_TIMEOUT_S = 10
"""For engines without the till's timeouts (command-line tools)."""

_watchdogs: weakref.WeakKeyDictionary[Engine, StatementWatchdog] = weakref.WeakKeyDictionary()
_stall_checks: weakref.WeakKeyDictionary[Engine, stall_check.StallCheck] = (
    weakref.WeakKeyDictionary()
)


def server_connect_args(url: URL, timeouts: DatabaseTimeouts | None) -> dict[str, Any]:
    """libpq connection parameters for ``url`` (options already in the URL are kept and
    win over ours)."""
    args: dict[str, Any] = {
        "connect_timeout": timeouts.connect_s if timeouts is not None else CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": KEEPALIVE_IDLE_S,
        "keepalives_interval": KEEPALIVE_INTERVAL_S,
        "keepalives_count": KEEPALIVE_COUNT,
    }
    if timeouts is not None:
        ours = " ".join(
            f"-c {name}={seconds * 1000}"
            for name, seconds in (
                ("statement_timeout", timeouts.statement_s),
                ("lock_timeout", timeouts.lock_s),
                ("idle_in_transaction_session_timeout", timeouts.idle_in_transaction_s),
            )
        )
        theirs = url.query.get("options")
        if isinstance(theirs, str) and theirs:
            ours = f"{ours} {theirs}"
        args["options"] = ours
    return args


def guard_server_engine(engine: Engine, timeouts: DatabaseTimeouts) -> None:
    """Every statement, commit, rollback and pre-ping on ``engine`` gets a client-side
    deadline of ``statement_s`` plus a margin, and a stall check (``db.stall_check``): a
    round trip slow enough makes the till ask the server on a new connection whether it
    answers at all, and cut the engine's connections when it does not."""
    watchdogs: list[StatementWatchdog] = []

    def cut_all() -> None:
        for dog in watchdogs:
            dog.cut_all()

    check = stall_check.install(engine, timeouts.connect_s, cut_all)
    watchdog = StatementWatchdog(
        timeouts.statement_s + MARGIN_S, stall_check.SUSPECT_S, check.suspect, check.refusing
    )
    watchdogs.append(watchdog)
    _watchdogs[engine] = watchdog
    _stall_checks[engine] = check

    def arm(conn: Any, *_args: Any) -> None:
        if not conn.invalidated:  # an invalidated one has no driver connection left
            watchdog.arm(conn.connection.dbapi_connection)

    def disarm(conn: Any, *_args: Any) -> None:
        if not conn.invalidated:
            watchdog.disarm(conn.connection.dbapi_connection)

    def disarm_on_error(context: Any) -> None:
        with contextlib.suppress(Exception):  # already invalidated: checkin disarms it
            disarm(context.connection)

    def disarm_returned(dbapi_connection: Any, _record: Any) -> None:
        watchdog.disarm(dbapi_connection)

    def arm_reset(dbapi_connection: Any, _record: Any, _state: Any) -> None:
        watchdog.arm(dbapi_connection)  # the pool's rollback on return; checkin disarms

    event.listen(engine, "before_cursor_execute", arm)
    event.listen(engine, "after_cursor_execute", disarm)
    event.listen(engine, "commit", arm)  # disarmed by the next statement or the checkin
    event.listen(engine, "rollback", arm)
    event.listen(engine, "handle_error", disarm_on_error)
    event.listen(engine.pool, "reset", arm_reset)
    event.listen(engine.pool, "checkin", disarm_returned)
    event.listen(engine.pool, "close", disarm_returned)
    event.listen(engine.pool, "detach", disarm_returned)
    event.listen(
        engine.pool, "close_detached", lambda dbapi_connection: watchdog.disarm(dbapi_connection)
    )
    dialect = engine.dialect
    ping = dialect.do_ping

    def guarded_ping(dbapi_connection: Any) -> bool:
        with watchdog.guard(dbapi_connection):
            return ping(dbapi_connection)

    # The pool's pre-ping runs outside every event above; a ping to a stalled server would
    # otherwise wait for ever. Only this engine's own dialect object is changed.
    setattr(dialect, "do_ping", guarded_ping)  # noqa: B010


@contextlib.contextmanager
def statement_guard(engine: Engine, dbapi_connection: Any) -> Iterator[None]:
    """For code that runs statements on a driver connection directly (the till's search):
    the same client-side deadline as the engine's own statements; nothing on SQLite."""
    watchdog = _watchdogs.get(engine)
    if watchdog is None:
        yield
        return
    with watchdog.guard(dbapi_connection):
        yield


def stall_check_of(engine: Engine) -> stall_check.StallCheck | None:
    """``engine``'s stall check (PostgreSQL with the till's timeouts), for tests and the
    bench."""
    return _stall_checks.get(engine)
