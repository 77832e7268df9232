"""The benchmark members' visit figures and segments, made to agree with their orders.

``members.visits``, ``spend_fen`` and ``last_visit_on`` are lifetime figures; the
generated orders cover only the last year (``app.benchmark.orders``). So each member
gets an *earlier history* first, between joining and a year ago: about two in three
members came before (one to a dozen visits, a typical ticket each), the rest never did.
Then every member with orders adds them: their visits and spend grow by their orders'
count and totals, and their last visit is their last order's day. Hence, for every
member: ``visits`` >= their orders, ``spend_fen`` >= their orders' totals, and
``last_visit_on`` is within the last year exactly when they have orders (otherwise it
is earlier, or NULL for a member who never came).

The segment is ``app.domain.rfm``'s, scored on the day before ``today`` as the daily
segment job scores it (``app.services.segments``): from the orders in the 12-month
window, quintiles among the buyers, NEW for members who joined in the last 90 days,
LOST for the others without a visit in the window.

Runs on the bulk-load connection before the members' indexes are built.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import islice

from app.domain.rfm import Activity, Segment, scales_for, segment_of, window

CAME_BEFORE = 0.65
"""Members who visited before the orders' year (if they joined before it)."""
EARLIER_VISITS = (1, 2, 3, 4, 6, 8, 12)
EARLIER_WEIGHTS = (30, 22, 16, 12, 9, 7, 4)
TICKET_FEN = (6_000, 40_000)
"""An earlier visit's spend, uniformly between ¥60 and ¥400."""
UPDATE_BATCH = 50_000


def fill_activity(
    db: sqlite3.Connection, seed: int, today: date, progress: Callable[[str], None]
) -> None:
    """Set every member's visits, spend, last visit and segment (see the module)."""
    as_of = today - timedelta(days=1)
    first, last = window(as_of)
    orders = {
        member_id: (count, int(spend), date.fromisoformat(day))
        for member_id, count, spend, day in db.execute(
            "SELECT member_id, count(*), sum(total_fen), max(business_day) FROM orders"
            " WHERE member_id IS NOT NULL AND status = 'paid' GROUP BY member_id"
        )
    }
    in_window = {
        member_id: (count, int(spend), date.fromisoformat(day))
        for member_id, count, spend, day in db.execute(
            "SELECT member_id, count(*), sum(total_fen), max(business_day) FROM orders"
            " WHERE member_id IS NOT NULL AND status = 'paid'"
            " AND business_day BETWEEN ? AND ? GROUP BY member_id",
            (first.isoformat(), last.isoformat()),
        )
    }
    joined = {
        member_id: date.fromisoformat(day)
        for member_id, day in db.execute("SELECT id, joined_on FROM members")
    }
    buyers = {
        member_id: Activity(joined[member_id], day, count, spend)
        for member_id, (count, spend, day) in in_window.items()
    }
    scales = scales_for(buyers.values(), as_of)
    rng = random.Random(f"{seed}/activity")
    year_ago = today - timedelta(days=366)

    def rows() -> Iterator[tuple[int, int, str | None, str, int]]:
        for member_id in sorted(joined):
            joined_on = joined[member_id]
            visits, spend, last_visit = _earlier(rng, joined_on, year_ago)
            if member_id in orders:
                count, total, day = orders[member_id]
                visits, spend, last_visit = visits + count, spend + total, day
            activity = buyers.get(member_id, Activity(joined_on))
            segment: Segment = segment_of(activity, as_of, scales)
            shown = None if last_visit is None else last_visit.isoformat()
            yield visits, spend, shown, segment.value, member_id

    pending = rows()
    done = 0
    while batch := list(islice(pending, UPDATE_BATCH)):
        db.executemany(
            "UPDATE members SET visits = ?, spend_fen = ?, last_visit_on = ?, segment = ?"
            " WHERE id = ?",
            batch,
        )
        done += len(batch)
    progress(f"  visits, spend and segments for {done:,} members ({len(orders):,} with orders)")


def _earlier(rng: random.Random, joined_on: date, year_ago: date) -> tuple[int, int, date | None]:
    """Visits, spend and last visit before the orders' year (none if joined since)."""
    span = (year_ago - joined_on).days
    if span < 0 or rng.random() >= CAME_BEFORE:
        return 0, 0, None
    visits = rng.choices(EARLIER_VISITS, weights=EARLIER_WEIGHTS)[0]
    spend = sum(rng.randint(*TICKET_FEN) for _ in range(visits))
    return visits, spend, joined_on + timedelta(days=rng.randint(0, span))
