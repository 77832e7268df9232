"""Revenue concentration for the Pareto view, aggregated in SQL.

Revenue is what the food sold for (``orders.total_fen``: after tier, offer and manual
discounts; points are a way to pay, not a discount) less the share of it that refunds
gave back (``refund_lines.net_fen``), over paid orders not wholly refunded on business
days in the window. Members are ranked by their revenue, highest first (equal revenue:
lower member id first), and rank ``r`` of ``n`` (from 1) falls in decile
``10 * (r - 1) // n + 1`` (``app.reports.pareto.decile_of``): decile sizes differ by
at most one, and deciles 1 and 2 together hold the top ``ceil(n / 5)`` members.
Only the ten decile totals and the member / non-member split reach Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import BigInteger, Integer, Subquery, case, cast, func, literal, select
from sqlalchemy.orm import Session

from db.models import OrderRow, RefundLineRow, RefundRow
from db.segments import SPENDING_STATUSES


@dataclass(frozen=True)
class DecileRow:
    decile: int
    members: int
    revenue: int


@dataclass(frozen=True)
class SplitRow:
    member: bool
    orders: int
    revenue: int


def _order_revenue(first: date, last: date) -> Subquery:
    refunded = (
        select(RefundRow.order_id, func.sum(RefundLineRow.net_fen).label("net"))
        .join(RefundLineRow, RefundLineRow.refund_id == RefundRow.id)
        .group_by(RefundRow.order_id)
        .subquery()
    )
    return (
        select(
            OrderRow.member_id.label("member_id"),
            (OrderRow.total_fen - func.coalesce(refunded.c.net, 0)).label("revenue"),
        )
        .outerjoin(refunded, refunded.c.order_id == OrderRow.id)
        .where(
            OrderRow.status.in_(SPENDING_STATUSES),
            OrderRow.business_day >= first,
            OrderRow.business_day <= last,
        )
        .subquery()
    )


def deciles(session: Session, first: date, last: date) -> list[DecileRow]:
    """Members who bought in the window, by revenue decile; deciles with nobody are
    missing (fewer than ten members leave gaps)."""
    orders = _order_revenue(first, last)
    per_member = (
        select(orders.c.member_id, func.sum(orders.c.revenue).label("revenue"))
        .where(orders.c.member_id.is_not(None))
        .group_by(orders.c.member_id)
        .subquery()
    )
    rank = func.row_number().over(order_by=(per_member.c.revenue.desc(), per_member.c.member_id))
    ranked = select(
        per_member.c.revenue,
        cast(rank, Integer).label("rank"),
        cast(func.count().over(), Integer).label("n"),
    ).subquery()
    decile = (literal(10, Integer) * (ranked.c.rank - 1) // ranked.c.n + 1).label("decile")
    query = (
        select(decile, func.count(), cast(func.sum(ranked.c.revenue), BigInteger))
        .group_by(decile)
        .order_by(decile)
    )
    return [
        DecileRow(int(d), int(members), int(revenue or 0))
        for d, members, revenue in session.execute(query)
    ]


def member_split(session: Session, first: date, last: date) -> list[SplitRow]:
    """Orders and revenue of members' orders and of guests' orders (members first)."""
    orders = _order_revenue(first, last)
    is_member = case((orders.c.member_id.is_(None), 0), else_=1).label("is_member")
    query = (
        select(is_member, func.count(), cast(func.sum(orders.c.revenue), BigInteger))
        .group_by(is_member)
        .order_by(is_member.desc())
    )
    return [
        SplitRow(bool(member), int(count), int(revenue or 0))
        for member, count, revenue in session.execute(query)
    ]
