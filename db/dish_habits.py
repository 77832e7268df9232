"""One member's usual dishes, read for the member panel at the counter."""

from __future__ import annotations

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from db.models import MemberRow
from db.reports.dishes import DishOrders, Window, sold_lines
from db.segments import may_segment


def usual_dishes(
    session: Session, member_id: int, window: Window, limit: int, min_orders: int
) -> list[DishOrders]:
    """The member's dishes on at least ``min_orders`` of their orders in ``window``, the
    most often ordered first (ties: the lower item id), at most ``limit``."""
    sold = sold_lines(window, member_id).subquery()
    orders = func.count(distinct(sold.c.order_id)).label("orders")
    query = (
        select(sold.c.item_id, sold.c.name_zh, sold.c.name_en, orders)
        .group_by(sold.c.item_id, sold.c.name_zh, sold.c.name_en)
        .having(orders >= min_orders)
        .order_by(orders.desc(), sold.c.item_id)
        .limit(limit)
    )
    return [DishOrders(int(i), zh, en, int(n)) for i, zh, en, n in session.execute(query)]


def may_profile(session: Session, member_id: int) -> bool:
    """Whether the member may be profiled (not erased; agreed, or never asked)."""
    query = select(may_segment()).where(MemberRow.id == member_id)
    return bool(session.execute(query).scalar())
