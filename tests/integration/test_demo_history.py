"""A fresh ``pos demo`` database has a past: weeks of orders up to yesterday priced and
pointed by the rules, members' figures that agree with them, complaints, feedback and
no-shows; so the KPI, Pareto, behaviour and Z reports show something, and add up."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.bootstrap import build_till
from app.demo import FEATURED_MEMBERS, TOP_UP_RULES
from app.demo_database import create_demo_database
from app.demo_history import HISTORY_DAYS
from app.domain.membership_term import add_years
from app.domain.money import CNY, apply_basis_points
from app.domain.payment import PaymentMethod, Tender
from app.domain.pricing import points_for
from app.domain.stored_value import TopUpRule, top_up_bonus
from app.reports.behaviour import BEHAVIOUR
from app.reports.eod import z_figures
from app.reports.kpi import kpi_figures
from app.reports.model import ReportContext
from app.reports.pareto import pareto_figures
from app.till_config import TillConfig
from db.ledgers import SqlLedgers
from db.models import (
    ComplaintRow,
    FeedbackRow,
    MemberRow,
    MembershipRenewalRow,
    NoShowRow,
    OrderLineRow,
    OrderRow,
    PaymentRow,
    PointsLedgerRow,
    RefundRow,
    StoredValueLedgerRow,
    StoreRow,
    TierExcludedCategoryRow,
    TierRow,
)
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for

TODAY = date(2026, 11, 23)  # a Monday
YESTERDAY = TODAY - timedelta(days=1)
FIRST = TODAY - timedelta(days=HISTORY_DAYS)
DEMO_RULES = [TopUpRule(minimum, bonus) for minimum, bonus in TOP_UP_RULES]


@pytest.fixture
def demo(database_url: str) -> Iterator[Session]:
    create_demo_database(database_url, 300, TODAY)
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def test_the_past_runs_up_to_yesterday_and_is_priced_and_pointed_by_the_rules(
    demo: Session,
) -> None:
    days = demo.execute(select(func.min(OrderRow.business_day), func.max(OrderRow.business_day)))
    assert tuple(days.one()) == (FIRST, YESTERDAY)
    orders = demo.scalars(select(OrderRow)).all()
    assert {o.member_id is None for o in orders} == {True, False}  # guests and members
    featured = {m[0] for m in FEATURED_MEMBERS}
    members = {m.id: m for m in demo.scalars(select(MemberRow))}
    assert not {members[o.member_id].member_no for o in orders if o.member_id} & featured
    tiers = {t.id: t for t in demo.scalars(select(TierRow))}
    pairs = select(TierExcludedCategoryRow.tier_id, TierExcludedCategoryRow.category_id)
    excluded = {(tier, category) for tier, category in demo.execute(pairs)}
    lines: dict[int, list[OrderLineRow]] = defaultdict(list)
    for line in demo.scalars(select(OrderLineRow)):
        lines[line.order_id].append(line)
    earned = {
        order_id: delta
        for order_id, delta in demo.execute(
            select(PointsLedgerRow.order_id, PointsLedgerRow.delta).where(
                PointsLedgerRow.reason == "earn"
            )
        )
    }
    discounted = 0
    for order in orders:
        member = members.get(order.member_id) if order.member_id else None
        current = bool(member and member.expires_on and order.business_day <= member.expires_on)
        for line in lines[order.id]:
            bp = 0
            if current and order.tier_id and (order.tier_id, line.category_id) not in excluded:
                bp = tiers[order.tier_id].discount_bp
            assert line.discount_fen == apply_basis_points(line.gross_fen, bp)
            discounted += line.discount_fen
        assert order.total_fen == sum(line.net_fen for line in lines[order.id])
        assert order.total_fen == order.subtotal_fen - order.discount_fen
        multiplier = tiers[order.tier_id].points_multiplier_bp if current and order.tier_id else 0
        assert order.points_earned == (points_for(order.total_fen, multiplier) if current else 0)
        assert earned.get(order.id, 0) == order.points_earned
    assert discounted > 0 and sum(earned.values()) > 0


def test_members_figures_balances_and_segments_agree_with_the_orders(demo: Session) -> None:
    paid = {
        member_id: (count, spend, last)
        for member_id, count, spend, last in demo.execute(
            select(
                OrderRow.member_id,
                func.count(),
                func.sum(OrderRow.total_fen),
                func.max(OrderRow.business_day),
            )
            .where(OrderRow.member_id.is_not(None))
            .group_by(OrderRow.member_id)
        )
    }
    ledgers = SqlLedgers(demo)
    segments: Counter[str] = Counter()
    for member in demo.scalars(select(MemberRow)):
        count, spend, last = paid.get(member.id, (0, 0, None))
        assert (member.visits, member.spend_fen, member.last_visit_on) == (count, spend, last)
        assert ledgers.points_balance(member.id) >= 0
        assert ledgers.stored_value(member.id).principal >= 0
        assert ledgers.stored_value(member.id).bonus >= 0
        segments[member.segment] += 1
    assert len(paid) > 100
    assert {"loyal", "potential", "new", "lost"} <= set(segments)


def test_yesterdays_z_report_is_the_sum_of_yesterdays_orders(demo: Session) -> None:
    z = z_figures(demo, None, YESTERDAY)
    day = select(OrderRow).where(OrderRow.business_day == YESTERDAY)
    orders = demo.scalars(day).all()
    assert z.totals.orders == len(orders) > 0
    assert z.totals.total == sum(o.total_fen for o in orders)
    assert z.totals.discount == sum(o.discount_fen for o in orders)
    taken = demo.scalar(
        select(func.sum(PaymentRow.amount_fen))
        .join(OrderRow, OrderRow.id == PaymentRow.order_id)
        .where(OrderRow.business_day == YESTERDAY)
    )
    extras = sum(o.top_up_fen + o.renewal_fen for o in orders)
    assert z.tendered == taken == z.totals.due == z.totals.total + extras
    assert z.ledger.points_issued == sum(o.points_earned for o in orders)
    assert sum(line.amount for line in z.payments) == taken
    given_back = [r for r in demo.scalars(select(RefundRow)) if r.created_at.date() == YESTERDAY]
    assert z.refunded == sum(r.amount_fen for r in given_back)


def test_kpi_pareto_and_behaviour_show_the_weeks(demo: Session) -> None:
    kpi = kpi_figures(demo, {"from": FIRST, "to": YESTERDAY, "period": "week", "till": "all"})
    orders = demo.scalars(select(OrderRow)).all()
    refunded = demo.scalars(select(RefundRow)).all()
    assert refunded and {o.status for o in orders} == {"paid", "refunded"}
    for refund in refunded:
        order = next(o for o in orders if o.id == refund.order_id)
        assert (order.status, order.member_id, refund.amount_fen) == (
            "refunded",
            None,
            order.total_fen,
        )
    kept = [o for o in orders if o.status == "paid"]
    assert sum(r.member_visits + r.guest_visits for r in kpi.rows) == len(kept)
    assert sum(r.member_visits for r in kpi.rows) == sum(1 for o in orders if o.member_id)
    assert sum(r.complaints for r in kpi.rows) == demo.scalar(select(func.count(ComplaintRow.id)))
    assert sum(r.feedback for r in kpi.rows) == demo.scalar(select(func.count(FeedbackRow.id)))
    statuses = set(demo.scalars(select(ComplaintRow.status)))
    assert statuses == {"open", "resolved"}
    assert demo.scalar(select(func.count(NoShowRow.id)))

    pareto = pareto_figures(demo, {"from": FIRST, "to": YESTERDAY})
    by_member = Counter[int]()
    for o in orders:
        if o.member_id:
            by_member[o.member_id] += o.total_fen
    assert pareto.concentration.members == len(by_member)
    assert pareto.concentration.revenue == sum(by_member.values())
    assert 0 < pareto.concentration.top_revenue < pareto.concentration.revenue

    context = ReportContext(datetime(2026, 11, 23, 9), None, "en", CNY, "test")
    values = {p.name: p.default(context) for p in BEHAVIOUR.params}
    summary, _members = BEHAVIOUR.build(demo, values, context)
    visited = [row for row in summary.rows if isinstance(row[3], int) and row[3] > 0]
    assert len(visited) >= 2  # members who came, in more than one behaviour cluster


def test_a_till_sells_on_the_demo_after_its_past(database_url: str) -> None:
    """Explicit order ids in the past must leave the next order an id of its own."""
    create_demo_database(database_url, 30, TODAY)
    till = build_till(TillConfig(database_url), FakeClock(datetime(2026, 11, 23, 12)))
    try:
        draft = order_for(till, "13800138000", "HOT-01")
        done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 10_000), cashier(till))
        assert done.order_no.endswith("-0001")
    finally:
        till.close()


def test_stored_value_is_paid_and_topped_up_and_never_runs_negative(demo: Session) -> None:
    entries = demo.scalars(
        select(StoredValueLedgerRow).order_by(
            StoredValueLedgerRow.created_at, StoredValueLedgerRow.id
        )
    ).all()
    running: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for e in entries:
        principal, bonus = running[e.member_id]
        running[e.member_id] = (principal + e.principal_delta_fen, bonus + e.bonus_delta_fen)
        assert min(running[e.member_id]) >= 0
    by_order = {e.order_id: e for e in entries if e.order_id is not None}
    payments = demo.execute(
        select(PaymentRow, OrderRow).join(OrderRow, OrderRow.id == PaymentRow.order_id)
    ).all()
    from_balance = [(p, o) for p, o in payments if p.method == "stored_value"]
    topped = [(p, o) for p, o in payments if o.top_up_fen]
    assert from_balance and topped
    for payment, order in from_balance:
        entry = by_order[order.id]
        assert (entry.reason, entry.member_id) == ("payment", order.member_id)
        assert -entry.principal_delta_fen - entry.bonus_delta_fen == payment.amount_fen
        assert payment.amount_fen == order.due_fen == order.total_fen + order.renewal_fen
    for payment, order in topped:
        entry = by_order[order.id]
        assert (entry.reason, entry.principal_delta_fen) == ("top_up", order.top_up_fen)
        assert entry.bonus_delta_fen == top_up_bonus(order.top_up_fen, DEMO_RULES)
        assert payment.amount_fen == order.due_fen
        assert order.due_fen == order.total_fen + order.top_up_fen + order.renewal_fen


def test_some_members_renewed_early_at_the_quoted_fee(demo: Session) -> None:
    renewals = demo.execute(
        select(MembershipRenewalRow, OrderRow, MemberRow)
        .join(OrderRow, OrderRow.id == MembershipRenewalRow.order_id)
        .join(MemberRow, MemberRow.id == MembershipRenewalRow.member_id)
    ).all()
    assert renewals
    for renewal, order, member in renewals:
        assert order.member_id == member.id and order.renewal_fen == renewal.fee_fen
        assert renewal.old_expiry is not None and renewal.old_expiry >= YESTERDAY
        assert order.business_day >= renewal.old_expiry - timedelta(days=90)  # EARLY-90
        assert (renewal.offer_code, renewal.fee_fen) == ("EARLY-90", 9_900)
        assert member.expires_on == renewal.new_expiry == add_years(renewal.old_expiry, 1)
    kpi = kpi_figures(demo, {"from": FIRST, "to": YESTERDAY, "period": "week", "till": "all"})
    assert sum(r.renewals_sold for r in kpi.rows) == len(renewals)


def test_the_demos_members_and_past_carry_its_store(demo: Session) -> None:
    (store,) = demo.scalars(select(StoreRow.id)).all()
    for column in (
        OrderRow.store_id,
        PaymentRow.store_id,
        RefundRow.store_id,
        MemberRow.joined_store_id,
    ):
        assert set(demo.scalars(select(column).distinct())) == {store}, column
    paid_at = select(PaymentRow.till_id, OrderRow.till_id).join(OrderRow)
    assert all(payment == order for payment, order in demo.execute(paid_at))
