"""Telling a stalled PostgreSQL server from a slow one in about a second and a half.

A server that has stopped answering (its processes stopped, its host frozen, a network
path that swallows packets) keeps its connections open: the till's statement waits for
the watchdog's deadline (``statement_s`` plus a margin, 7 s by default) and the
reconnect that follows waits for libpq's connect timeout (at least 2 s). A till that must
sell again within 2 s of the server vanishing cannot wait for either (issue 22).

Shortening the deadlines would fail a slow statement on a server that is merely busy. So
the till asks a second question instead: when a round trip has taken ``SUSPECT_S``, a
fresh connection (not from the pool) is opened beside it and asked ``SELECT 1``. A server
that answers it within ``PROBE_S`` is alive: the slow statement goes on to its own
deadline. One that does not has stalled: every round trip of the engine is cut at once
(the callers get ``StorageUnavailable`` and the counter switches to its local copy), and
for ``FRESH_S`` after that verdict a round trip on an older connection is cut before it
starts and a new connection gets ``RECONNECT_S`` instead of the connect timeout; a
connection that succeeds, or a probe the server answers, ends the verdict.

The cost on a live server: nothing per statement (the watchdog already notes each one);
a round trip slower than ``SUSPECT_S`` (a lock wait, a report) opens one connection. The
risk: a server so loaded that a new connection takes longer than ``PROBE_S`` while a
statement is slow is taken for stalled, and the till sells on its copy until the status
bar's probe (every 2 s) hears it again.

New connections are bounded the same way: a connect that has not finished within
``SUSPECT_S + PROBE_S`` (or the till's ``connect_s``, when shorter) is a stall.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

SUSPECT_S = 0.5
"""A round trip this long makes the till ask whether the server answers at all."""
PROBE_S = 0.8
"""How long a fresh connection and its ``SELECT 1`` may take on a server that is alive."""
FRESH_S = 1.5
"""How long a "stalled" verdict stands as it is: a round trip on a connection opened
before it is cut at once, a new connection gets ``RECONNECT_S``."""
RECONNECT_S = 0.3
"""A new connection while the verdict is fresh (the pool's reconnect after the cut, a
server that has just come back: a live server answers a connect in milliseconds)."""


class ServerStalled(Exception):
    """Raised inside the bounded calls; callers see the driver's ``OperationalError``."""


class StallCheck:
    """The stall verdicts of one engine's server. ``probe`` opens a new driver connection,
    asks ``SELECT 1`` and closes it, raising when it cannot (blocking; bounded here)."""

    def __init__(
        self,
        probe: Callable[[], None],
        on_stalled: Callable[[], None],
        probe_s: float = PROBE_S,
        fresh_s: float = FRESH_S,
    ) -> None:
        self._probe, self._on_stalled = probe, on_stalled
        self.probe_s, self.fresh_s = probe_s, fresh_s
        self._lock = threading.Lock()
        self._probing = False
        self._again = False
        self._stalled_at: float | None = None
        self.probes_answered = 0
        """Probes the server answered (a slow round trip on a live server): for tests."""
        self.stalls = 0
        """Verdicts of "stalled" (each one cut the engine's round trips)."""

    @property
    def stalled(self) -> bool:
        """The server was found stalled and has not answered a connection since."""
        with self._lock:
            return self._stalled_at is not None

    def refusing(self) -> bool:
        """A fresh verdict of "stalled": fail at once rather than wait."""
        with self._lock:
            at = self._stalled_at
        return at is not None and time.monotonic() - at < self.fresh_s

    def suspect(self) -> None:
        """A round trip is slow: probe the server in the background (one probe at a time;
        a suspicion during a probe is probed again after it, the stall may be newer)."""
        with self._lock:
            if self._probing:
                self._again = True
                return
            self._probing = True
        probing = threading.Thread(target=self._settle, name="db-stall-probe", daemon=True)
        probing.start()

    def _settle(self) -> None:
        while True:
            alive = self._ask()
            with self._lock:
                again = self._again and alive
                self._again = False
                if not again:
                    self._probing = False
            if not alive:
                self.found_stalled()
            if not again:
                return

    def _ask(self) -> bool:
        try:
            bounded(self._probe, self.probe_s, lambda _none: None)
        except Exception as error:
            log.warning("the database server did not answer a new connection: %s", error)
            return False
        with self._lock:
            self.probes_answered += 1
            self._stalled_at = None
        return True

    def found_stalled(self) -> None:
        with self._lock:
            self._stalled_at = time.monotonic()
            self.stalls += 1
        log.warning("the database server has stalled: its connections are cut")
        self._on_stalled()

    def answered(self) -> None:
        with self._lock:
            self._stalled_at = None

    def connect(self, open_connection: Callable[[], Any], connect_s: float) -> Any:
        """A new driver connection, or ``ServerStalled`` after ``RECONNECT_S`` (a fresh
        verdict: the reconnect right after a cut must not wait) or after
        ``min(connect_s, SUSPECT_S + probe_s)`` (a stall found now)."""
        fresh = self.refusing()
        limit = RECONNECT_S if fresh else min(connect_s, SUSPECT_S + self.probe_s)
        try:
            connection = bounded(open_connection, limit, _close_quietly)
        except ServerStalled:
            if not fresh:
                self.found_stalled()
            raise
        self.answered()
        return connection


def bounded(call: Callable[[], Any], seconds: float, discard: Callable[[Any], None]) -> Any:
    """``call()``'s result, or ``ServerStalled`` when it has not returned within
    ``seconds`` (it goes on in a daemon thread; what it returns late goes to ``discard``).
    Its own exception is raised here."""
    done = threading.Event()
    lock = threading.Lock()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            result = call()
        except BaseException as error:  # handed to the caller
            with lock:
                outcome["error"] = error
            done.set()
            return
        with lock:
            late = outcome.get("abandoned", False)
            outcome["result"] = result
        done.set()
        if late:
            discard(result)

    threading.Thread(target=run, name="db-bounded-call", daemon=True).start()
    if not done.wait(seconds):
        with lock:
            if "result" not in outcome and "error" not in outcome:
                outcome["abandoned"] = True
                raise ServerStalled(f"no answer within {seconds:.1f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # a late connection to a server that stalled: nothing to keep
        log.debug("closing a late connection failed", exc_info=True)


def install(engine: Engine, connect_s: float, on_stalled: Callable[[], None]) -> StallCheck:
    """Bound ``engine``'s new connections and give it a ``StallCheck`` whose probe opens a
    connection with the engine's own parameters."""
    dialect = engine.dialect
    parameters: dict[str, Any] = {}

    def probe() -> None:
        cargs, cparams = parameters["last"]
        connection = dialect.connect(*cargs, **cparams)
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT 1")
            cursor.fetchall()
        finally:
            connection.close()

    check = StallCheck(probe, on_stalled)

    @event.listens_for(engine, "do_connect")
    def connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        parameters["last"] = (tuple(cargs), dict(cparams))
        try:
            return check.connect(lambda: dialect.connect(*cargs, **cparams), connect_s)
        except ServerStalled as error:
            raise dialect.loaded_dbapi.OperationalError(str(error)) from error

    return check
