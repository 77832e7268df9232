"""The daily catch-up in small transactions, on both databases: a checkout commits while a
points expiry is half-way, a run killed mid-way resumes where its last commit left it,
and two tills running it at once expire every point once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import partial

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.bill import build_bill
from app.domain.payment import PaymentMethod, Tender
from app.domain.points import points_to_expire
from app.services.points_expiry import POSITION, WATERMARK, PointsExpiryService
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine, session_factory
from db.models import MemberRow, OrderRow, PointsLedgerRow, SettingRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for

ZHANG_WEI = "13800138000"
LIFE_DAYS = 730


class Gate:
    """A pause between chunks that holds the job after its first chunk until opened."""

    def __init__(self) -> None:
        self.paused, self.go = threading.Event(), threading.Event()

    def __call__(self, _seconds: float) -> None:
        self.paused.set()
        assert self.go.wait(timeout=120), "the test never opened the gate"


@pytest.fixture
def engine(till: Till, database_url: str, clock: FakeClock) -> Iterator[Engine]:
    """The demo till's database, its opening points a day past their life."""
    clock.advance(timedelta(days=LIFE_DAYS + 1))
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


def units_of(engine: Engine) -> UnitOfWorkFactory:
    return partial(SqlUnitOfWork, session_factory(engine))


def due_now(engine: Engine, today: date) -> dict[int, int]:
    """What each member should lose today, from the members' ledgers before the run."""
    with units_of(engine)() as uow:
        policy = uow.programme.rules().points
        ids = uow.ledgers.members_who_earned(after=None, through=today)
        histories = uow.ledgers.points_histories(ids)
    due = {m: points_to_expire(h, today, policy) for m, h in histories.items()}
    return {member: points for member, points in due.items() if points > 0}


def expiries(engine: Engine) -> dict[int, list[int]]:
    """Each member's expiry entries, as the points they took away."""
    with Session(engine) as session:
        rows = session.execute(
            select(PointsLedgerRow.member_id, PointsLedgerRow.delta)
            .where(PointsLedgerRow.reason == "expire")
            .order_by(PointsLedgerRow.id)
        )
        found: dict[int, list[int]] = {}
        for member_id, delta in rows:
            found.setdefault(member_id, []).append(-delta)
        return found


def setting(engine: Engine, key: str) -> str | None:
    with Session(engine) as session:
        return session.scalar(select(SettingRow.value).where(SettingRow.key == key))


def expiry(
    engine: Engine, clock: FakeClock, holder: str, pause: Callable[[float], None]
) -> PointsExpiryService:
    job = PointsExpiryService(units_of(engine), clock, holder, pause)
    job.chunk = 3
    return job


def test_a_checkout_commits_while_the_catch_up_is_half_way(
    till: Till, engine: Engine, clock: FakeClock
) -> None:
    today = clock.now().date()
    due = due_now(engine, today)
    assert len(due) > 6  # several chunks of three
    gate = Gate()
    job = expiry(engine, clock, "T1", pause=gate)
    results: list[int] = []
    runner = threading.Thread(target=lambda: results.append(job.run(today)))
    runner.start()
    try:
        assert gate.paused.wait(timeout=120)
        draft = order_for(till, ZHANG_WEI, "HOT-01")
        bill = build_bill(draft, till.loyalty.rules(), clock.now())
        done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
        with Session(engine) as session:
            assert session.scalar(select(OrderRow.id).where(OrderRow.order_no == done.order_no))
        assert runner.is_alive() and setting(engine, WATERMARK) in (None, "")
        assert setting(engine, POSITION)  # one chunk committed, the rest to come
    finally:
        gate.go.set()
        runner.join(timeout=120)
    assert results == [sum(due.values())]
    assert expiries(engine) == {member: [points] for member, points in due.items()}
    assert setting(engine, WATERMARK) == (today - timedelta(days=LIFE_DAYS)).isoformat()
    assert setting(engine, POSITION) == ""


