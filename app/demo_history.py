"""The demo restaurant's past: weeks of orders up to yesterday, and what guests said.

The orders are the benchmark's (``app.benchmark.orders``): priced as checkout prices
them (tier discounts, excluded categories, no discount once a membership has lapsed),
points earned by the tier's multiplier into the points ledger, paid by cash or card, or
from stored value, some with a top-up (``app.demo_stored_value``) or an early renewal
(``app.demo_renewals``); a few guests' orders were refunded (``app.demo_refunds``).
Lunch and dinner peaks come from there too; weekends are busier; about one order in
three is a guest's. Orders a day are capped (``MAX_MEMBER_ORDERS_A_DAY``), so a demo of
100,000 members has a restaurant's past, not a stadium's, and stays quick to build.

The featured members (``app.demo.FEATURED_MEMBERS``) get no orders: the walkthroughs
quote their balances. Members' visits, spend and last visit are then their orders'
(``app.benchmark.activity`` keeps the same rule for the benchmark); their segments are
the daily segment job's to score (``pos demo`` runs it, a till runs it at start-up).

Complaints (resolved and open, one past its promised day), feedback on some orders and a
few no-shows follow. Everything comes from one ``random.Random`` seeded by the caller.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, bindparam, func, insert, select, text, update

from app.benchmark.orders import Catalogue, Profile, meal_time, read_catalogue, write_orders
from app.demo_refunds import seed_refunds
from app.demo_renewals import seed_renewals
from app.demo_stored_value import seed_stored_value
from db.models import ComplaintRow, FeedbackRow, MemberRow, NoShowRow, OrderRow

HISTORY_DAYS = 42
"""Six weeks up to yesterday."""
MAX_MEMBER_ORDERS_A_DAY = 60
MEMBER_ORDERS_SHARE = 0.05
"""Member orders on a weekday, as a share of the members (then capped)."""
GUEST_SHARE = 0.35
WEEKEND = 1.4
FEEDBACK_SHARE = 0.08

_COMPLAINTS = (
    # category, description, outcome (empty: still open), compensation fen
    ("food", "水煮鱼太咸 The boiled fish was far too salty", "重做并致歉 Remade, apologised", 0),
    ("service", "上菜等了40分钟 Waited 40 minutes for the mains", "赠送甜品 Free dessert", 1_800),
    ("billing", "会员折扣没有算上 Member discount missing", "已退差价 Difference refunded", 0),
    ("hygiene", "筷子有污渍 Stained chopsticks", "", 0),
    ("food", "菜里有香菜, 已备注不要 Coriander despite the note", "", 0),
)
_COMMENTS = ("", "", "", "很好吃 Delicious", "上菜快 Quick service", "有点辣 A bit spicy")


def seed_history(
    connection: Connection, today: date, seed: int, featured: int, days: int = HISTORY_DAYS
) -> int:
    """Write ``days`` of past up to yesterday into a demo database that has no orders
    yet, leaving out the first ``featured`` members; returns how many orders."""
    rng = random.Random(f"{seed}/history")
    catalogue = read_catalogue(connection)
    members = _members(connection, featured)
    visits = _visits(rng, members, today, days)
    count = write_orders(connection, rng, visits, catalogue)
    _continue_order_ids(connection)
    seed_renewals(connection, rng)
    seed_stored_value(connection, rng)
    seed_refunds(connection, rng)
    _members_activity(connection)
    _guest_voices(connection, rng, catalogue, today)
    return count


def _members(connection: Connection, featured: int) -> list[tuple[Profile, date]]:
    """Members who may have orders, with the day each joined."""
    query = (
        select(
            MemberRow.id,
            MemberRow.name,
            MemberRow.tier_id,
            MemberRow.expires_on,
            MemberRow.joined_on,
        )
        .order_by(MemberRow.id)
        .offset(featured)
    )
    return [
        (Profile(member_id, name, tier_id, expires_on, True), joined_on)
        for member_id, name, tier_id, expires_on, joined_on in connection.execute(query)
        if tier_id is not None and expires_on is not None
    ]


def _visits(
    rng: random.Random, members: list[tuple[Profile, date]], today: date, days: int
) -> list[tuple[datetime, Profile | None]]:
    """Orders of every day from ``days`` ago to yesterday, each by a member who had
    joined by then or by a guest; a few members are regulars."""
    visits: list[tuple[datetime, Profile | None]] = []
    if not members:
        return visits
    regulars = members[: max(1, len(members) // 10)]
    base = min(MAX_MEMBER_ORDERS_A_DAY, max(4, round(len(members) * MEMBER_ORDERS_SHARE)))
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        busy = WEEKEND if day.weekday() >= 4 else 1.0
        member_orders = min(MAX_MEMBER_ORDERS_A_DAY, round(base * busy * rng.uniform(0.7, 1.2)))
        for _ in range(member_orders):
            member, joined_on = rng.choice(regulars if rng.random() < 0.4 else members)
            if joined_on <= day:
                visits.append((meal_time(rng, day), member))
        for _ in range(round(member_orders * GUEST_SHARE / (1 - GUEST_SHARE))):
            visits.append((meal_time(rng, day), None))
    return visits


def _continue_order_ids(connection: Connection) -> None:
    """PostgreSQL's id sequence does not see explicit ids: move it past them."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('orders', 'id'),"
                " (SELECT coalesce(max(id), 0) + 1 FROM orders), false)"
            )
        )


