"""What guests ate, aggregated in SQL for the dishes report.

A dish sold is an order line of a paid order not wholly refunded
(``db.segments.SPENDING_STATUSES``) on a business day in the window, less what refunds
took back of it: its quantity less ``refunded_quantity``, its net less the refund lines'
net. A line wholly refunded is not in the order's basket. Dishes are told apart by menu
item (``item_id``): a dish renamed keeps its figures, shown under its name on the menu.

Only aggregates reach Python: one row per group and dish, per pair of dishes, or per dish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from db.models import MemberRow, MenuItemRow, OrderLineRow, OrderRow, RefundLineRow, TierRow
from db.reports.behaviour import daypart_expression
from db.reports.store_filter import in_stores
from db.segments import SPENDING_STATUSES, may_segment

BY_DAYPART, BY_WEEKDAY, BY_TIER, BY_SEGMENT, BY_ALL = (
    "daypart",
    "weekday",
    "tier",
    "segment",
    "all",
)
GROUPINGS = (BY_ALL, BY_DAYPART, BY_WEEKDAY, BY_TIER, BY_SEGMENT)
GUESTS = "guests"
"""The group of non-members' orders (by tier or segment)."""
NOT_PROFILED = "not_profiled"
"""By segment: members who declined automated decisions (or were erased), never split."""


@dataclass(frozen=True)
class Window:
    first: date
    last: date
    stores: tuple[int, ...] | None = None
    """``None``: the whole chain."""


@dataclass(frozen=True)
class DishRow:
    group: str
    item_id: int
    name_zh: str
    name_en: str
    quantity: int
    orders: int
    revenue: int


@dataclass(frozen=True)
class PairRow:
    first_item: int
    second_item: int
    together: int
    """Orders holding both."""


@dataclass(frozen=True)
class DishOrders:
    item_id: int
    name_zh: str
    name_en: str
    orders: int


@dataclass(frozen=True)
class DroppedRow:
    item_id: int
    name_zh: str
    name_en: str
    regulars: int
    """Members who ordered it on at least ``min_before`` orders in the window before."""
    came_back: int
    """Of them, those who came in the window."""
    stopped: int
    """Of those, the ones who did not order it in the window."""


def sold_lines(window: Window, member_id: int | None = None) -> Select[Any]:
    """(order id, item id, line id, quantity, net, member id, names on the menu) of the
    window's lines sold (of one member's orders with ``member_id``)."""
    refunded = (
        select(
            RefundLineRow.order_line_id.label("line_id"),
            func.sum(RefundLineRow.net_fen).label("net"),
        )
        .group_by(RefundLineRow.order_line_id)
        .subquery()
    )
    columns: tuple[Any, ...] = (
        OrderLineRow.order_id,
        OrderLineRow.item_id,
        OrderLineRow.id,
        (OrderLineRow.quantity - OrderLineRow.refunded_quantity).label("quantity"),
        (OrderLineRow.net_fen - func.coalesce(refunded.c.net, 0)).label("revenue"),
        # ``+ 0``: a filter on members would otherwise walk the orders along the member_id
        # index in random order (as ``db.reports.behaviour`` found), not scan them.
        (OrderRow.member_id + 0).label("member_id"),
        MenuItemRow.name_zh,
        MenuItemRow.name_en,
    )
    query = (
        select(*columns)
        .join(OrderRow, OrderRow.id == OrderLineRow.order_id)
        .join(MenuItemRow, MenuItemRow.id == OrderLineRow.item_id)
        .outerjoin(refunded, refunded.c.line_id == OrderLineRow.id)
        .where(
            OrderRow.status.in_(SPENDING_STATUSES),
            OrderRow.business_day >= window.first,
            OrderRow.business_day <= window.last,
            OrderLineRow.quantity > OrderLineRow.refunded_quantity,
        )
    )
    if window.stores is not None:
        query = query.where(in_stores(OrderRow.store_id, window.stores))
    if member_id is not None:
        query = query.where(OrderRow.member_id == member_id)
    return query


def _group_key(
    by: str, daypart_starts: Sequence[tuple[str, str]], is_sqlite: bool
) -> ColumnElement[str]:
    if by == BY_DAYPART:
        return daypart_expression(OrderRow.created_at, daypart_starts, is_sqlite)
    if by == BY_WEEKDAY:
        if is_sqlite:
            return func.strftime("%w", OrderRow.business_day, type_=String)
        return cast(cast(func.extract("dow", OrderRow.business_day), Integer), String)
    if by == BY_TIER:
        return case(
            (OrderRow.tier_id.is_(None), literal(GUESTS)),
            else_=cast(OrderRow.tier_id, String),
        )
    if by == BY_SEGMENT:
        return case(
            (OrderRow.member_id.is_(None), literal(GUESTS)),
            (~may_segment(), literal(NOT_PROFILED)),
            else_=MemberRow.segment,
        )
    return literal(BY_ALL, String)


