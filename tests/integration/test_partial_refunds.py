"""Refunds of some units of an order's lines, on both databases: each refund gives back its
units' share, never more than was sold, and the refunds together restore every balance
exactly, whatever the order of the pieces."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.payment import PaymentMethod, Tender
from app.services.refunds import RefundRefused
from db.models import OrderLineRow, OrderRow, RefundRow
from tests.conftest import examples
from tests.fakes import FakeClock
from tests.integration.test_loyalty import Snapshot, cashier, order_for, snapshot

ZHANG_WEI = "13800138000"  # Gold 10% (not on drinks), 1280 points, ¥500 stored value


def refund(till: Till, order_no: str, units: dict[int, int] | None) -> int:
    done = till.refunds.refund(
        order_no, cashier(till), ReasonCode.WRONG_ITEMS, "", PinApproval("manager", "9999"), units
    )
    return done.money_back


def sell(till: Till, method: PaymentMethod, redeem: bool = True) -> tuple[str, int]:
    draft = order_for(till, ZHANG_WEI, "HOT-01", "HOT-01", "HOT-01", "DRINK-01", "DRINK-01")
    draft.redeem_points = redeem
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    done = till.checkout.check_out(draft, Tender(method, bill.due), cashier(till))
    return done.order_no, bill.due


def order_state(url: str, order_no: str) -> tuple[str, list[int], int]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            order = session.scalars(select(OrderRow).where(OrderRow.order_no == order_no)).one()
            refunds = session.scalar(
                select(func.count(RefundRow.id)).where(RefundRow.order_id == order.id)
            )
            lines = session.scalars(
                select(OrderLineRow.refunded_quantity)
                .where(OrderLineRow.order_id == order.id)
                .order_by(OrderLineRow.position)
            ).all()
            return order.status, list(lines), int(refunds or 0)
    finally:
        engine.dispose()


def test_three_partial_refunds_paid_with_stored_value_and_points_restore_everything(
    till: Till, database_url: str
) -> None:
    before = snapshot(database_url, "M0000001")
    order_no, _ = sell(till, PaymentMethod.STORED_VALUE)
    sold = snapshot(database_url, "M0000001")
    assert sold.principal + sold.bonus < before.principal + before.bonus

    first = till.refunds.preview(order_no, {1: 1})
    assert not first.completes and first.money_back == 0
    assert first.stored_value_back.total > 0 and first.points_back != 0
    refund(till, order_no, {1: 1})
    assert order_state(database_url, order_no) == ("part_refunded", [1, 0], 1)
    with pytest.raises(RefundRefused, match="line 1 has 2 units left"):
        till.refunds.preview(order_no, {1: 3})

    refund(till, order_no, {1: 1, 2: 1})
    assert order_state(database_url, order_no) == ("part_refunded", [2, 1], 2)
    last = till.refunds.preview(order_no, {1: 1, 2: 1})
    assert last.completes  # everything left: it completes the order
    refund(till, order_no, {1: 1, 2: 1})

    assert order_state(database_url, order_no) == ("refunded", [3, 2], 3)
    assert snapshot(database_url, "M0000001") == before
    with pytest.raises(RefundRefused, match="refunded already"):
        till.refunds.preview(order_no)


def test_cash_given_back_in_pieces_adds_up_to_what_was_paid(till: Till, database_url: str) -> None:
    before = snapshot(database_url, "M0000001")
    order_no, due = sell(till, PaymentMethod.CASH)
    back = refund(till, order_no, {2: 1}) + refund(till, order_no, {1: 2})
    assert 0 < back < due
    back += refund(till, order_no, None)  # the rest of the order
    assert back == due
    assert snapshot(database_url, "M0000001") == before


def test_two_tills_refunding_the_last_unit_at_once_give_it_back_once(
    till: Till, database_url: str
) -> None:
    order_no, _ = sell(till, PaymentMethod.CASH, redeem=False)
    refund(till, order_no, {1: 3, 2: 1})
    results: list[object] = []
    start = threading.Barrier(2)

    def attempt() -> None:
        start.wait()
        try:
            results.append(refund(till, order_no, {2: 1}))
        except RefundRefused as exc:
            results.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(r, int) for r in results) == 1, results
    assert order_state(database_url, order_no) == ("refunded", [3, 2], 2)


@pytest.fixture(scope="module")
def shared_till(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Till, str]]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('pieces')) / 'till.db'}"
    till = build_till(
        TillConfig(url, demo_members_if_empty=5), FakeClock(datetime(2026, 11, 22, 12))
    )
    yield till, url
    till.close()


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    pieces=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), min_size=1, max_size=4),
    method=st.sampled_from([PaymentMethod.CASH, PaymentMethod.STORED_VALUE]),
    redeem=st.booleans(),
)
def test_any_split_of_an_order_into_refunds_restores_the_member_exactly(
    shared_till: tuple[Till, str], pieces: list[tuple[int, int]],
    method: PaymentMethod, redeem: bool,
) -> None:  # fmt: skip
    till, url = shared_till
    before: Snapshot = snapshot(url, "M0000001")
    order_no, due = sell(till, method, redeem)
    left = {1: 3, 2: 2}
    money = 0
    for hot, drink in pieces:
        units = {1: min(hot, left[1]), 2: min(drink, left[2])}
        if not any(units.values()) or units == left:
            continue
        money += refund(till, order_no, units)
        left = {k: left[k] - units[k] for k in left}
    money += refund(till, order_no, None)
    assert snapshot(url, "M0000001") == before
    assert money == (due if method is PaymentMethod.CASH else 0)
