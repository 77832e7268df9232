"""A resync killed with SIGKILL part-way (a real ``pos offline resync`` process) and run
again: every offline sale and refund is on the server once, under the number on its slip,
nothing doubles, the overdraft is the one the allowances predict."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.approvals import PinApproval, ReasonCode
from app.domain.payment import PaymentMethod, Tender
from app.offline.refunding import OfflineRefunds
from db.engine import create_db_engine
from db.models import OrderRow, RefundRow
from db.offline_checks import find_anomalies
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import DemoTemplates
from tests.fakes import FakeClock
from tests.integration.offline_chain import Chain, offline_chain
from tests.integration.test_offline_resync import ZHANG_WEI, _exact

ROOT = Path(__file__).resolve().parents[2]
SALES = 30
KILL_AFTER = 8
MANAGER = PinApproval("manager", "9999")


@pytest.fixture
def chain(
    database_url: str, tmp_path: Path, demo_templates: DemoTemplates, clock: FakeClock
) -> Iterator[Chain]:
    with offline_chain(database_url, tmp_path, demo_templates, clock, DEMO_MEMBERS) as made:
        yield made


def resync_process(chain: Chain, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data)}
    local = chain.local_url.removeprefix("sqlite:///")
    command = [sys.executable, "-m", "ui.cli", "offline", "resync", "--db", chain.server_url,
               "--copy", local, "--till", "T1"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)  # fmt: skip


def test_a_resync_killed_part_way_and_run_again_loses_and_doubles_nothing(
    chain: Chain, tmp_path: Path
) -> None:
    local, cashier = chain.local, chain.cashier(chain.local)
    refunds = OfflineRefunds(
        chain.local_engine, chain.clock, local.offline_place, local.outbox, local.auth
    )
    refunded: list[str] = []
    zhang = chain.member(local, ZHANG_WEI)
    first = chain.order(local, zhang, "SET-01", "HOT-03")
    spent = chain.seller.check_out(
        first, _exact(chain, first, PaymentMethod.STORED_VALUE), cashier
    ).settlement.amount
    for number in range(1, SALES):  # members M0000006 on, every third a guest
        member = None if number % 3 == 0 else chain.member(local, f"M{number + 5:07d}")
        draft = chain.order(local, member, "STAPLE-01", "DRINK-02")
        sold = chain.seller.check_out(draft, Tender(PaymentMethod.CASH, 5_000), cashier)
        if number % 6 == 0:  # a guest's order refunded offline, between the sales
            refunds.refund(sold.order_no, cashier, ReasonCode.WRONG_ITEMS, approval=MANAGER)
            refunded.append(sold.order_no)
    online = chain.online
    big = chain.order(online, chain.member(online, ZHANG_WEI), "SET-03", "HOT-03")
    online.checkout.check_out(
        big, _exact(chain, big, PaymentMethod.STORED_VALUE, online), chain.cashier(online)
    )
    left = chain.member(chain.home, ZHANG_WEI).stored_value
    predicted = spent - left
    assert predicted > 0

    with resync_process(chain, tmp_path) as running:
        assert running.stdout is not None and running.stderr is not None
        for _ in range(KILL_AFTER):
            assert running.stdout.readline(), running.stderr.read()
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=60)
    assert running.returncode == -signal.SIGKILL
    waiting = len(chain.seller.journal.pending())
    assert 0 < waiting <= SALES - KILL_AFTER

    again = resync_process(chain, tmp_path)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err[-3000:]
    assert f"replayed {waiting}, held for a manager 0" in out
    assert chain.seller.journal.pending() == []
    server = create_db_engine(chain.server_url)
    try:
        entries = chain.seller.journal.entries()
        assert find_anomalies(server, entries, "T1").total == 0
        with Session(server) as session:
            refunds_made = session.execute(
                select(OrderRow.order_no, func.count(RefundRow.id))
                .join(RefundRow, RefundRow.order_id == OrderRow.id)
                .group_by(OrderRow.order_no)
            ).all()
            numbers = set(session.scalars(select(OrderRow.order_no)))
        assert sorted(refunds_made) == [(number, 1) for number in sorted(refunded)]
        slips = {str((e.local or {}).get("reference")) for e in entries if e.kind == "checkout"}
        assert len(slips) == SALES and slips <= numbers
    finally:
        server.dispose()
    assert [(o.member_no, o.stored_value) for o in chain.desk().overdrafts()] == [
        ("M0000001", predicted)
    ]
