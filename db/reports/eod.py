"""The end-of-day (Z) report's figures for one till (or all) and one business day.

Orders count on their ``business_day``; refunds, voids and ledger entries on their time
stamp within the business day (``start <= at < end``: from the restaurant's cut-off hour
to the next), as the checkout sets the business day from the same clock and cut-off.
``till=None`` means every till.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, aliased

from db.ledgers import SqlLedgers
from db.models import (
    AuditEventRow,
    MemberRow,
    MembershipRenewalRow,
    OrderRow,
    PaymentRow,
    PointsLedgerRow,
    RefundRow,
    StaffRow,
    StoredValueLedgerRow,
    TierRow,
)
from db.reports.store_filter import in_stores


@dataclass(frozen=True)
class DayScope:
    till: str | None
    day: date
    start: datetime
    end: datetime
    stores: tuple[int, ...] | None = None
    """The stores asked about (``app.domain.store_scope``); ``None``: the whole chain."""


@dataclass(frozen=True)
class OrderTotals:
    orders: int
    guests: int
    subtotal: int
    discount: int
    offer_discount: int
    manual_discount: int
    total: int
    points_value: int
    renewal: int
    upgrade: int
    top_up: int
    due: int
    renewals: int
    upgrades: int
    top_ups: int

    @property
    def tier_discount(self) -> int:
        return self.discount - self.offer_discount - self.manual_discount


@dataclass(frozen=True)
class TierLine:
    tier_zh: str | None
    tier_en: str | None
    orders: int
    subtotal: int
    tier_discount: int
    offer_discount: int
    manual_discount: int


@dataclass(frozen=True)
class MethodLine:
    method: str
    count: int
    amount: int


@dataclass(frozen=True)
class RefundLine:
    at: datetime
    order_no: str
    method: str
    amount: int
    reason: str
    staff: str
    approver: str


@dataclass(frozen=True)
class VoidLine:
    at: datetime
    staff: str
    subject: str
    detail: str


@dataclass(frozen=True)
class RenewalLine:
    order_no: str
    member_no: str
    kind: str
    offer_code: str
    fee: int
    new_expiry: date
    refunded: bool


@dataclass(frozen=True)
class LedgerFigures:
    points_issued: int
    points_redeemed: int
    points_reversed: int
    """Net points written back by this day's refunds (negative: taken back)."""
    top_up_bonus: int
    principal_liability: int
    bonus_liability: int
    """Stored value owed to all members at the end of the day, all tills together."""


def _orders(scope: DayScope) -> list[ColumnElement[bool]]:
    where = [OrderRow.business_day == scope.day]
    if scope.till is not None:
        where.append(OrderRow.till_id == scope.till)
    if scope.stores is not None:
        where.append(in_stores(OrderRow.store_id, scope.stores))
    return where


def _refunds(scope: DayScope) -> list[ColumnElement[bool]]:
    where = [RefundRow.created_at >= scope.start, RefundRow.created_at < scope.end]
    if scope.till is not None:
        where.append(RefundRow.till_id == scope.till)
    if scope.stores is not None:
        where.append(in_stores(RefundRow.store_id, scope.stores))
    return where


def order_totals(session: Session, scope: DayScope) -> OrderTotals:
    o = OrderRow
    sums = [
        func.count(o.id),
        func.sum(o.party_size),
        *(
            func.sum(column)
            for column in (
                o.subtotal_fen,
                o.discount_fen,
                o.offer_discount_fen,
                o.manual_discount_fen,
                o.total_fen,
                o.points_value_fen,
                o.renewal_fen,
                o.upgrade_fen,
                o.top_up_fen,
                o.due_fen,
            )
        ),
        *(
            func.sum(case((column > 0, 1), else_=0))
            for column in (o.renewal_fen, o.upgrade_fen, o.top_up_fen)
        ),
    ]
    row = session.execute(select(*sums).where(*_orders(scope))).one()
    return OrderTotals(*(int(value or 0) for value in row))


def discounts_by_tier(session: Session, scope: DayScope) -> list[TierLine]:
    o = OrderRow
    tier_discount = o.discount_fen - o.offer_discount_fen - o.manual_discount_fen
    query = (
        select(
            TierRow.name_zh,
            TierRow.name_en,
            func.count(o.id),
            func.sum(o.subtotal_fen),
            func.sum(tier_discount),
            func.sum(o.offer_discount_fen),
            func.sum(o.manual_discount_fen),
        )
        .select_from(o)
        .outerjoin(TierRow, TierRow.id == o.tier_id)
        .where(*_orders(scope))
        .group_by(TierRow.rank, TierRow.name_zh, TierRow.name_en)
        .order_by(TierRow.rank.is_(None), TierRow.rank)
    )
    return [
        TierLine(zh, en, int(n), int(a or 0), int(b or 0), int(c or 0), int(d or 0))
        for zh, en, n, a, b, c, d in session.execute(query)
    ]


