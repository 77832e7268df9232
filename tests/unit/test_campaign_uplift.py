"""The campaign rules: the control group's draw and the uplift on figures with a known
effect."""

from __future__ import annotations

from array import array
from fractions import Fraction

import pytest

from app.domain.campaigns import (
    Group,
    MemberFigures,
    Method,
    campaign_coupon_code,
    control_size,
    draw_control,
    round_half_up,
    uplift,
)


def figures(group: Group, first_id: int, count: int, visits: int, spend: int,
            tier: int = 1, segment: str = "") -> list[MemberFigures]:  # fmt: skip
    return [MemberFigures(first_id + n, group, tier, segment, visits, spend) for n in range(count)]


def test_ten_percent_of_an_audience_is_held_back_rounded_half_up() -> None:
    assert control_size(40, 1000) == 4
    assert control_size(45, 1000) == 5  # 4.5 rounds up
    assert control_size(44, 1000) == 4
    assert control_size(40, 0) == 0


def test_more_than_half_cannot_be_held_back() -> None:
    with pytest.raises(ValueError, match="between 0 and 50"):
        control_size(40, 5001)


def test_the_same_audience_and_seed_draw_the_same_control_group_in_any_order() -> None:
    ids = list(range(1, 201))
    first = draw_control(ids, 1000, seed=42)
    assert len(first) == 20 and first <= set(ids)
    assert draw_control(reversed(ids), 1000, seed=42) == first
    assert draw_control(ids, 1000, seed=43) != first


def test_ids_read_in_order_as_an_array_draw_what_any_other_order_draws() -> None:
    """A million ids are read sorted into an ``array`` and drawn from as they are: the
    draw must stay the one a recorded seed gave from a list in any order."""
    ids = list(range(3, 3_000, 7))
    shuffled = ids[::-1] + ids[:10]  # out of order, with repeats
    expected = draw_control(shuffled, 1500, seed=20261205)
    assert draw_control(array("q", ids), 1500, seed=20261205) == expected
    assert draw_control(ids, 1500, seed=20261205) == expected


def test_treated_members_visiting_and_spending_a_known_amount_more_give_that_uplift() -> None:
    # 30 given the offer: 3 visits and ¥150 each; 10 held back: 2 visits and ¥100 each.
    result = uplift(
        figures(Group.TREATED, 1, 30, 3, 15_000) + figures(Group.CONTROL, 100, 10, 2, 10_000)
    )
    assert result.method is Method.CONTROL
    assert (result.treated, result.compared_with) == (30, 10)
    assert result.visits == 1
    assert result.spend == 5_000 and result.spend_rounded == 5_000


def test_the_control_group_is_preferred_to_comparable_members() -> None:
    result = uplift(
        figures(Group.TREATED, 1, 2, 2, 100)
        + figures(Group.CONTROL, 10, 2, 1, 40)
        + figures(Group.COMPARABLE, 20, 5, 0, 0)
    )
    assert (result.method, result.visits, result.spend) == (Method.CONTROL, 1, 60)


def test_uneven_groups_give_an_exact_fraction() -> None:
    odd_one = MemberFigures(9, Group.TREATED, 1, "", 0, 1)
    result = uplift(
        [*figures(Group.TREATED, 1, 3, 1, 100), odd_one, *figures(Group.CONTROL, 10, 1, 0, 0)]
    )
    assert result.visits == Fraction(3, 4)
    assert result.spend == Fraction(301, 4) and result.spend_rounded == 75


def test_without_a_control_members_are_compared_within_their_tier_and_segment() -> None:
    # Gold regulars: given it 4 visits, others 1 (+3); silver: given it 2, others 2 (+0).
    # Three of the four members given it are gold, so the uplift is 3/4 * 3 + 1/4 * 0.
    gold, silver = (2, "regular"), (1, "regular")
    result = uplift(
        figures(Group.TREATED, 1, 3, 4, 400, *gold)
        + figures(Group.TREATED, 10, 1, 2, 200, *silver)
        + figures(Group.COMPARABLE, 20, 6, 1, 100, *gold)
        + figures(Group.COMPARABLE, 30, 2, 2, 200, *silver)
        + figures(Group.COMPARABLE, 40, 9, 9, 900, 3, "banquet")  # no one given it there
        + figures(Group.TREATED, 50, 1, 5, 500, 3, "family")  # no one to compare with
    )
    assert result.method is Method.MATCHED
    assert (result.treated, result.compared_with, result.unmatched) == (4, 8, 1)
    assert result.visits == Fraction(9, 4)
    assert result.spend == 225


def test_nobody_to_compare_with_gives_no_uplift() -> None:
    result = uplift(figures(Group.TREATED, 1, 3, 1, 100))
    assert (result.method, result.treated, result.unmatched) == (Method.NONE, 0, 3)
    assert uplift([]).method is Method.NONE


def test_a_negative_spend_uplift_rounds_half_away_from_zero() -> None:
    assert round_half_up(Fraction(-5, 2)) == -3
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(-7, 3)) == -2


def test_campaign_coupon_codes_are_unique_per_member_and_never_like_a_hand_given_one() -> None:
    codes = {campaign_coupon_code(12, member_id, "Q9XW") for member_id in range(100_000)}
    assert len(codes) == 100_000
    assert campaign_coupon_code(12, 0, "Q9XW") == "C12-2-Q9XW"
    assert campaign_coupon_code(12, 32, "Q9XW") == "C12-32-Q9XW"
    assert all(not code.startswith("CP-") and len(code) <= 32 for code in codes)
    assert len(campaign_coupon_code(999_999, 10**9, "Q9XW")) <= 32
