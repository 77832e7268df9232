"""RFM segments: the fixed thresholds at their boundaries, quintiles and their ties, the
mapping of scores to segments, new and lost members, and properties over any members."""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.rfm import (
    FIXED_SCALES,
    MIN_QUINTILE_POPULATION,
    NEW_MEMBER_DAYS,
    Activity,
    Scale,
    Scores,
    Segment,
    quintile_scale,
    scales_for,
    scores,
    segment_for,
    segment_of,
    segments,
    window,
)

AS_OF = date(2026, 11, 21)
LONG_AGO = date(2024, 3, 1)  # joined well before the window


def came(days_ago: int, visits: int, spend: int, joined_on: date = LONG_AGO) -> Activity:
    return Activity(joined_on, AS_OF - timedelta(days=days_ago), visits, spend)


def test_the_window_is_the_twelve_months_ending_on_the_day_scored() -> None:
    assert window(AS_OF) == (date(2025, 11, 22), AS_OF)
    assert window(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))


@pytest.mark.parametrize(
    ("days", "score"),
    [(0, 5), (14, 5), (15, 4), (30, 4), (31, 3), (60, 3), (61, 2), (120, 2), (121, 1), (364, 1)],
)
def test_fixed_recency_scores_by_days_since_the_last_visit(days: int, score: int) -> None:
    assert FIXED_SCALES.recency.score(days) == score


@pytest.mark.parametrize(
    ("visits", "score"),
    [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (11, 4), (12, 5), (52, 5)],
)
def test_fixed_frequency_scores_by_visits_in_the_window(visits: int, score: int) -> None:
    assert FIXED_SCALES.frequency.score(visits) == score


@pytest.mark.parametrize(
    ("spend", "score"),
    [
        (0, 1),
        (29_999, 1),
        (30_000, 2),
        (99_999, 2),
        (100_000, 3),
        (199_999, 3),
        (200_000, 4),
        (499_999, 4),
        (500_000, 5),
    ],
)
def test_fixed_monetary_scores_by_spend_in_fen(spend: int, score: int) -> None:
    assert FIXED_SCALES.monetary.score(spend) == score


def test_a_scale_refuses_bounds_out_of_order() -> None:
    with pytest.raises(ValueError, match="from score 2 to 5"):
        Scale((1, 3, 2, 4))
    with pytest.raises(ValueError, match="from score 2 to 5"):
        Scale((14, 30, 60, 120), fewer_is_better=True)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # ten distinct values: two per quintile
        (list(range(10)), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
        # six of ten visited once: ties share the lowest score, 2 and 3 go unused
        ([1, 1, 1, 1, 1, 1, 2, 2, 3, 8], [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]),
        # everyone alike: everyone scores 1
        ([7] * 5, [1] * 5),
        # the best value shared by two thirds: all score what the first of them would
        ([1, 2, 3, 3, 3, 3], [1, 1, 2, 2, 2, 2]),
        # one member: the least value, so 1
        ([500], [1]),
    ],
)
def test_quintiles_give_ties_the_same_lower_score(values: list[int], expected: list[int]) -> None:
    scale = quintile_scale(values)
    assert [scale.score(v) for v in values] == expected


def test_recency_quintiles_count_fewer_days_as_better() -> None:
    days = [0, 3, 3, 10, 40, 90, 91, 200, 300, 364]
    scale = quintile_scale(days, fewer_is_better=True)
    assert [scale.score(d) for d in days] == [5, 4, 4, 4, 3, 3, 2, 2, 1, 1]


def test_quintiles_of_nothing_are_refused() -> None:
    with pytest.raises(ValueError):
        quintile_scale([])


@given(st.lists(st.integers(-1_000, 1_000_000), min_size=1, max_size=60), st.integers(-5, 10**6))
def test_a_quintile_scale_scores_by_how_many_are_strictly_worse(
    values: list[int], probe: int
) -> None:
    """1 + floor(5 * below / n) for every value, and for any other value too (at most 5:
    a value better than all of them has n below it)."""
    more, fewer = quintile_scale(values), quintile_scale(values, fewer_is_better=True)
    n = len(values)
    for value in [*values, probe]:
        worse, better = sum(v < value for v in values), sum(v > value for v in values)
        assert more.score(value) == min(5, 1 + math.floor(5 * worse / n))
        assert fewer.score(value) == min(5, 1 + math.floor(5 * better / n))


# The segments as the module docstring defines them, one predicate each, so the test
# catches a mapping that overlaps, leaves a gap, or drifts from its documentation.
DOCUMENTED = {
    Segment.CHAMPIONS: lambda r, f, m: r >= 4 and f >= 4 and m >= 4,
    Segment.LOYAL: lambda r, f, m: (r >= 4 and f >= 4 and m <= 3) or (r == 3 and f >= 4),
    Segment.POTENTIAL: lambda r, f, m: r >= 4 and f <= 3,
    Segment.NEED_ATTENTION: lambda r, f, m: r == 3 and f <= 3,
    Segment.AT_RISK: lambda r, f, m: r <= 2 and (f >= 3 or m >= 4),
    Segment.HIBERNATING: lambda r, f, m: r == 2 and f <= 2 and m <= 3,
    Segment.LOST: lambda r, f, m: r == 1 and f <= 2 and m <= 3,
}


