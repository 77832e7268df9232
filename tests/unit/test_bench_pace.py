"""The schedule of a paced till in ``pos bench tills --rate``: starts a fixed interval
apart from the first (not an interval after each one ends), none skipped when a till is
behind, and how late each start was."""

from __future__ import annotations

import pytest

from app.benchmark.pace import Pacer, phases


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_starts_keep_a_fixed_schedule_from_the_first_one() -> None:
    clock = Clock()
    pacer = Pacer(0.5, phase_s=0.1, clock=clock, sleep=clock.sleep)

    pacer.wait_turn()  # due at 100.1
    clock.now += 0.2  # the operation took 0.2 s
    pacer.wait_turn()  # due at 100.6, not 100.8

    assert clock.slept == [0.1, 0.3]
    assert clock.now == 100.6
    assert pacer.late_ms == [0.0, 0.0]


def test_a_till_behind_starts_at_once_and_says_how_late() -> None:
    clock = Clock()
    pacer = Pacer(0.5, clock=clock, sleep=clock.sleep)

    pacer.wait_turn()
    clock.now += 1.25  # over two intervals: the next two are overdue
    pacer.wait_turn()
    pacer.wait_turn()
    pacer.wait_turn()  # due at 101.5, now 101.25

    assert [round(ms) for ms in pacer.late_ms] == [0, 750, 250, 0]
    assert clock.slept == [0.25]


def test_back_to_back_never_waits() -> None:
    clock = Clock()
    pacer = Pacer(0.0, clock=clock, sleep=clock.sleep)

    for _ in range(3):
        pacer.wait_turn()

    assert clock.slept == [] and pacer.late_ms == []


def test_tills_start_spread_over_one_interval() -> None:
    assert phases(4, 0.8) == pytest.approx([0.0, 0.2, 0.4, 0.6])
    assert phases(3, 0.0) == [0.0, 0.0, 0.0]