def top_dishes(
    session: Session,
    window: Window,
    by: str,
    daypart_starts: Sequence[tuple[str, str]] = (),
) -> list[DishRow]:
    """Every dish sold in the window, per group of ``by`` (``GROUPINGS``): quantity,
    orders holding it, revenue; ordered by group, then revenue (highest first)."""
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    group = _group_key(by, daypart_starts, is_sqlite).label("grp")
    lines = sold_lines(window).add_columns(group)
    if by == BY_SEGMENT:
        lines = lines.outerjoin(MemberRow, MemberRow.id == OrderRow.member_id)
    sold = lines.subquery()
    revenue = cast(func.sum(sold.c.revenue), BigInteger)
    query = (
        select(
            sold.c.grp,
            sold.c.item_id,
            sold.c.name_zh,
            sold.c.name_en,
            cast(func.sum(sold.c.quantity), BigInteger),
            func.count(distinct(sold.c.order_id)),
            revenue,
        )
        .group_by(sold.c.grp, sold.c.item_id, sold.c.name_zh, sold.c.name_en)
        .order_by(sold.c.grp, revenue.desc(), sold.c.item_id)
    )
    return [
        DishRow(str(g), int(item), zh, en, int(qty or 0), int(orders), int(rev or 0))
        for g, item, zh, en, qty, orders, rev in session.execute(query)
    ]


def _baskets(window: Window) -> Subquery:
    """(order id, item id): each dish once per order that holds it."""
    sold = sold_lines(window).subquery()
    return (
        select(sold.c.order_id, sold.c.item_id, sold.c.name_zh, sold.c.name_en)
        .distinct()
        .subquery()
    )


def pairs(session: Session, window: Window, min_together: int) -> list[PairRow]:
    """Pairs of dishes ordered together on at least ``min_together`` orders, the most
    frequent first; each pair once, lower item id first."""
    baskets = _baskets(window)
    first, second = baskets.alias("first"), baskets.alias("second")
    together = func.count().label("together")
    query = (
        select(first.c.item_id, second.c.item_id, together)
        .join(
            second,
            and_(second.c.order_id == first.c.order_id, second.c.item_id > first.c.item_id),
        )
        .group_by(first.c.item_id, second.c.item_id)
        .having(func.count() >= min_together)
        .order_by(together.desc(), first.c.item_id, second.c.item_id)
    )
    return [PairRow(int(a), int(b), int(n)) for a, b, n in session.execute(query)]


def dish_orders(session: Session, window: Window) -> tuple[int, list[DishOrders]]:
    """(orders with any dish sold, each dish's orders), for the pairs' shares."""
    baskets = _baskets(window)
    total = session.execute(select(func.count(distinct(baskets.c.order_id)))).scalar_one()
    query = select(baskets.c.item_id, baskets.c.name_zh, baskets.c.name_en, func.count()).group_by(
        baskets.c.item_id, baskets.c.name_zh, baskets.c.name_en
    )
    return int(total), [
        DishOrders(int(item), zh, en, int(n)) for item, zh, en, n in session.execute(query)
    ]


def before(window: Window) -> Window:
    """The window of the same length that ends the day before ``window`` starts."""
    days = (window.last - window.first).days + 1
    return Window(
        window.first - timedelta(days=days), window.first - timedelta(days=1), window.stores
    )


def dropped(session: Session, window: Window, min_before: int) -> list[DroppedRow]:
    """Per dish: its regulars of the window before (``before``), how many of them came in
    ``window``, and how many of those no longer ordered it; dishes with regulars only."""
    earlier = before(window)
    span = Window(earlier.first, window.last, window.stores)
    sold = sold_lines(span).add_columns(OrderRow.business_day.label("day")).subquery()
    in_window = sold.c.day >= window.first
    per_member = (
        select(
            sold.c.member_id,
            sold.c.item_id,
            func.count(distinct(case((~in_window, sold.c.order_id)))).label("before"),
            func.count(distinct(case((in_window, sold.c.order_id)))).label("now"),
        )
        .where(sold.c.member_id.is_not(None))
        .group_by(sold.c.member_id, sold.c.item_id)
        .subquery()
    )
    came = (
        select((OrderRow.member_id + 0).label("member_id"))
        .where(
            (OrderRow.member_id + 0).is_not(None),
            OrderRow.status.in_(SPENDING_STATUSES),
            OrderRow.business_day >= window.first,
            OrderRow.business_day <= window.last,
        )
        .distinct()
    )
    if window.stores is not None:
        came = came.where(in_stores(OrderRow.store_id, window.stores))
    visitors = came.subquery()
    back = visitors.c.member_id.is_not(None)
    query = (
        select(
            per_member.c.item_id,
            MenuItemRow.name_zh,
            MenuItemRow.name_en,
            func.count(),
            func.count().filter(back),
            func.count().filter(and_(back, per_member.c.now == 0)),
        )
        .join(MenuItemRow, MenuItemRow.id == per_member.c.item_id)
        .outerjoin(visitors, visitors.c.member_id == per_member.c.member_id)
        .where(per_member.c.before >= min_before)
        .group_by(per_member.c.item_id, MenuItemRow.name_zh, MenuItemRow.name_en)
    )
    return [
        DroppedRow(int(item), zh, en, int(regulars), int(came_back), int(stopped))
        for item, zh, en, regulars, came_back, stopped in session.execute(query)
    ]


def tier_names(session: Session) -> list[tuple[int, str, str]]:
    """(tier id, Chinese name, English name) of every tier."""
    query = select(TierRow.id, TierRow.name_zh, TierRow.name_en).order_by(TierRow.rank)
    return [(int(i), zh, en) for i, zh, en in session.execute(query)]
