"""Crash proof: till processes selling on one database are killed with SIGKILL at random
moments, round after round; a new process retries the request each had in flight with
its key, then a till is started again on the database, and nothing is out of place.

Checked after the last round: no order written in part, no payment of no order; each
member's points and stored value as the till shows them equal their ledgers, and the
stored value and visits moved by exactly what the tills were told (the anomalies of
``pos bench tills``); one receipt job per committed order and one refund slip per
refund; each till's orders are exactly those it was told of (a retried request made
one order, not two); no duplicate order number; ``pos audit verify`` passes.

The seed is printed (replay a failure with ``POS_CRASH_SEED``); ``POS_CRASH_ROUNDS``
sets the rounds (2 by default, each killing both tills, e.g. 200 for a long run).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.audit_chain.verify import verify_database
from app.benchmark.tills import anomalies
from app.bootstrap import build_till
from app.domain.members import MemberId
from app.till_config import TillConfig
from db.engine import create_db_engine
from db.models import OrderRow, RefundRow
from db.till_bench import (
    bench_members,
    duplicate_order_numbers,
    duplicate_receipts,
    member_states,
    partial_orders,
    unmatched_print_jobs,
)
from tests.conftest import DEMO_MEMBERS
from tests.crash_till import Journal
from tests.demo_templates import Demo, DemoTemplates

ROOT = Path(__file__).resolve().parents[2]
TILLS = ("CRASH1", "CRASH2")
MEMBERS = 3  # the same few members at both tills
ROUNDS = int(os.environ.get("POS_CRASH_ROUNDS", "2"))
STARTING = 120.0  # seconds a till may take to start and answer its first requests


def test_tills_killed_at_random_moments_leave_nothing_partial(
    new_database_url: str, demo_templates: DemoTemplates, tmp_path: Path
) -> None:
    seed = int(os.environ.get("POS_CRASH_SEED", random.randrange(1_000_000)))
    print(f"crash test seed {seed} ({ROUNDS} rounds): replay with POS_CRASH_SEED={seed}")
    rng = random.Random(seed)
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, date.today()))
    engine = create_db_engine(new_database_url)
    with engine.connect() as connection:
        members = bench_members(connection, MEMBERS)
        before = member_states(connection, [m for m, _ in members])
    states = {till: tmp_path / f"{till}.json" for till in TILLS}
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path)}
    logs = {till: tmp_path / f"{till}.log" for till in TILLS}
    listed = ",".join(f"{m}:{phone}" for m, phone in members)

    def start(till: str, ops: int | None = None) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "tests.crash_till", new_database_url, till, str(seed)]
        command += [str(states[till]), listed] + ([str(ops)] if ops is not None else [])
        with logs[till].open("ab") as log:  # kept on a failure: what the till said
            return subprocess.Popen(command, cwd=ROOT, env=env, stderr=log)

    kills = 0
    for _ in range(ROUNDS):
        lives = {till: Journal(states[till]).lives for till in TILLS}
        tills = {till: start(till) for till in TILLS}
        for till, process in tills.items():  # each till selling in its new life
            _wait_until_selling(process, states[till], lives[till], logs[till], seed)
        for till in rng.sample(TILLS, len(TILLS)):
            time.sleep(rng.uniform(0.0, 0.4))
            tills[till].send_signal(signal.SIGKILL)
            tills[till].wait(timeout=60)
            kills += 1
    restarted = {till: start(till, ops=0) for till in TILLS}  # retry what was in flight
    for till, process in restarted.items():
        process.wait(timeout=300)
        assert process.returncode == 0, f"seed {seed}: {logs[till].read_text(encoding='utf-8')}"

    journals = [Journal(states[till]) for till in TILLS]
    again = build_till(TillConfig(new_database_url, till_id=TILLS[0]))  # a till started again
    try:
        shown = {m: again.members.load(MemberId(m)) for m, _ in members}
    finally:
        again.close()
    with engine.connect() as connection:
        after = member_states(connection, [m for m, _ in members])
        partial = partial_orders(connection)
        unmatched = unmatched_print_jobs(connection, TILLS)
        doubled_orders = duplicate_order_numbers(connection)
        doubled_receipts = duplicate_receipts(connection, TILLS)
        orders = {
            t: sorted(connection.scalars(select(OrderRow.order_no).where(OrderRow.till_id == t)))
            for t in TILLS
        }
        refunds = {
            t: int(
                connection.scalar(
                    select(func.count()).select_from(RefundRow).where(RefundRow.till_id == t)
                )
                or 0
            )
            for t in TILLS
        }
    engine.dispose()
    reports = [journal.report for journal in journals]
    found = anomalies(before, after, reports, doubled_orders, doubled_receipts)
    told = sum(len(journal.orders) for journal in journals)
    retried = {k: sum(j.retries.get(k, 0) for j in journals) for k in ("replayed", "committed")}
    print(f"{kills} kills, {told} orders told, in-flight retries {retried}, anomalies {found}")

    assert kills == ROUNDS * len(TILLS)
    assert partial == [], f"seed {seed}: orders written in part: {partial}"
    assert unmatched == [], f"seed {seed}: print jobs: {unmatched}"
    assert found == dict.fromkeys(found, 0), f"seed {seed}: {found}, {reports}"
    for member, summary in shown.items():
        ledgers = after[member]
        assert (summary.stored_value, summary.points) == (ledgers.stored_value, ledgers.points)
    for journal in journals:
        assert orders[journal.report.till_id] == sorted(journal.orders), f"seed {seed}"
        assert refunds[journal.report.till_id] == len(journal.refunds), f"seed {seed}"
        assert journal.in_flight is None
    assert told > 0
    verdict = verify_database(new_database_url)
    assert verdict.ok, f"seed {seed}: {verdict.summary}"


def _wait_until_selling(
    process: subprocess.Popen[bytes], state: Path, life: int, log: Path, seed: int
) -> None:
    deadline = time.monotonic() + STARTING
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log.read_text(encoding="utf-8")
            raise AssertionError(f"seed {seed}: a till stopped on its own: {said}")
        if state.exists():
            journal = Journal(state)
            if journal.lives == life + 1 and journal.saved_ops >= 2:
                return
        time.sleep(0.05)
    process.kill()
    said = log.read_text(encoding="utf-8")
    raise AssertionError(f"seed {seed}: a till did not start in {STARTING:.0f} s: {said}")


@pytest.mark.parametrize("kind", ["checkout", "refund"])
def test_a_request_committed_as_its_till_is_killed_is_not_made_twice_on_the_retry(
    kind: str, new_database_url: str, demo_templates: DemoTemplates, tmp_path: Path
) -> None:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, date.today()))
    engine = create_db_engine(new_database_url)
    with engine.connect() as connection:
        members = bench_members(connection, MEMBERS)
        before = member_states(connection, [m for m, _ in members])
    state, till = tmp_path / "CRASH1.json", TILLS[0]
    command = [sys.executable, "-m", "tests.crash_till", new_database_url, till, "7", str(state)]
    command += [",".join(f"{m}:{phone}" for m, phone in members)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path)}

    killed = subprocess.run(
        command, cwd=ROOT, env={**env, "POS_CRASH_AFTER_COMMIT": kind}, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL
    in_flight = Journal(state).in_flight
    assert in_flight is not None and (in_flight["kind"] == "refund") == (kind == "refund")
    told_before = Journal(state)
    retried = subprocess.run([*command, "0"], cwd=ROOT, env=env, timeout=300)

    assert retried.returncode == 0
    journal = Journal(state)
    with engine.connect() as connection:
        orders = list(connection.scalars(select(OrderRow.order_no)))
        refunds = list(
            connection.scalars(
                select(OrderRow.order_no)
                .join(RefundRow, RefundRow.order_id == OrderRow.id)
                .where(RefundRow.till_id == till)
            )
        )
        after = member_states(connection, [m for m, _ in members])
        unmatched = unmatched_print_jobs(connection, TILLS)
        partial = partial_orders(connection)
        found = anomalies(before, after, [journal.report], duplicate_order_numbers(connection),
                          duplicate_receipts(connection, TILLS))  # fmt: skip
    engine.dispose()
    assert journal.in_flight is None
    assert sorted(o for o in orders if o.startswith(till)) == sorted(journal.orders)
    assert sorted(refunds) == sorted(journal.refunds)  # one order, one refund: not two
    if kind == "checkout":
        assert journal.retries == {"replayed": 1}
        assert (told_before.orders, len(journal.orders)) == ([], 1)
    else:
        assert journal.retries == {"committed": 1}  # a refund's replay looks the same
        assert (told_before.refunds, len(journal.refunds)) == ([], 1)
    assert (unmatched, partial) == ([], [])  # its one receipt
    assert found == dict.fromkeys(found, 0)