def test_a_till_that_takes_over_a_stalled_run_finishes_it_and_the_first_does_no_more(
    engine: Engine, clock: FakeClock
) -> None:
    today = clock.now().date()
    due = due_now(engine, today)
    gate = Gate()
    first = expiry(engine, clock, "T1", pause=gate)
    results: list[int] = []
    runner = threading.Thread(target=lambda: results.append(first.run(today)))
    runner.start()
    try:
        assert gate.paused.wait(timeout=120)
        second = expiry(engine, clock, "T2", pause=lambda _s: None)
        assert second.run(today) == 0 and second.pending  # T1 holds the job
        clock.advance(timedelta(minutes=3))  # T1's lease runs out
        taken_over = second.run(today)
        assert taken_over > 0 and not second.pending
    finally:
        gate.go.set()
        runner.join(timeout=120)
    assert results[0] + taken_over == sum(due.values())
    assert expiries(engine) == {member: [points] for member, points in due.items()}


def test_two_tills_running_the_catch_up_at_once_expire_every_point_once(
    engine: Engine, clock: FakeClock
) -> None:
    today = clock.now().date()
    due = due_now(engine, today)
    start = threading.Barrier(2)
    results: list[int] = []

    def run(holder: str) -> None:
        job = expiry(engine, clock, holder, pause=lambda _s: None)
        start.wait()
        results.append(job.run(today))

    threads = [threading.Thread(target=run, args=(holder,)) for holder in ("T1", "T2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2 and sum(results) == sum(due.values())
    assert expiries(engine) == {member: [points] for member, points in due.items()}


SLOW_RUN = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from functools import partial
    from app.services.points_expiry import PointsExpiryService
    from db.engine import create_db_engine, session_factory
    from db.unit_of_work import SqlUnitOfWork

    class Clock:
        def now(self):
            return datetime.fromisoformat(sys.argv[2])

    units = partial(SqlUnitOfWork, session_factory(create_db_engine(sys.argv[1])))
    job = PointsExpiryService(units, Clock(), "T9", pause=lambda _s: time.sleep(0.5))
    job.chunk = 2
    job.run()
    print("finished")
    """
)


def test_a_run_killed_mid_way_resumes_after_its_last_commit(
    engine: Engine, database_url: str, clock: FakeClock
) -> None:
    today = clock.now().date()
    due = due_now(engine, today)
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, database_url, clock.now().isoformat()],
        env={**os.environ},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(1200):  # the first chunks' commits, at most two minutes
            if setting(engine, POSITION) or process.poll() is not None:
                break
            time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
    finally:
        out, _ = process.communicate(timeout=60)
    assert "finished" not in out
    part = expiries(engine)
    assert part and len(part) < len(due)  # killed with some expired, some not yet
    resumed = expiry(engine, clock, "T1", pause=lambda _s: None)
    assert resumed.run(today) == 0 and resumed.pending  # the dead till's lease still holds
    clock.advance(timedelta(minutes=3))
    rest = resumed.run(today)
    assert rest == sum(due.values()) - sum(sum(p) for p in part.values())
    assert expiries(engine) == {member: [points] for member, points in due.items()}
    with Session(engine) as session:  # nobody's balance went below zero
        members = session.scalars(select(MemberRow.id)).all()
        for member_id in members:
            deltas = session.scalars(
                select(PointsLedgerRow.delta).where(PointsLedgerRow.member_id == member_id)
            ).all()
            assert sum(deltas) >= 0


def test_a_run_on_the_next_day_after_a_crash_lists_the_members_again(
    engine: Engine, clock: FakeClock
) -> None:
    """A position left by a run for another cut-off is not trusted: the members are listed
    again from the finished watermark, and what each loses comes from their ledger."""
    today = clock.now().date()
    due = due_now(engine, today + timedelta(days=1))
    with Session(engine) as session, session.begin():
        session.add(SettingRow(key=POSITION, value=f"{(today - timedelta(days=LIFE_DAYS + 9))}|"
                                                  f"{10**9}"))  # fmt: skip
    clock.advance(timedelta(days=1))
    job = expiry(engine, clock, "T1", pause=lambda _s: None)
    assert job.run(today + timedelta(days=1)) == sum(due.values())
    assert expiries(engine) == {member: [points] for member, points in due.items()}
