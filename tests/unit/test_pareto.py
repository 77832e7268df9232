"""Pareto arithmetic: deciles by rank, the top 20%, shares and cumulative shares."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from app.reports.pareto import concentration, concentration_of, decile_of, percent, share_bp


def test_deciles_by_rank_leave_gaps_below_ten_members_and_are_even_at_ten() -> None:
    assert [decile_of(r, 1) for r in (1,)] == [1]
    assert [decile_of(r, 3) for r in (1, 2, 3)] == [1, 4, 7]
    assert [decile_of(r, 10) for r in range(1, 11)] == list(range(1, 11))
    assert [decile_of(r, 20) for r in (1, 2, 3, 20)] == [1, 1, 2, 10]


def test_fewer_than_five_members_still_have_a_top_member() -> None:
    figures = concentration_of([100, 300, 200])
    assert (figures.members, figures.revenue) == (3, 600)
    assert (figures.top_members, figures.top_revenue, figures.top_share_bp) == (1, 300, 5000)
    assert [d.members for d in figures.deciles] == [1, 0, 0, 1, 0, 0, 1, 0, 0, 0]
    assert [d.cumulative_bp for d in figures.deciles][3] == 8333


def test_equal_spend_gives_the_top_20_percent_exactly_20_percent() -> None:
    figures = concentration_of([5_000] * 50)
    assert figures.top_members == 10 and figures.top_share_bp == 2000
    assert [d.share_bp for d in figures.deciles] == [1000] * 10
    assert [d.cumulative_bp for d in figures.deciles] == list(range(1000, 10_001, 1000))


def test_one_whale_takes_nearly_everything() -> None:
    figures = concentration_of([1_000_000] + [100] * 99)
    assert figures.top_members == 20
    assert figures.deciles[0].revenue == 1_000_000 + 9 * 100
    assert figures.top_share_bp == 9921  # (1,000,000 + 19 * 100) / 1,009,900
    assert percent(figures.top_share_bp) == "99.2%"


def test_no_members_no_revenue_is_all_zero() -> None:
    figures = concentration([])
    assert (figures.members, figures.revenue, figures.top_share_bp) == (0, 0, 0)
    assert [d.decile for d in figures.deciles] == list(range(1, 11))
    assert all(d.cumulative_bp == 0 for d in figures.deciles)


def test_percent_rounds_half_up_to_one_decimal() -> None:
    assert [percent(bp) for bp in (6253, 6255, 0, 10_000, 5)] == [
        "62.5%",
        "62.6%",
        "0.0%",
        "100.0%",
        "0.1%",
    ]
    assert share_bp(1, 3) == 3333 and share_bp(2, 3) == 6667 and share_bp(5, 0) == 0


@given(st.lists(st.integers(0, 10_000_000), min_size=1, max_size=300))
def test_concentration_holds_for_any_spend(revenues: list[int]) -> None:
    figures = concentration_of(revenues)
    n = len(revenues)
    assert figures.members == n and figures.revenue == sum(revenues)
    assert figures.top_members == math.ceil(n / 5)
    assert figures.top_revenue == sum(sorted(revenues, reverse=True)[: math.ceil(n / 5)])
    sizes = [d.members for d in figures.deciles]
    if n >= 10:
        assert max(sizes) - min(sizes) <= 1
    cumulative = [d.cumulative_bp for d in figures.deciles]
    assert cumulative == sorted(cumulative)
    assert cumulative[1] == figures.top_share_bp
    if figures.revenue > 0:
        assert cumulative[-1] == 10_000
        assert figures.top_share_bp >= 2000  # the top fifth is never below average
