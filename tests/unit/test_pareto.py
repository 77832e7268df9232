"""Pareto arithmetic: deciles by rank, the top 20%, shares and cumulative shares."""

from __future__ import annotations

import math
from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import CNY
from app.reports.model import ReportContext
from app.reports.pareto import (
    ParetoFigures,
    SplitLine,
    concentration,
    concentration_of,
    decile_of,
    percent,
    share_bp,
    split_lines,
    tables,
)
from db.reports.pareto import SplitRow


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


def test_the_split_shares_the_window_and_rounds_per_order_half_up() -> None:
    members, guests = split_lines([SplitRow(True, 3, 10_001), SplitRow(False, 2, 5_001)])
    assert (members.member, members.orders, members.revenue) == (True, 3, 10_001)
    assert (members.share_bp, members.per_order) == (6666, 3334)  # of 15,002; per 3 orders
    assert (guests.member, guests.share_bp, guests.per_order) == (False, 3334, 2501)
    assert split_lines([]) == (SplitLine(True, 0, 0, 0, 0), SplitLine(False, 0, 0, 0, 0))


def test_every_cell_of_the_tables_is_formatted_from_the_typed_figures() -> None:
    figures = concentration_of([1_000_000] + [100] * 99)
    split = split_lines([SplitRow(True, 120, figures.revenue), SplitRow(False, 7, 3_005)])
    pareto = ParetoFigures(date(2025, 11, 23), date(2026, 11, 22), figures, split)
    context = ReportContext(datetime(2026, 11, 22, 12, 30), "T1", "en", CNY, "test")
    top, deciles, kinds = (list(table.rows) for table in tables(pareto, context))
    assert top == [
        ("Top 20% by revenue", 20, figures.top_revenue, "99.2%"),
        ("The other 80%", 80, figures.rest_revenue, percent(figures.rest_share_bp)),
        ("All members who bought", 100, figures.revenue, "100.0%"),
    ]
    assert figures.rest_share_bp == 10_000 - figures.top_share_bp
    assert [row[4] for row in deciles] == [percent(d.cumulative_bp) for d in figures.deciles]
    assert [row[1:3] for row in deciles] == [(d.members, d.revenue) for d in figures.deciles]
    assert kinds[1] == ("Non-members", 7, 3_005, percent(split[1].share_bp), 429)