def _members_activity(connection: Connection) -> None:
    rows = [
        {"member": member_id, "visits": count, "spend": int(spend), "last": last}
        for member_id, count, spend, last in connection.execute(
            select(
                OrderRow.member_id,
                func.count(),
                func.sum(OrderRow.total_fen),
                func.max(OrderRow.business_day),
            )
            .where(OrderRow.member_id.is_not(None), OrderRow.status == "paid")
            .group_by(OrderRow.member_id)
        )
    ]
    if rows:
        connection.execute(
            update(MemberRow)
            .where(MemberRow.id == bindparam("member"))
            .values(visits=bindparam("visits"), spend_fen=bindparam("spend"))
            .values(last_visit_on=bindparam("last")),
            rows,
        )


def _guest_voices(
    connection: Connection, rng: random.Random, catalogue: Catalogue, today: date
) -> None:
    orders = connection.execute(
        select(OrderRow.id, OrderRow.member_id, OrderRow.created_at)
        .where(OrderRow.member_id.is_not(None))
        .order_by(OrderRow.id)
    ).all()
    if not orders:
        return
    staff = catalogue.staff_ids
    feedback = [
        {
            "member_id": member_id,
            "order_id": order_id,
            "at": at + timedelta(minutes=50),
            "staff_id": rng.choice(staff),
            "score": rng.choices((1, 2, 3, 4, 5), weights=(2, 3, 10, 35, 50))[0],
            "comment": rng.choice(_COMMENTS),
        }
        for order_id, member_id, at in rng.sample(orders, max(1, int(len(orders) * FEEDBACK_SHARE)))
    ]
    connection.execute(insert(FeedbackRow), feedback)
    complaints = []
    for n, (category, description, outcome, compensation) in enumerate(_COMPLAINTS):
        order_id, member_id, at = rng.choice(orders)
        opened = at + timedelta(hours=1)
        promised = opened.date() + timedelta(days=3)
        if n == len(_COMPLAINTS) - 1:  # the last open one is still within its promise
            promised = today + timedelta(days=2)
        complaints.append(
            {
                "member_id": member_id,
                "order_id": order_id,
                "opened_at": opened,
                "opened_by": rng.choice(staff),
                "category": category,
                "description": description,
                "owner_id": staff[-1] if len(staff) > 1 else staff[0],
                "promised_on": promised,
                "compensation_fen": compensation,
                "compensation_note": "甜品 Dessert" if compensation else "",
                "outcome": outcome,
                "status": "resolved" if outcome else "open",
                "resolved_at": opened + timedelta(days=1) if outcome else None,
            }
        )
    connection.execute(insert(ComplaintRow), complaints)
    no_shows = []
    for n in range(6):
        _, member_id, at = rng.choice(orders)
        booked = at.replace(hour=19, minute=0) - timedelta(days=rng.randint(1, 10))
        no_shows.append(
            {
                "member_id": member_id,
                "kind": "no_show" if n % 3 else "cancellation",
                "booked_for": booked,
                "party_size": rng.randint(2, 8),
                "recorded_at": booked + timedelta(minutes=30),
                "staff_id": rng.choice(staff),
                "note": "",
            }
        )
    connection.execute(insert(NoShowRow), no_shows)
