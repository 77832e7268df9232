"""``db.stall_check.StallCheck`` with stand-in probes: a probe answered leaves the round
trips alone; one unanswered cuts them and makes the next connection short-lived until a
connection or a probe succeeds; a connection that does not open in time is a stall."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from db.stall_check import ServerStalled, StallCheck, bounded

WAIT_S = 10.0
"""For an event that comes within a second: far above it, far below "never"."""


def check_with(probe: Callable[[], None]) -> tuple[StallCheck, threading.Event]:
    cut = threading.Event()
    return StallCheck(probe, cut.set, probe_s=0.05), cut


def settled(check: StallCheck) -> threading.Event:
    """Set once the check has probed and given its verdict."""
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if check.probes_answered or check.stalls:
                done.set()
            done.wait(0.01)

    threading.Thread(target=watch, daemon=True).start()
    return done


def test_a_server_that_answers_the_probe_is_slow_not_stalled() -> None:
    check, cut = check_with(lambda: None)
    check.suspect()
    assert settled(check).wait(WAIT_S)
    assert (check.probes_answered, check.stalls) == (1, 0)
    assert not cut.is_set() and not check.stalled and not check.refusing()


def test_a_server_that_does_not_answer_the_probe_has_its_round_trips_cut() -> None:
    never = threading.Event()

    def hang() -> None:
        never.wait()

    check, cut = check_with(hang)
    check.suspect()
    assert cut.wait(WAIT_S)
    assert (check.probes_answered, check.stalls) == (0, 1)
    assert check.stalled and check.refusing()
    with pytest.raises(ServerStalled):  # the reconnect right after the cut is not waited for
        check.connect(lambda: never.wait(), connect_s=30)
    assert check.stalls == 1  # a short reconnect that fails is not a new verdict
    opened = check.connect(lambda: "connection", connect_s=30)  # the server is back
    assert opened == "connection" and not check.stalled
    never.set()


def test_a_connection_that_does_not_open_in_time_is_a_stall() -> None:
    never = threading.Event()
    check, cut = check_with(lambda: None)
    with pytest.raises(ServerStalled):
        check.connect(lambda: never.wait(), connect_s=0.05)
    assert cut.is_set() and check.stalls == 1
    never.set()


def test_a_late_result_is_discarded_and_an_error_is_the_callers() -> None:
    release, discarded = threading.Event(), threading.Event()

    def late() -> str:
        release.wait()
        return "late"

    with pytest.raises(ServerStalled):
        bounded(late, 0.01, lambda result: discarded.set() if result == "late" else None)
    release.set()
    assert discarded.wait(WAIT_S)
    with pytest.raises(ZeroDivisionError):
        bounded(lambda: 1 // 0, WAIT_S, lambda _result: None)
