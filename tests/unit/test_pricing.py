from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.pricing import DiscountRule, LineInput, points_for, price
from app.domain.tiers import PricingMember, Tier, TierId

TODAY = date(2026, 11, 22)
FOOD, DRINK, SET_MENU = CategoryId(1), CategoryId(2), CategoryId(3)


def item(code: str, unit_price: int, category: CategoryId = FOOD) -> MenuItem:
    return MenuItem(ItemId(hash(code) % 10_000), code, code, code, category, unit_price)


def member(
    bp: int,
    excluded: frozenset[CategoryId] = frozenset(),
    expires: date | None = None,
    multiplier: int = 10_000,
) -> PricingMember:
    tier = Tier(TierId(1), "T", 1, "金卡", "Gold", bp, excluded, multiplier, 0)
    return PricingMember(tier, expires)


GOLD = member(1000, frozenset({DRINK}))

CASES = [
    # name, lines, member, (subtotal, discount, total)
    ("guest pays list price", [(item("a", 3800), 2)], None, (7600, 0, 7600)),
    ("tier discount on food", [(item("a", 3800), 2)], GOLD, (7600, 760, 6840)),
    ("drinks excluded for gold", [(item("d", 1500, DRINK), 1)], GOLD, (1500, 0, 1500)),
    ("odd amount rounds half-up", [(item("b", 2985), 1)], GOLD, (2985, 299, 2686)),
    ("odd amount rounds down", [(item("b", 2984), 1)], GOLD, (2984, 298, 2686)),
    ("zero quantity costs nothing", [(item("a", 3800), 0)], GOLD, (0, 0, 0)),
    ("large quantity stays exact", [(item("a", 3333), 999)], GOLD, (3_329_667, 332_967, 2_996_700)),
    (
        "mixed lines add up",
        [(item("a", 3800), 1), (item("d", 800, DRINK), 2), (item("s", 16800, SET_MENU), 1)],
        GOLD,
        (22_200, 2060, 20_140),
    ),
    (
        "expired member gets no discount",
        [(item("a", 3800), 1)],
        member(1000, expires=date(2026, 11, 21)),
        (3800, 0, 3800),
    ),
    (
        "expiry day itself still counts",
        [(item("a", 3800), 1)],
        member(1000, expires=TODAY),
        (3800, 380, 3420),
    ),
    ("free item", [(item("f", 0), 3)], GOLD, (0, 0, 0)),
    ("100 percent tier", [(item("a", 3800), 1)], member(10_000), (3800, 3800, 0)),
]


@pytest.mark.parametrize(("name", "lines", "who", "expected"), CASES, ids=[c[0] for c in CASES])
def test_price_table(
    name: str,
    lines: list[tuple[MenuItem, int]],
    who: PricingMember | None,
    expected: tuple[int, int, int],
) -> None:
    priced = price([LineInput(i, q) for i, q in lines], who, TODAY)
    assert (priced.subtotal, priced.discount, priced.total) == expected


def test_each_line_says_why_it_was_or_was_not_discounted() -> None:
    lines = [LineInput(item("a", 3800), 1), LineInput(item("d", 800, DRINK), 1)]
    rules = [line.rule for line in price(lines, GOLD, TODAY).lines]
    assert rules == [DiscountRule.TIER, DiscountRule.CATEGORY_EXCLUDED]
    assert price(lines, None, TODAY).lines[0].rule is DiscountRule.NOT_A_MEMBER


def test_negative_quantity_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        price([LineInput(item("a", 100), -1)], None, TODAY)


def test_points_are_whole_yuan_paid_times_multiplier_floored() -> None:
    assert points_for(33_720, 15_000) == 505  # ¥337.20 x 1.5 = 505.8
    assert points_for(99, 10_000) == 0
    assert points_for(0, 20_000) == 0


def test_expired_member_earns_no_points_and_guest_earns_none() -> None:
    lines = [LineInput(item("a", 10_000), 1)]
    assert price(lines, member(1000, expires=date(2026, 1, 1)), TODAY).points_earned == 0
    assert price(lines, None, TODAY).points_earned == 0
    assert price(lines, member(1000, multiplier=20_000), TODAY).points_earned == 180


line_strategy = st.tuples(
    st.integers(min_value=0, max_value=10_000_000),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([FOOD, DRINK, SET_MENU]),
)


@given(
    lines=st.lists(line_strategy, max_size=30),
    bp=st.integers(min_value=0, max_value=10_000),
    excluded=st.frozensets(st.sampled_from([FOOD, DRINK, SET_MENU])),
    is_member=st.booleans(),
)
def test_totals_are_the_sum_of_integer_lines(
    lines: list[tuple[int, int, CategoryId]],
    bp: int,
    excluded: frozenset[CategoryId],
    is_member: bool,
) -> None:
    inputs = [
        LineInput(MenuItem(ItemId(n), f"i{n}", "x", "x", cat, unit), qty)
        for n, (unit, qty, cat) in enumerate(lines)
    ]
    priced = price(inputs, member(bp, excluded) if is_member else None, TODAY)
    assert priced.subtotal == sum(line.gross for line in priced.lines)
    assert priced.discount == sum(line.discount for line in priced.lines)
    assert priced.total == sum(line.net for line in priced.lines)
    assert priced.total == priced.subtotal - priced.discount
    for line in priced.lines:
        assert all(isinstance(v, int) for v in (line.gross, line.discount, line.net))
        assert 0 <= line.discount <= line.gross
        if line.item.category_id in excluded or not is_member:
            assert line.discount == 0
