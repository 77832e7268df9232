"""Members' stored value (the member list's value sort) on both databases: the daily run
values every member by the rule, a visit and a refund revalue their member at once, a
refusal of automated decisions takes the member out, the run is once a day across tills,
and a value worked out before a visit never overwrites the visit's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.member_filters import MemberFilter, SortKey
from app.domain.member_profile import Consents
from app.domain.member_value import HORIZON_YEARS, value_of
from app.services.member_values import WATERMARK, revaluation
from db.models import MemberRow
from tests.fakes import FakeClock
from tests.integration.test_member_story import manager, member_id
from tests.integration.test_partial_refunds import refund
from tests.integration.test_segments import sell

ZHANG_WEI, EMILY, LI_NA = "13800138000", "13912345678", "13698765432"


def stored(url: str) -> dict[str, tuple[int | None, int, date, date | None, bool]]:
    """member_no: (value, spend, joined, last visit, may be valued), merged members left out."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(
                    MemberRow.member_no,
                    MemberRow.value_fen,
                    MemberRow.spend_fen,
                    MemberRow.joined_on,
                    MemberRow.last_visit_on,
                    MemberRow.erased_at.is_(None)
                    & (
                        MemberRow.consent_automated.is_(True)
                        | MemberRow.consent_updated_at.is_(None)
                    ),
                ).where(MemberRow.merged_into_id.is_(None))
            )
            return {
                no: (value, spend, joined, last, bool(ok))
                for no, value, spend, joined, last, ok in rows
            }
    finally:
        engine.dispose()


def expected(row: tuple[int | None, int, date, date | None, bool], today: date) -> int | None:
    _value, spend, joined, last, valuable = row
    return value_of(spend, joined, last, today).lifetime_value if valuable else None


def values(url: str) -> dict[str, int | None]:
    return {no: row[0] for no, row in stored(url).items()}


