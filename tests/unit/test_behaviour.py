"""Behaviour clusters: the slot of a visit, the dominant-pattern rule and its edges."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from app.domain.behaviour import (
    Cluster,
    DayKind,
    SlotVisits,
    Thresholds,
    VisitProfile,
    cluster_of,
    day_kind_of,
    divide_half_up,
    profile_of,
    summarise,
)
from app.domain.member_story import Daypart

MONDAY, SATURDAY, SUNDAY = date(2026, 11, 16), date(2026, 11, 21), date(2026, 11, 22)
NATIONAL_DAY = date(2026, 10, 1)  # a Thursday
HOLIDAYS = frozenset({NATIONAL_DAY})


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def visits(*moments: datetime, party: int = 2, spend: int = 10_000) -> VisitProfile:
    return profile_of(((m, party, spend) for m in moments), HOLIDAYS)


def test_saturday_sunday_and_a_holiday_on_a_weekday_are_weekend_or_holiday() -> None:
    assert day_kind_of(MONDAY, HOLIDAYS) is DayKind.WEEKDAY
    assert day_kind_of(SATURDAY, HOLIDAYS) is DayKind.WEEKEND_OR_HOLIDAY
    assert day_kind_of(SUNDAY, HOLIDAYS) is DayKind.WEEKEND_OR_HOLIDAY
    assert NATIONAL_DAY.weekday() == 3
    assert day_kind_of(NATIONAL_DAY, HOLIDAYS) is DayKind.WEEKEND_OR_HOLIDAY
    assert day_kind_of(NATIONAL_DAY, frozenset()) is DayKind.WEEKDAY


def test_a_member_with_no_visits_is_no_visits_and_one_visit_is_no_pattern() -> None:
    assert cluster_of(VisitProfile()) is Cluster.NO_VISITS
    assert cluster_of(visits(at(MONDAY, 12))) is Cluster.MIXED


def test_two_weekday_lunches_make_a_lunch_regular() -> None:
    assert cluster_of(visits(at(MONDAY, 12), at(MONDAY, 10, 30))) is Cluster.WEEKDAY_LUNCH


def test_exactly_half_of_the_visits_is_dominant_and_just_under_half_is_not() -> None:
    two_of_four = visits(at(MONDAY, 12), at(MONDAY, 13), at(MONDAY, 18), at(MONDAY, 15))
    assert cluster_of(two_of_four) is Cluster.WEEKDAY_LUNCH
    two_of_five = visits(
        at(MONDAY, 12), at(MONDAY, 13), at(MONDAY, 18), at(MONDAY, 15), at(MONDAY, 7)
    )
    assert cluster_of(two_of_five) is Cluster.MIXED


def test_a_tie_between_two_slots_is_mixed() -> None:
    tie = visits(at(MONDAY, 12), at(MONDAY, 12), at(SATURDAY, 18), at(SATURDAY, 19))
    assert cluster_of(tie) is Cluster.MIXED


def test_a_holiday_dinner_on_a_weekday_counts_as_weekend_dinner() -> None:
    holiday_dinners = visits(at(NATIONAL_DAY, 18), at(NATIONAL_DAY, 19), at(MONDAY, 12))
    assert cluster_of(holiday_dinners) is Cluster.WEEKEND_DINNER
    without_the_holiday = profile_of(((at(NATIONAL_DAY, h), 2, 100) for h in (18, 19)), frozenset())
    assert cluster_of(without_the_holiday) is Cluster.WEEKDAY_DINNER


def test_weekend_dinner_is_family_from_an_average_party_of_exactly_three() -> None:
    three = visits(at(SATURDAY, 18), at(SUNDAY, 18), party=3)
    assert cluster_of(three) is Cluster.WEEKEND_FAMILY_DINNER
    two_and_four = profile_of([(at(SATURDAY, 18), 2, 100), (at(SUNDAY, 18), 4, 100)], HOLIDAYS)
    assert cluster_of(two_and_four) is Cluster.WEEKEND_FAMILY_DINNER
    two_and_three = profile_of([(at(SATURDAY, 18), 2, 100), (at(SUNDAY, 18), 3, 100)], HOLIDAYS)
    assert cluster_of(two_and_three) is Cluster.WEEKEND_DINNER


def test_family_is_judged_on_the_weekend_dinners_party_not_the_whole_profile() -> None:
    profile = profile_of(
        [(at(SATURDAY, 18), 4, 100), (at(SUNDAY, 18), 4, 100), (at(MONDAY, 12), 1, 100)],
        HOLIDAYS,
    )
    assert cluster_of(profile) is Cluster.WEEKEND_FAMILY_DINNER


def test_dayparts_follow_the_tills_boundaries_and_late_night_runs_past_midnight() -> None:
    assert cluster_of(visits(at(MONDAY, 14), at(MONDAY, 16, 59))) is Cluster.WEEKDAY_TEA
    assert cluster_of(visits(at(MONDAY, 10, 29), at(MONDAY, 5))) is Cluster.BREAKFAST_REGULAR
    late = visits(at(MONDAY, 21), at(SATURDAY, 0, 30), at(SUNDAY, 4, 59))
    assert cluster_of(late) is Cluster.LATE_NIGHT_REGULAR


def test_breakfast_counts_weekdays_and_weekends_together() -> None:
    profile = visits(at(MONDAY, 8), at(SATURDAY, 8), at(MONDAY, 12))
    assert cluster_of(profile) is Cluster.BREAKFAST_REGULAR


def test_a_business_banquet_needs_a_large_party_and_a_high_spend_on_average() -> None:
    banquet = visits(at(MONDAY, 19), at(MONDAY, 12), party=8, spend=150_000)
    assert cluster_of(banquet) is Cluster.BUSINESS_BANQUET
    smaller = visits(at(MONDAY, 19), at(MONDAY, 12), party=7, spend=150_000)
    assert cluster_of(smaller) is Cluster.MIXED
    cheaper = visits(at(MONDAY, 19), at(MONDAY, 19), party=10, spend=149_999)
    assert cluster_of(cheaper) is Cluster.WEEKDAY_DINNER
    once = visits(at(MONDAY, 19), party=20, spend=500_000)
    assert cluster_of(once) is Cluster.MIXED


def test_thresholds_are_data() -> None:
    profile = visits(at(MONDAY, 12), at(MONDAY, 12), at(MONDAY, 18))
    assert cluster_of(profile) is Cluster.WEEKDAY_LUNCH
    assert cluster_of(profile, Thresholds(dominant_share_bp=7000)) is Cluster.MIXED
    assert cluster_of(profile, Thresholds(min_visits=3)) is Cluster.MIXED


def test_the_summary_adds_members_visits_spend_and_party_per_cluster() -> None:
    totals = summarise(
        [
            visits(at(MONDAY, 12), at(MONDAY, 12), party=1, spend=4_000),
            visits(at(MONDAY, 12), at(MONDAY, 13), at(MONDAY, 12), party=2, spend=5_001),
            VisitProfile(),
        ]
    )
    lunch = totals[Cluster.WEEKDAY_LUNCH]
    assert (lunch.members, lunch.visits, lunch.spend) == (2, 5, 23_003)
    assert lunch.spend_per_visit == 4_601  # 4600.6 rounds up
    assert lunch.party_tenths == 16  # 8 guests in 5 visits
    assert totals[Cluster.NO_VISITS].members == 1
    assert list(totals) == list(Cluster)


def test_division_rounds_half_up_and_nothing_over_nothing_is_zero() -> None:
    assert [divide_half_up(n, 2) for n in (1, 3, 4)] == [1, 2, 2]
    assert divide_half_up(5, 0) == 0


slot = st.tuples(st.sampled_from(list(Daypart)), st.sampled_from(list(DayKind)))
slot_visits = st.builds(
    SlotVisits,
    st.integers(1, 30),
    st.integers(1, 300),
    st.integers(0, 5_000_000),
)
profiles = st.dictionaries(slot, slot_visits, max_size=10).map(VisitProfile)


@given(profiles)
def test_a_dominant_pattern_always_has_two_visits_and_half_of_them(
    profile: VisitProfile,
) -> None:
    cluster = cluster_of(profile)
    assert (cluster is Cluster.NO_VISITS) == (profile.visits == 0)
    if cluster in (Cluster.NO_VISITS, Cluster.MIXED, Cluster.BUSINESS_BANQUET):
        return
    parts = {
        Cluster.WEEKEND_FAMILY_DINNER: {(Daypart.DINNER, DayKind.WEEKEND_OR_HOLIDAY)},
        Cluster.BREAKFAST_REGULAR: {(Daypart.BREAKFAST, k) for k in DayKind},
        Cluster.LATE_NIGHT_REGULAR: {(Daypart.LATE_NIGHT, k) for k in DayKind},
    }
    named = parts.get(cluster) or {
        s for s in profile.slots if cluster_of(VisitProfile({s: SlotVisits(2, 2, 0)})) is cluster
    }
    in_pattern = sum(v.visits for s, v in profile.slots.items() if s in named)
    assert in_pattern >= 2 and 2 * in_pattern >= profile.visits


@given(st.lists(profiles, max_size=20))
def test_every_member_lands_in_exactly_one_cluster(members: list[VisitProfile]) -> None:
    totals = summarise(members)
    assert sum(t.members for t in totals.values()) == len(members)
    assert sum(t.visits for t in totals.values()) == sum(p.visits for p in members)
