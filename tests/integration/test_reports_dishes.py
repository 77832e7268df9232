"""The dishes report on both databases, from orders the real checkout took at chosen times
(a line refunded whole, one in part, an order refunded whole), counted by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.behaviour import daypart_starts
from app.domain.dishes import Pair, percent, times
from app.services.reports import CommandLine, ReportPreview
from db.reports import dishes as store
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_partial_refunds import refund
from tests.integration.test_reports_behaviour import sell

WEEK = store.Window(date(2026, 11, 16), date(2026, 11, 22))
"""Monday to Sunday; the week before is 9 to 15 November."""
AFTER = datetime(2026, 11, 22, 21, 0)
STARTS = [(start.strftime("%H:%M:%S"), part.value) for start, part in daypart_starts()]


def sell_week(url: str) -> None:
    clock = FakeClock(datetime(2026, 11, 9, 12, 0))
    till = build_till(TillConfig(url, demo_members_if_empty=DEMO_MEMBERS), clock)
    try:
        d = datetime
        # the week before: M1 and M2 and M3 are regulars of HOT-01 (two orders each),
        # M1 of STAPLE-01 too; M4 had it once (no regular)
        for day in (10, 12):
            sell(till, clock, d(2026, 11, day, 12, 0), "M0000001", "HOT-01", "STAPLE-01")
        for day in (10, 11):
            sell(till, clock, d(2026, 11, day, 19, 0), "M0000002", "HOT-01")
        for day in (13, 14):
            sell(till, clock, d(2026, 11, day, 12, 0), "M0000003", "HOT-01")
        sell(till, clock, d(2026, 11, 13, 19, 0), "M0000004", "HOT-01")
        # the week: M1 comes without HOT-01, M2 with it, M3 stays away
        sell(till, clock, d(2026, 11, 16, 12, 0), "M0000001", "STAPLE-01", "DRINK-01")
        sell(till, clock, d(2026, 11, 17, 18, 30), "M0000002", "HOT-01", "DRINK-01")
        sell(till, clock, d(2026, 11, 18, 15, 0), "M0000004", "HOT-01")
        drink_back = sell(till, clock, d(2026, 11, 19, 12, 0), None, "HOT-01", "DRINK-01")
        refund(till, drink_back, {2: 1})  # the drink's line refunded whole
        one_back = sell(till, clock, d(2026, 11, 20, 19, 0), None, "HOT-01", "DRINK-01", "DRINK-01")
        refund(till, one_back, {2: 1})  # one of the two drinks
        sell(till, clock, d(2026, 11, 21, 12, 0), None, "HOT-01", "STAPLE-01")
        refund(till, sell(till, clock, d(2026, 11, 22, 12, 30), None, "HOT-02"), None)
    finally:
        till.close()


@pytest.fixture
def till(new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates) -> Iterator[Till]:
    demo_templates.fill_grown(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()), sell_week)
    clock.advance(AFTER - clock.now())
    built = build_till(TillConfig(new_database_url, demo_members_if_empty=DEMO_MEMBERS), clock)
    yield built
    built.close()


@pytest.fixture
def session(till: Till, database_url: str) -> Iterator[Session]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as opened:
            yield opened
    finally:
        engine.dispose()


def price(till: Till, code: str) -> int:
    return next(item.unit_price for item in till.catalog.load().items if item.code == code)


def item_id(till: Till, code: str) -> int:
    return next(item.item_id for item in till.catalog.load().items if item.code == code)


def test_guests_dishes_count_what_refunds_left(till: Till, session: Session) -> None:
    guests = {
        row.item_id: row
        for row in store.top_dishes(session, WEEK, store.BY_TIER)
        if row.group == store.GUESTS
    }
    hot, drink, staple = (item_id(till, c) for c in ("HOT-01", "DRINK-01", "STAPLE-01"))
    assert set(guests) == {hot, drink, staple}  # HOT-02 was refunded whole
    assert (guests[hot].quantity, guests[hot].orders) == (3, 3)
    assert guests[hot].revenue == 3 * price(till, "HOT-01")
    assert (guests[drink].quantity, guests[drink].orders) == (1, 1)
    assert guests[drink].revenue == price(till, "DRINK-01")
    assert (guests[staple].quantity, guests[staple].revenue) == (1, price(till, "STAPLE-01"))


def test_dishes_by_daypart_follow_the_orders_times(till: Till, session: Session) -> None:
    hot = item_id(till, "HOT-01")
    orders = {
        row.group: row.orders
        for row in store.top_dishes(session, WEEK, store.BY_DAYPART, STARTS)
        if row.item_id == hot
    }
    assert orders == {"lunch": 2, "afternoon_tea": 1, "dinner": 2}


def test_pairs_and_their_shares_by_hand(till: Till, session: Session) -> None:
    hot, drink, staple = (item_id(till, c) for c in ("HOT-01", "DRINK-01", "STAPLE-01"))
    found = {(p.first_item, p.second_item): p.together for p in store.pairs(session, WEEK, 1)}
    assert found == {
        tuple(sorted((hot, drink))): 2,
        tuple(sorted((hot, staple))): 1,
        tuple(sorted((staple, drink))): 1,
    }
    assert store.pairs(session, WEEK, 2) == [store.PairRow(*sorted((hot, drink)), 2)]
    total, per_dish = store.dish_orders(session, WEEK)
    assert total == 6  # the order refunded whole holds nothing
    orders = {row.item_id: row.orders for row in per_dish}
    assert orders == {hot: 5, drink: 3, staple: 2}
    pair = Pair(hot, drink, 2, orders[hot], orders[drink], total)
    assert percent(pair.confidence_bp) == "40.0%"  # 2 of HOT-01's 5 orders
    assert times(pair.lift_hundredths) == "0.80×"  # 2 × 6 / (5 × 3)


def test_regulars_who_came_back_without_their_dish(till: Till, session: Session) -> None:
    hot, staple = item_id(till, "HOT-01"), item_id(till, "STAPLE-01")
    found = {row.item_id: row for row in store.dropped(session, WEEK, 2)}
    assert set(found) == {hot, staple}
    assert (found[hot].regulars, found[hot].came_back, found[hot].stopped) == (3, 2, 1)
    assert (found[staple].regulars, found[staple].came_back, found[staple].stopped) == (1, 1, 0)


def preview(till: Till, **given: object) -> ReportPreview:
    return till.reports.preview("dishes", given, CommandLine(), "en", limit=1000)  # type: ignore[arg-type]


def test_the_report_ranks_each_group_by_revenue_tiers_in_rank_order(till: Till) -> None:
    given = {"from": WEEK.first, "to": WEEK.last, "by": "tier"}
    top, pairs, dropped = preview(till, **given).sections
    assert [row[:6] for row in top.rows] == [
        ("Gold", "1", "Kung Pao Chicken", "1", "1", "¥34.20"),  # M4's, at 9折
        ("Gold", "2", "Sour Plum Drink", "1", "1", "¥12.00"),
        ("Gold", "3", "Steamed Rice", "1", "1", "¥2.70"),
        ("Platinum", "1", "Kung Pao Chicken", "1", "1", "¥30.68"),
        ("Platinum", "2", "Sour Plum Drink", "1", "1", "¥9.69"),
        ("Non-members", "1", "Kung Pao Chicken", "3", "3", "¥114.00"),
        ("Non-members", "2", "Sour Plum Drink", "1", "1", "¥12.00"),
        ("Non-members", "3", "Steamed Rice", "1", "1", "¥3.00"),
    ]
    assert [row[6] for row in top.rows if row[0] == "Non-members"] == ["88.4%", "9.3%", "2.3%"]
    assert pairs.rows == () and dropped.rows == ()  # below the report's minimums


def test_weekdays_read_monday_first_in_chinese(till: Till) -> None:
    given = {"from": WEEK.first, "to": WEEK.last, "by": "weekday", "top": 1}
    top = till.reports.preview("dishes", given, CommandLine(), "zh", limit=1000).sections[0]  # type: ignore[arg-type]
    assert [row[0] for row in top.rows] == ["周一", "周二", "周三", "周四", "周五", "周六"]