def test_the_daily_run_values_every_member_by_the_rule(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    assert set(values(database_url).values()) == {None}  # nothing valued before the job
    today = clock.now().date()
    for _ in range(3):
        sell(till, ZHANG_WEI, "SET-03")
    engine = create_engine(database_url)
    with engine.begin() as connection:  # an old regular, and one gone for over a year
        connection.execute(
            update(MemberRow)
            .where(MemberRow.member_no == "M0000003")
            .values(spend_fen=730_000, joined_on=today - timedelta(days=730), last_visit_on=today)
        )
        connection.execute(
            update(MemberRow)
            .where(MemberRow.member_no == "M0000004")
            .values(spend_fen=500_000, joined_on=date(2023, 1, 1), last_visit_on=date(2025, 11, 1))
        )
    engine.dispose()
    before = values(database_url)
    assert before["M0000001"] is not None  # his visits valued him already
    written = till.member_values.run()
    rows = stored(database_url)
    assert written == sum(1 for no, row in rows.items() if expected(row, today) != before[no])
    assert {no: row[0] for no, row in rows.items()} == {
        no: expected(row, today) for no, row in rows.items()
    }
    # by hand: ¥7,300 over 730 days is ¥3,650 a year, three years of it; lapsed: nothing
    assert rows["M0000003"][0] == 365_000 * HORIZON_YEARS
    assert rows["M0000004"][0] == 0
    # 张伟 joined this year: at least a year is counted, so his value is 3 × what he spent
    assert rows["M0000001"][0] == rows["M0000001"][1] * HORIZON_YEARS > 0
    assert till.member_values.run() == 0  # once a day


def test_a_day_reads_only_the_members_whose_value_may_have_moved_and_misses_none(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    """After the first run, a run reads only the members whose value may differ (a year
    of membership passed and still coming, lapsing, a consent not reflected) and leaves
    every member holding the rule's value, on the next day and after days missed."""
    start = clock.now().date()
    day = timedelta(days=1)
    shapes = {  # member_no: (joined, last visit, spend)
        "M0000003": (start - 730 * day, start, 730_000),  # an old regular: moves daily
        "M0000004": (start - 364 * day, start - 10 * day, 90_000),  # a year in tomorrow
        "M0000005": (start - 900 * day, start - 364 * day, 400_000),  # lapses in two days
        "M0000006": (start - 900 * day, start - 500 * day, 400_000),  # lapsed long ago
        "M0000007": (start - 30 * day, start - 3 * day, 20_000),  # new: moves with visits only
        "M0000008": (start - 800 * day, None, 0),  # never came
    }
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            for no, (joined, last, spend) in shapes.items():
                connection.execute(
                    update(MemberRow)
                    .where(MemberRow.member_no == no)
                    .values(joined_on=joined, last_visit_on=last, spend_fen=spend)
                )
        till.member_values.run()  # the first run: every member
        with till.units() as uow:
            assert len(list(uow.member_values.members(start, None))) == len(stored(database_url))
        with engine.begin() as connection:  # behind the till: a refusal, a lost value
            connection.execute(
                update(MemberRow)
                .where(MemberRow.member_no == "M0000009")
                .values(consent_automated=False, consent_updated_at=clock.now())
            )
            connection.execute(
                update(MemberRow).where(MemberRow.member_no == "M0000010").values(value_fen=None)
            )
        valued_through = start
        for step in (1, 1, 1, 40, 300):
            clock.advance(timedelta(days=step))
            today = clock.now().date()
            with till.units() as uow:
                read = [m.member_id for m in uow.member_values.members(today, valued_through)]
            assert 0 < len(read) < len(stored(database_url)) / 2
            till.member_values.run()
            rows = stored(database_url)
            assert {no: row[0] for no, row in rows.items()} == {
                no: expected(row, today) for no, row in rows.items()
            }, f"after {step} day(s)"
            valued_through = today
    finally:
        engine.dispose()
    assert rows["M0000005"][0] == 0 and rows["M0000009"][0] is None


def test_a_visit_and_a_refund_revalue_their_member_at_once(till: Till, database_url: str) -> None:
    till.member_values.run()
    before = stored(database_url)["M0000001"]
    order_no = sell(till, ZHANG_WEI, "SET-03", "SET-03")
    after = stored(database_url)["M0000001"]
    assert after[1] > before[1]
    assert after[0] == after[1] * HORIZON_YEARS  # without waiting for tomorrow's run
    refund(till, order_no, None)
    refunded = stored(database_url)["M0000001"]
    assert refunded[1] == before[1] and refunded[0] == before[0]


def test_a_member_who_refuses_automated_decisions_is_not_valued_and_sorts_last(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    sell(till, EMILY, "SET-03")
    till.member_values.run()
    assert values(database_url)["M0000002"] == stored(database_url)["M0000002"][1] * 3
    boss, emily = manager(till), member_id(till, EMILY)
    profile = till.member_story.profile.values(emily, boss)
    agreed = Consents(marketing=True, third_party=False, automated=True, sensitive=False)
    till.member_story.profile.edit(emily, replace(profile, consents=agreed), boss)
    assert values(database_url)["M0000002"] is not None
    refused = replace(agreed, automated=False)
    till.member_story.profile.edit(emily, replace(profile, consents=refused), boss)
    assert values(database_url)["M0000002"] is None  # at once
    sell(till, EMILY, "SET-03")  # a visit does not value her again
    assert values(database_url)["M0000002"] is None
    clock.advance(timedelta(days=1))
    till.member_values.run()
    assert values(database_url)["M0000002"] is None  # nor does the job

    staff = manager(till)
    for descending in (True, False):
        f = MemberFilter(sort=SortKey.VALUE, descending=descending)
        prepared = till.member_lists.prepare(staff, f)
        rows = till.member_lists.page(staff, prepared, None, 500)
        shown = [row.value for row in rows]
        valued = [v for v in shown if v is not None]
        assert shown == valued + [None] * (len(shown) - len(valued))  # unvalued last
        assert valued == sorted(valued, reverse=descending)
        assert rows[-1].member_no == "M0000002" if descending else True


def test_the_run_is_once_a_day_across_tills_and_loses_to_a_visit_made_meanwhile(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    other = build_till(TillConfig(database_url, till_id="T2"), clock)
    try:
        for phone in (ZHANG_WEI, EMILY, LI_NA):
            sell(till, phone, "SET-03")
        assert till.member_values.run() > 0
        assert other.member_values.run() == 0
        clock.advance(timedelta(days=400))  # everyone who came has lapsed since
        today = clock.now().date()
        with till.units() as uow:  # a run's read, paused here
            pending = revaluation(uow.member_values.members(today, None), today)
        assert len(pending) == 3  # the three who came, lapsed
        sell(till, ZHANG_WEI, "SET-03")  # 张伟 comes back before the write
        fresh = values(database_url)["M0000001"]
        assert fresh is not None and fresh > 0
        with till.units() as uow:
            written = uow.member_values.set_values(pending.chunk(0, len(pending)))
            uow.commit()
        assert written == len(pending) - 1  # all but 张伟, whose visit came after the read
        assert values(database_url)["M0000001"] == fresh
        assert other.member_values.run() >= 0
        assert till.member_values.run() == 0
        with till.units() as uow:
            assert uow.watermarks.peek(WATERMARK) == today
    finally:
        other.close()
