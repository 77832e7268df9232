from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import Role, StaffId, StaffMember
from app.errors import CheckoutRefused, PermissionDenied
from db.models import AuditEventRow, OrderRow, PointsLedgerRow, StaffRow
from tests.fakes import FakeClock
from tests.integration.helpers import row_counts


def items(till: Till, *codes: str) -> OrderDraft:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    return draft


def cashier(till: Till) -> StaffMember:
    return till.auth.log_in("wangfang", "1111")


def test_member_checkout_commits_order_lines_payment_points_and_audit(
    till: Till, database_url: str
) -> None:
    draft = items(till, "HOT-01", "HOT-01", "DRINK-04", "SET-01")
    draft.member = till.members.identify("13800138000").member
    assert draft.member is not None and draft.member.points == 1280
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 30_000), cashier(till))

    # Gold: 10% off food and set menus, drinks excluded; ¥243.40 paid, 1.5 points per yuan.
    assert (done.priced.subtotal, done.priced.discount, done.priced.total) == (
        25_900,
        2_440,
        23_460,
    )
    assert done.settlement.change == 6_540
    assert done.priced.points_earned == 351
    assert done.member is not None and done.member.points == 1280 + 351
    assert done.order_no == "T1-20261122-0001"

    engine = create_engine(database_url)
    with Session(engine) as session:
        order = session.scalars(select(OrderRow)).one()
        assert [(line.name_en, line.quantity, line.discount_fen) for line in order.lines] == [
            ("Kung Pao Chicken", 2, 760),
            ("Tsingtao Beer", 1, 0),
            ("Set for Two", 1, 1680),
        ]
        assert [(p.method, p.amount_fen, p.tendered_fen, p.change_fen) for p in order.payments] == [
            ("cash", 23_460, 30_000, 6_540)
        ]
        ledger = session.scalars(
            select(PointsLedgerRow).where(PointsLedgerRow.order_id == order.id)
        ).one()
        assert (ledger.delta, ledger.reason) == (351, "earn")
        audit = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "order_paid")
        ).one()
        assert json.loads(audit.detail)["total"] == 23_460
    engine.dispose()


def test_guest_checkout_by_card_terminal(till: Till, database_url: str) -> None:
    draft = items(till, "STAPLE-02", "DRINK-02")
    done = till.checkout.check_out(
        draft, Tender(PaymentMethod.CARD_TERMINAL, 2_600, "REF77"), cashier(till)
    )
    assert done.member is None and done.priced.discount == 0 and done.priced.points_earned == 0
    engine = create_engine(database_url)
    with Session(engine) as session:
        earned = session.scalars(
            select(PointsLedgerRow).where(PointsLedgerRow.order_id.is_not(None))
        ).all()
        payment = session.scalars(select(OrderRow)).one().payments[0]
    engine.dispose()
    assert earned == []
    assert (payment.method, payment.reference, payment.change_fen) == ("card_terminal", "REF77", 0)


def test_expired_member_pays_full_price_and_earns_nothing(till: Till) -> None:
    draft = items(till, "HOT-01")
    draft.member = till.members.identify("M0000003").member  # Silver, expired 20 days ago
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 3_800), cashier(till))
    assert (done.priced.discount, done.priced.points_earned) == (0, 0)


def test_order_numbers_count_per_till_and_day(till: Till, clock: FakeClock) -> None:
    staff = cashier(till)
    first = till.checkout.check_out(
        items(till, "STAPLE-01"), Tender(PaymentMethod.CASH, 300), staff
    )
    second = till.checkout.check_out(
        items(till, "STAPLE-01"), Tender(PaymentMethod.CASH, 300), staff
    )
    clock.advance(timedelta(days=1))
    third = till.checkout.check_out(
        items(till, "STAPLE-01"), Tender(PaymentMethod.CASH, 300), staff
    )
    assert [first.order_no, second.order_no, third.order_no] == [
        "T1-20261122-0001",
        "T1-20261122-0002",
        "T1-20261123-0001",
    ]


def test_failure_mid_commit_leaves_no_partial_order(till: Till, database_url: str) -> None:
    staff = cashier(till)
    before = row_counts(database_url)
    draft = items(till, "HOT-01", "COLD-01")
    draft.member = till.members.identify("13800138000").member
    engine = till._engine
    assert engine is not None

    def fail_on_audit(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO audit_events"):
            raise RuntimeError("disk unplugged")

    event.listen(engine, "before_cursor_execute", fail_on_audit)
    try:
        with pytest.raises(RuntimeError, match="disk unplugged"):
            till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 10_000), staff)
    finally:
        event.remove(engine, "before_cursor_execute", fail_on_audit)
    assert row_counts(database_url) == before

    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 10_000), staff)
    assert done.order_no.endswith("-0001")
    assert row_counts(database_url)["orders"] == before["orders"] + 1


def test_refusals_write_nothing(till: Till, database_url: str) -> None:
    staff = cashier(till)
    before = row_counts(database_url)
    with pytest.raises(CheckoutRefused, match="no items"):
        till.checkout.check_out(OrderDraft(), Tender(PaymentMethod.CASH, 100), staff)
    with pytest.raises(CheckoutRefused, match="less than the bill"):
        till.checkout.check_out(items(till, "HOT-03"), Tender(PaymentMethod.CASH, 100), staff)
    assert row_counts(database_url) == before


def test_a_trainee_cannot_take_payments_on_the_live_till(till: Till, database_url: str) -> None:
    before = row_counts(database_url)
    engine = create_engine(database_url)
    with Session(engine) as session:  # a trainee cannot sign in here: read their id
        trainee_id = session.scalar(select(StaffRow.id).where(StaffRow.role == "trainee"))
    engine.dispose()
    assert trainee_id is not None
    trainee = StaffMember(StaffId(trainee_id), "zhaomin", "赵敏", Role.TRAINEE)
    with pytest.raises(PermissionDenied):
        till.checkout.check_out(items(till, "HOT-01"), Tender(PaymentMethod.CASH, 3800), trainee)
    assert row_counts(database_url) == before


def test_receipt_asks_to_renew_from_thirty_days_before_expiry(till: Till) -> None:
    from app.receipts import build_receipt

    staff = cashier(till)
    for member, expected in (
        ("13912345678", "ends on 2026-12-22"),  # Platinum, 30 days left
        ("M0000003", "ended on 2026-11-02"),  # lapsed
        ("13800138000", None),
    ):  # 200 days left: no reminder
        draft = items(till, "HOT-02")
        draft.member = till.members.identify(member).member
        done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 10_000), staff)
        doc = build_receipt(done, {}, "en", till.currency)
        assert (expected in " ".join(doc.extra)) if expected else doc.extra == ()
