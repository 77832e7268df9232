"""Wrong PINs guessed from many processes at once: no more are checked than the lockout allows."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import datetime
from functools import partial
from multiprocessing.synchronize import Barrier

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.staff import MAX_FAILED_ATTEMPTS
from app.errors import LoginRefused
from app.services.auth import AuthService
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine, session_factory
from db.models import AuditEventRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock

PROCESSES = 8
GUESSES_EACH = 3
CHECKED = ("login_failed", "login_locked_out", "login")


def _guess_wrong_pins(url: str, now: datetime, start: Barrier, results: object) -> None:
    """One till process: sign in as the cashier with wrong PINs, report each refusal."""
    engine = create_db_engine(url)
    units: UnitOfWorkFactory = partial(SqlUnitOfWork, session_factory(engine))
    auth = AuthService(units, FakeClock(now), "T-race")
    reasons = []
    start.wait()
    for guess in range(GUESSES_EACH):
        try:
            auth.log_in("wangfang", f"90{guess}0")
            reasons.append("signed_in")
        except LoginRefused as refused:
            reasons.append(refused.reason.name)
    engine.dispose()
    results.put(reasons)  # type: ignore[attr-defined]


def test_parallel_wrong_pins_from_many_processes_get_no_more_guesses_than_the_limit(
    till: Till, clock: FakeClock, database_url: str
) -> None:
    # Fresh processes, as tills are, forked from one that imported the till once (each
    # spawned interpreter paid about a second of CPU for the same imports).
    forks = multiprocessing.get_context("forkserver")
    forks.set_forkserver_preload([__name__])
    start, results = forks.Barrier(PROCESSES), forks.Queue()
    workers = [
        forks.Process(target=_guess_wrong_pins, args=(database_url, clock.now(), start, results))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    outcomes = Counter(reason for _ in workers for reason in results.get(timeout=120))
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert till._engine is not None
    with Session(till._engine) as session:
        audited = Counter(
            dict(
                session.execute(  # type: ignore[arg-type]
                    select(AuditEventRow.action, func.count())
                    .where(AuditEventRow.action.in_((*CHECKED, "login_refused_locked")))
                    .group_by(AuditEventRow.action)
                ).all()
            )
        )
    checked = sum(audited[action] for action in CHECKED)
    assert checked == MAX_FAILED_ATTEMPTS, audited
    assert outcomes == {
        "WRONG_PIN": MAX_FAILED_ATTEMPTS - 1,
        "LOCKED_NOW": 1,
        "LOCKED": PROCESSES * GUESSES_EACH - MAX_FAILED_ATTEMPTS,
    }
    assert audited["login_refused_locked"] == outcomes["LOCKED"]
