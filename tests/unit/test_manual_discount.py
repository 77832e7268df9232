"""Manual discounts: after the tier discount and offers, within what was approved."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.approvals import ReasonCode
from app.domain.draft import OrderDraft
from app.domain.manual_discount import (
    DiscountKind,
    DiscountRequest,
    ManualDiscount,
    ManualDiscountRejected,
    amount_off,
    apply_manual_discounts,
    check_request,
    parse_percent_off,
)
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.pricing import LineInput, PricedOrder, price
from app.domain.tiers import PricingMember, Tier, TierId

FOOD, DRINK = CategoryId(1), CategoryId(2)
FISH = MenuItem(ItemId(1), "FISH", "清蒸鱼", "Steamed fish", FOOD, 12800)
TEA = MenuItem(ItemId(2), "TEA", "奶茶", "Milk tea", DRINK, 1800)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1000, frozenset({DRINK}), 15_000, 0)
TODAY = date(2026, 11, 22)


def order(*lines: tuple[MenuItem, int], tier: Tier | None = GOLD) -> PricedOrder:
    member = PricingMember(tier, None) if tier else None
    return price([LineInput(i, q) for i, q in lines], member, TODAY)


def approved(
    kind: DiscountKind, value: int, item: MenuItem | None = None, limit: int = 10**9
) -> ManualDiscount:
    request = DiscountRequest(
        kind, value, ReasonCode.GUEST_COMPLAINT, item.item_id if item else None
    )
    return ManualDiscount(request, limit, grant_id=1, approver_name="Manager")


def test_a_line_discount_comes_after_the_tier_discount_and_earns_points_on_what_is_paid() -> None:
    priced = order((FISH, 1), (TEA, 2))  # fish 128 less 10% = 115.20; tea 36, no discount
    repriced, (applied,) = apply_manual_discounts(
        priced, [approved(DiscountKind.PERCENT, 5000, FISH)]
    )
    assert applied.amount == 5760  # half of what is left of the fish
    assert [line.manual_discount for line in repriced.lines] == [5760, 0]
    assert [line.net for line in repriced.lines] == [5760, 3600]
    assert repriced.total == 12800 + 3600 - 1280 - 5760
    assert repriced.all_discounts == 1280 + 5760
    assert repriced.points_earned == 9360 * 15_000 // 1_000_000  # ¥93.60 at 1.5 points/yuan


def test_an_order_amount_is_spread_over_the_lines_and_adds_up() -> None:
    priced = order((FISH, 1), (TEA, 1), tier=None)  # 128 + 18
    repriced, (applied,) = apply_manual_discounts(priced, [approved(DiscountKind.AMOUNT, 1001)])
    assert applied.amount == 1001
    assert sum(applied.line_amounts) == 1001
    assert applied.line_amounts == (878, 123)  # 877.59 and 123.41: the cent to the larger remainder
    assert repriced.total == 14600 - 1001


def test_never_more_than_approved_even_when_dishes_are_added_later() -> None:
    one_fish = order((FISH, 1), tier=None)
    request = approved(DiscountKind.PERCENT, 1000).request
    limit = amount_off(request, one_fish)
    assert limit == 1280
    three_fish = order((FISH, 3), tier=None)
    discount = ManualDiscount(request, limit, 1, "Manager")
    repriced, (applied,) = apply_manual_discounts(three_fish, [discount])
    assert applied.amount == 1280  # 10% of three would be 3840
    assert repriced.total == 3 * 12800 - 1280


def test_an_amount_never_takes_more_than_is_left_and_line_discounts_come_first() -> None:
    priced = order((FISH, 1), (TEA, 1), tier=None)
    line = approved(DiscountKind.AMOUNT, 99_999, TEA)
    whole = approved(DiscountKind.PERCENT, 10_000)
    repriced, applied = apply_manual_discounts(priced, [whole, line])
    assert [a.amount for a in applied] == [1800, 12800]
    assert repriced.total == 0
    assert all(line.net == 0 for line in repriced.lines)


def test_a_discount_on_a_line_no_longer_on_the_order_takes_nothing() -> None:
    priced = order((FISH, 1), tier=None)
    repriced, (applied,) = apply_manual_discounts(priced, [approved(DiscountKind.AMOUNT, 500, TEA)])
    assert applied.amount == 0
    assert repriced == priced


def test_the_draft_keeps_one_discount_per_line_and_drops_it_with_the_line() -> None:
    draft = OrderDraft()
    draft.add(FISH)
    draft.add(TEA)
    draft.add_manual_discount(approved(DiscountKind.AMOUNT, 100, FISH))
    draft.add_manual_discount(approved(DiscountKind.AMOUNT, 200, FISH))
    draft.add_manual_discount(approved(DiscountKind.AMOUNT, 300))
    assert [d.request.value for d in draft.manual_discounts] == [200, 300]
    draft.set_quantity(FISH, 0)
    assert [d.request.value for d in draft.manual_discounts] == [300]


@pytest.mark.parametrize(
    ("kind", "value", "reason", "note", "message"),
    [
        (DiscountKind.AMOUNT, 0, ReasonCode.GOODWILL, "", "takes something off"),
        (DiscountKind.PERCENT, -100, ReasonCode.GOODWILL, "", "takes something off"),
        (DiscountKind.PERCENT, 10_001, ReasonCode.GOODWILL, "", "at most 100%"),
        (DiscountKind.AMOUNT, 100, ReasonCode.OTHER, "   ", "say why"),
        (DiscountKind.AMOUNT, 100, ReasonCode.GOODWILL, "x" * 201, "at most 200"),
    ],
)
def test_requests_that_make_no_sense_are_refused(
    kind: DiscountKind, value: int, reason: ReasonCode, note: str, message: str
) -> None:
    with pytest.raises(ManualDiscountRejected, match=message):
        check_request(DiscountRequest(kind, value, reason, note=note))


def test_a_note_is_trimmed() -> None:
    request = DiscountRequest(DiscountKind.PERCENT, 10_000, ReasonCode.OTHER, note="  comped  ")
    assert check_request(request).note == "comped"


@given(
    st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=10_000),
    st.booleans(),
)
def test_lines_always_add_up_to_the_order_and_never_go_below_zero(
    prices: list[int], value: int, percent: bool
) -> None:
    items = [
        MenuItem(ItemId(n), f"I{n}", "菜", "Dish", FOOD, unit) for n, unit in enumerate(prices, 1)
    ]
    priced = order(*((item, 1) for item in items), tier=GOLD)
    kind = DiscountKind.PERCENT if percent else DiscountKind.AMOUNT
    repriced, (applied,) = apply_manual_discounts(priced, [approved(kind, value)])
    assert repriced.total == sum(line.net for line in repriced.lines)
    assert repriced.total == priced.total - applied.amount
    assert all(line.net >= 0 for line in repriced.lines)
    assert applied.amount <= priced.total


@pytest.mark.parametrize(
    ("typed", "basis_points"),
    [
        ("10", 1000),
        (" 12.5% ", 1250),
        ("15％", 1500),
        ("9折", 1000),
        ("8.5折", 1500),
        ("8。5折", 1500),
        ("0折", 10_000),
        ("100", 10_000),
    ],
)
def test_percentages_as_cashiers_type_them(typed: str, basis_points: int) -> None:
    assert parse_percent_off(typed) == basis_points


@pytest.mark.parametrize(
    "typed", ["", "abc", "10折5", "12折", "12.345", "nan", "8.2555折", "-5", "0"]
)
def test_percentages_that_make_no_sense(typed: str) -> None:
    with pytest.raises(ManualDiscountRejected):
        parse_percent_off(typed)
