"""The daily RFM segments on both databases: orders make segments, refunds take spend back,
the job runs once a day across tills, and an offer for champions reaches a champion at
checkout."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.demo_database import create_demo_database
from app.domain.bill import build_bill
from app.domain.offer_admin import TargetedOfferSpec
from app.domain.offers import BenefitKind, Conditions, Miss, Offer
from app.domain.payment import PaymentMethod, Tender
from app.domain.rfm import Segment, window
from app.services.segments import AUDIT_ACTION
from db import segments as store
from db.engine import create_db_engine, session_factory
from db.models import AuditEventRow, MemberRow, OfferRow, OrderOfferRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_offers import draft_for
from tests.integration.test_partial_refunds import refund

ZHANG_WEI, EMILY, LI_NA = "13800138000", "13912345678", "13698765432"
SHAN_XIONGXIN = "13512348000"
FEATURED = {"M0000001": ZHANG_WEI, "M0000002": EMILY, "M0000003": LI_NA}


def sell(till: Till, phone: str, *codes: str) -> str:
    draft = order_for(till, phone, *codes)
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    return till.checkout.check_out(
        draft, Tender(PaymentMethod.CASH, bill.due), cashier(till)
    ).order_no


def make_a_champion(till: Till) -> list[str]:
    """张伟 (Gold, joined 165 days ago) dines six times today: 2 sets of ¥328 less 10%."""
    return [sell(till, ZHANG_WEI, "SET-03", "SET-03") for _ in range(6)]


def segments_of(url: str) -> dict[str, str]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(select(MemberRow.member_no, MemberRow.segment))
            return {member_no: segment for member_no, segment in rows}
    finally:
        engine.dispose()


def featured(url: str) -> dict[str, str]:
    every = segments_of(url)
    return {phone: every[member_no] for member_no, phone in FEATURED.items()}


def runs(url: str) -> list[tuple[str, str, dict[str, object]]]:
    """The segment job's audit events: till, day scored and detail."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(AuditEventRow.till_id, AuditEventRow.subject, AuditEventRow.detail)
                .where(AuditEventRow.action == AUDIT_ACTION)
                .order_by(AuditEventRow.id)
            )
            return [(till_id, subject, json.loads(detail)) for till_id, subject, detail in rows]
    finally:
        engine.dispose()


def next_day(till: Till, clock: FakeClock, days: int = 1) -> int:
    clock.advance(timedelta(days=days))
    return till.segments.run()


@pytest.fixture(autouse=True)
def scored_at_start_up(request: pytest.FixtureRequest) -> None:
    """What the till's window does on its background thread as it opens
    (``ui.daily_jobs``); ``build_till`` leaves the segments alone so start-up is quick."""
    if "till" in request.fixturenames:
        request.getfixturevalue("till").segments.run()


@pytest.fixture
def second_till(database_url: str, clock: FakeClock, till: Till) -> Iterator[Till]:
    other = build_till(TillConfig(database_url, till_id="T2"), clock)
    yield other
    other.close()