@pytest.mark.parametrize(("r", "f", "m"), list(product(range(1, 6), repeat=3)))
def test_every_score_names_exactly_the_one_documented_segment(r: int, f: int, m: int) -> None:
    [documented] = [segment for segment, holds in DOCUMENTED.items() if holds(r, f, m)]
    assert segment_for(Scores(r, f, m)) is documented


@pytest.mark.parametrize(
    ("activity", "segment"),
    [
        (came(2, 14, 600_000), Segment.CHAMPIONS),
        (came(2, 14, 150_000), Segment.LOYAL),  # frequent, spends little
        (came(45, 8, 600_000), Segment.LOYAL),  # frequent, a month and a half ago
        (came(10, 3, 80_000), Segment.POTENTIAL),
        (came(45, 3, 80_000), Segment.NEED_ATTENTION),
        (came(90, 8, 50_000), Segment.AT_RISK),  # used to come often
        (came(200, 1, 250_000), Segment.AT_RISK),  # one big spend, long ago
        (came(90, 2, 20_000), Segment.HIBERNATING),
        (came(200, 2, 20_000), Segment.LOST),
        (Activity(LONG_AGO), Segment.LOST),  # no visit in 12 months
        (came(5, 1, 9_000), Segment.NEW),  # only visit, just now
        (came(20, 1, 9_000), Segment.POTENTIAL),  # only visit, a while ago
        (Activity(AS_OF - timedelta(days=NEW_MEMBER_DAYS - 1)), Segment.NEW),
        (Activity(AS_OF - timedelta(days=NEW_MEMBER_DAYS)), Segment.LOST),
        (Activity(AS_OF), Segment.NEW),  # joined on the day scored
        (came(1, 20, 900_000, joined_on=AS_OF - timedelta(days=30)), Segment.NEW),
    ],
)
def test_members_with_fixed_thresholds(activity: Activity, segment: Segment) -> None:
    assert segment_of(activity, AS_OF, FIXED_SCALES) is segment


def test_an_activity_has_a_last_visit_exactly_when_it_has_visits() -> None:
    with pytest.raises(ValueError, match="last visit"):
        Activity(LONG_AGO, None, 2, 500)
    with pytest.raises(ValueError, match="last visit"):
        Activity(LONG_AGO, AS_OF, 0, 0)
    with pytest.raises(ValueError, match="negative"):
        Activity(LONG_AGO, None, -1, 0)


def regulars(count: int) -> list[Activity]:
    """``count`` members who all came, each a little more than the one before."""
    return [came(300 - i % 300, 1 + i % 20, 1_000 * (i + 1)) for i in range(count)]


def test_quintiles_take_over_from_a_hundred_members_who_came() -> None:
    few = [*regulars(MIN_QUINTILE_POPULATION - 1), Activity(LONG_AGO)]
    assert scales_for(few, AS_OF) == FIXED_SCALES
    enough = regulars(MIN_QUINTILE_POPULATION)
    scales = scales_for(enough, AS_OF)
    assert scales.quintiles
    assert scales.frequency == quintile_scale([a.visits for a in enough])


def test_new_members_and_members_who_stayed_away_are_not_in_the_quintiles() -> None:
    newcomers = [came(1, 50, 10**7, joined_on=AS_OF - timedelta(days=10))] * 500
    absent = [Activity(LONG_AGO)] * 500
    base = regulars(MIN_QUINTILE_POPULATION)
    assert scales_for([*base, *newcomers, *absent], AS_OF) == scales_for(base, AS_OF)


def test_with_quintiles_the_top_fifth_who_came_lately_are_champions() -> None:
    members = {i: came(200 - i, 1 + i // 10, 5_000 * (i + 1)) for i in range(200)}
    named = segments(members, AS_OF)
    assert {named[i] for i in range(160, 200)} == {Segment.CHAMPIONS}
    assert named[0] is Segment.LOST


activities = st.builds(
    lambda joined, gap, visits, spend: Activity(
        AS_OF - timedelta(days=joined),
        AS_OF - timedelta(days=gap) if visits else None,
        visits,
        spend,
    ),
    joined=st.integers(0, 2_000),
    gap=st.integers(0, 364),
    visits=st.integers(0, 40),
    spend=st.integers(0, 2_000_000),
)


@given(st.dictionaries(st.integers(), activities, max_size=300))
def test_every_member_gets_exactly_one_segment(members: dict[int, Activity]) -> None:
    named = segments(members, AS_OF)
    assert named.keys() == members.keys()
    assert all(isinstance(segment, Segment) for segment in named.values())


@given(
    st.lists(activities, min_size=0, max_size=300),
    activities,
    st.integers(0, 100),
    st.integers(0, 10),
    st.integers(0, 500_000),
)
def test_more_recent_frequent_or_spending_never_scores_lower(
    population: list[Activity], member: Activity, fresher: int, more: int, extra: int
) -> None:
    scales = scales_for(population, AS_OF)
    last = member.last_visit or AS_OF - timedelta(days=364)
    better = Activity(
        member.joined_on,
        min(AS_OF, last + timedelta(days=fresher)),
        member.visits + 1 + more,
        member.spend + extra,
    )
    before, after = scores(member, AS_OF, scales), scores(better, AS_OF, scales)
    assert after is not None
    if before is not None:
        assert after.recency >= before.recency
        assert after.frequency >= before.frequency
        assert after.monetary >= before.monetary