def payments_by_method(session: Session, scope: DayScope) -> list[MethodLine]:
    query = (
        select(PaymentRow.method, func.count(PaymentRow.id), func.sum(PaymentRow.amount_fen))
        .join(OrderRow, OrderRow.id == PaymentRow.order_id)
        .where(*_orders(scope))
        .group_by(PaymentRow.method)
        .order_by(PaymentRow.method)
    )
    return [MethodLine(m, int(n), int(a or 0)) for m, n, a in session.execute(query)]


def refunds_by_method(session: Session, scope: DayScope) -> list[MethodLine]:
    query = (
        select(RefundRow.method, func.count(RefundRow.id), func.sum(RefundRow.amount_fen))
        .where(*_refunds(scope))
        .group_by(RefundRow.method)
        .order_by(RefundRow.method)
    )
    return [MethodLine(m, int(n), int(a or 0)) for m, n, a in session.execute(query)]


def refunds(session: Session, scope: DayScope) -> list[RefundLine]:
    staff, approver = aliased(StaffRow), aliased(StaffRow)
    query = (
        select(
            RefundRow.created_at,
            OrderRow.order_no,
            RefundRow.method,
            RefundRow.amount_fen,
            RefundRow.reason_code,
            staff.display_name,
            approver.display_name,
        )
        .join(OrderRow, OrderRow.id == RefundRow.order_id)
        .join(staff, staff.id == RefundRow.staff_id)
        .join(approver, approver.id == RefundRow.approver_id)
        .where(*_refunds(scope))
        .order_by(RefundRow.created_at, RefundRow.id)
    )
    return [RefundLine(*row) for row in session.execute(query)]


def voids(session: Session, scope: DayScope) -> list[VoidLine]:
    where = [
        AuditEventRow.action == "order_voided",
        AuditEventRow.at >= scope.start,
        AuditEventRow.at < scope.end,
    ]
    if scope.till is not None:
        where.append(AuditEventRow.till_id == scope.till)
    if scope.stores is not None:
        where.append(in_stores(AuditEventRow.store_id, scope.stores))
    query = (
        select(
            AuditEventRow.at,
            func.coalesce(StaffRow.display_name, ""),
            AuditEventRow.subject,
            AuditEventRow.detail,
        )
        .outerjoin(StaffRow, StaffRow.id == AuditEventRow.staff_id)
        .where(*where)
        .order_by(AuditEventRow.at, AuditEventRow.id)
    )
    return [VoidLine(*row) for row in session.execute(query)]


def renewals(session: Session, scope: DayScope) -> list[RenewalLine]:
    r = MembershipRenewalRow
    query = (
        select(
            OrderRow.order_no,
            MemberRow.member_no,
            r.kind,
            r.offer_code,
            r.fee_fen,
            r.new_expiry,
            r.refund_id.is_not(None),
        )
        .join(OrderRow, OrderRow.id == r.order_id)
        .join(MemberRow, MemberRow.id == r.member_id)
        .where(*_orders(scope))
        .order_by(OrderRow.sequence, OrderRow.till_id)
    )
    return [RenewalLine(*row) for row in session.execute(query)]


def ledger_figures(session: Session, scope: DayScope) -> LedgerFigures:
    p = PointsLedgerRow
    day_orders = select(OrderRow.id).where(*_orders(scope))
    day_refunds = select(RefundRow.id).where(*_refunds(scope))
    issued, redeemed = session.execute(
        select(
            func.sum(case((p.reason == "earn", p.delta), else_=0)),
            func.sum(case((p.reason == "redeem", -p.delta), else_=0)),
        ).where(p.order_id.in_(day_orders), p.refund_id.is_(None))
    ).one()
    reversed_ = session.scalar(select(func.sum(p.delta)).where(p.refund_id.in_(day_refunds)))
    s = StoredValueLedgerRow
    bonus = session.scalar(
        select(func.sum(s.bonus_delta_fen)).where(
            s.order_id.in_(day_orders), s.reason == "top_up", s.refund_id.is_(None)
        )
    )
    owed = SqlLedgers(session).stored_value_owed(scope.end)
    return LedgerFigures(
        int(issued or 0),
        int(redeemed or 0),
        int(reversed_ or 0),
        int(bonus or 0),
        owed.principal,
        owed.bonus,
    )