def test_the_days_orders_make_a_champion_a_potential_regular_and_a_newcomer(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    assert set(segments_of(database_url).values()) <= {"new", "lost"}  # no orders yet
    assert set(featured(database_url).values()) == {"lost"}
    make_a_champion(till)
    for _ in range(3):
        sell(till, LI_NA, "HOT-01")  # Silver, joined 385 days ago
    sell(till, EMILY, "HOT-02")  # Platinum, joined 335 days ago: her first visit this year
    assert till.segments.run() == 0  # today was scored at start-up; today's sales count tomorrow

    assert next_day(till, clock) == 3
    assert featured(database_url) == {ZHANG_WEI: "champions", LI_NA: "potential", EMILY: "new"}
    assert till.segments.run() == 0
    [*_, (_, day, detail)] = runs(database_url)
    assert day == "2026-11-22" and detail["scoring"] == "fixed" and detail["changed"] == 3
    counts = detail["segments"]
    assert isinstance(counts, dict) and (counts["champions"], counts["potential"]) == (1, 1)
    assert sum(counts.values()) == detail["members"] == len(segments_of(database_url))

    next_day(till, clock, 69)  # the day scored is 69 days after they came
    assert featured(database_url) == {
        ZHANG_WEI: "at_risk",  # came often, not lately
        LI_NA: "hibernating",
        EMILY: "hibernating",
    }
    clock.advance(date(2027, 11, 22) - clock.now().date())
    till.segments.run()  # the day scored is 2027-11-21: the window starts on 2026-11-22
    assert featured(database_url)[ZHANG_WEI] == "at_risk"
    next_day(till, clock)  # the visits have left the window
    assert set(featured(database_url).values()) == {"lost"}


def test_refunds_take_spend_back_and_a_refunded_order_is_no_visit(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    orders = make_a_champion(till)
    next_day(till, clock)
    assert featured(database_url)[ZHANG_WEI] == "champions"
    for order_no in orders:  # one set back from each order: ¥1,771.20 left, M 3
        refund(till, order_no, {1: 1})
    engine = create_db_engine(database_url)
    try:
        with session_factory(engine)() as session:
            [came] = store.visits(session, *window(clock.now().date()))
        assert (came.visits, came.spend) == (6, 6 * 29_520)
        next_day(till, clock)
        assert featured(database_url)[ZHANG_WEI] == "loyal"  # still frequent, spends less

        for order_no in orders[:3]:  # the rest of three orders: they were never visits
            refund(till, order_no, None)
        with session_factory(engine)() as session:
            [came] = store.visits(session, *window(clock.now().date()))
        assert (came.visits, came.spend) == (3, 3 * 29_520)
        next_day(till, clock)
        assert featured(database_url)[ZHANG_WEI] == "potential"
    finally:
        engine.dispose()


def test_the_job_runs_once_a_day_whichever_till_starts_first(
    till: Till, second_till: Till, database_url: str, clock: FakeClock
) -> None:
    assert [(t, day) for t, day, _ in runs(database_url)] == [("T1", "2026-11-21")]
    assert second_till.segments.run() == 0
    make_a_champion(till)
    assert next_day(second_till, clock) == 1
    assert till.segments.run() == 0
    clock.advance(timedelta(days=5))  # both closed for a while: one run, for the latest day
    till.segments.run()
    assert second_till.segments.run() == 0
    assert [(t, day) for t, day, _ in runs(database_url)] == [
        ("T1", "2026-11-21"),
        ("T2", "2026-11-22"),
        ("T1", "2026-11-27"),
    ]

    clock.advance(timedelta(days=1))  # both at once
    start = threading.Barrier(2)
    results: list[int] = []

    def run(one: Till) -> None:
        start.wait()
        results.append(one.segments.run())

    threads = [threading.Thread(target=run, args=(one,)) for one in (till, second_till)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2
    assert [day for _, day, _ in runs(database_url)][-2:] == ["2026-11-27", "2026-11-28"]


def test_a_till_that_scored_while_another_wrote_the_day_writes_nothing(
    till: Till, second_till: Till, database_url: str, clock: FakeClock
) -> None:
    make_a_champion(till)
    clock.advance(timedelta(days=1))
    today = clock.now().date()
    scoring = till.segments.score(today)
    assert scoring is not None and set(scoring.changes) == {Segment.CHAMPIONS}
    assert second_till.segments.run() == 1
    assert till.segments.write(scoring) == 0
    assert till.segments.score(today) is None
    assert [t for t, _, _ in runs(database_url)] == ["T1", "T2"]
    assert featured(database_url)[ZHANG_WEI] == "champions"


def test_an_offer_for_champions_applies_to_a_champion_at_checkout(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    manager = till.auth.log_in("manager", "9999")
    offer = Offer(
        "CHAMPIONS-10",
        "核心会员 9折",
        "Champions: 10% off",
        BenefitKind.PERCENT_OFF,
        1_000,
        Conditions(segments=frozenset({Segment.CHAMPIONS.value})),
        priority=1,
    )
    till.loyalty_admin.save_targeted_offer(TargetedOfferSpec(offer), manager)
    first = draft_for(till, ZHANG_WEI, "SET-03", "SET-03")
    missed = build_bill(first, till.loyalty.rules(), clock.now()).offers.missed
    assert {m.candidate.key: m.miss for m in missed}["CHAMPIONS-10"] is Miss.WRONG_SEGMENT
    make_a_champion(till)
    next_day(till, clock)  # Monday 2026-11-23, 12:30

    draft = draft_for(till, ZHANG_WEI, "HOT-01")  # ¥38 less Gold's 10%: ¥34.20
    assert draft.member is not None and draft.member.segment == "champions"
    bill = build_bill(draft, till.loyalty.rules(), clock.now())
    assert [(a.candidate.key, a.amount) for a in bill.offers.applied] == [("CHAMPIONS-10", 342)]
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    assert done.bill.due == 3_420 - 342

    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            applied = session.execute(
                select(OfferRow.code, OrderOfferRow.amount_fen)
                .join(OfferRow, OfferRow.id == OrderOfferRow.offer_id)
                .where(OrderOfferRow.member_id.is_not(None))
            ).all()
        assert [tuple(row) for row in applied] == [("CHAMPIONS-10", 342)]
    finally:
        engine.dispose()
    other = draft_for(till, SHAN_XIONGXIN, "HOT-01")  # a current member, lost: no visits
    missed = build_bill(other, till.loyalty.rules(), clock.now()).offers.missed
    assert {m.candidate.key: m.miss for m in missed}["CHAMPIONS-10"] is Miss.WRONG_SEGMENT


def test_a_new_demo_database_has_its_segments(database_url: str) -> None:
    today = date(2026, 11, 22)
    create_demo_database(database_url, 40, today)
    named = segments_of(database_url)
    assert len(named) == 40 and {"new", "lost"} <= set(named.values())
    # The demo's past (app/demo_history.py): members who came have a buyer's segment;
    # the featured members have no orders, so are lost (they joined over 90 days ago).
    assert set(named.values()) - {"new", "lost"}
    assert {named[no] for no in ("M0000001", "M0000003", "M0000004")} == {"lost"}
    [(till_id, day, detail)] = runs(database_url)
    assert (till_id, day, detail["changed"]) == ("demo", "2026-11-21", 40)


def test_the_streamed_activity_is_the_orders_summed_member_by_member(database_url: str) -> None:
    """What scoring reads (streamed, each day one shared object) equals the paid orders of
    the window added up per member here, row by row."""
    today = date(2026, 11, 22)
    create_demo_database(database_url, 300, today)
    first, last = window(today - timedelta(days=1))
    engine = create_db_engine(database_url)
    expected: dict[int, tuple[date, int, int]] = {}
    with Session(engine) as session:
        orders = session.execute(
            select(
                store.OrderRow.member_id,
                store.OrderRow.business_day,
                store.OrderRow.qualifying_spend_fen - store.OrderRow.refunded_spend_fen,
            ).where(
                store.OrderRow.status.in_(store.SPENDING_STATUSES),
                store.OrderRow.business_day.between(first, last),
                store.OrderRow.member_id.is_not(None),
            )
        )
        for member_id, day, spend in orders:
            last_visit, visits, total = expected.get(member_id, (day, 0, 0))
            expected[member_id] = (max(last_visit, day), visits + 1, total + spend)
        found = store.SqlMemberSegments(session).activity(first, last)
    engine.dispose()

    assert len(expected) > 20
    assert {m: (a.last_visit, a.visits, a.spend) for m, a in found.items()} == expected
    days = [a.joined_on for a in found.values()] + [a.last_visit for a in found.values()]
    assert len({id(day) for day in days}) == len(set(days))  # one object per distinct day
