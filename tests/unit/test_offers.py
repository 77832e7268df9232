"""Targeted offers: every condition at its boundary, each stacking policy, the cap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.money import allocate
from app.domain.offers import (
    BenefitKind,
    Candidate,
    Conditions,
    Coupon,
    Dropped,
    HolidayRule,
    Miss,
    Offer,
    OfferContext,
    OfferOutcome,
    StackingPolicy,
    apply_offers,
    first_miss,
)
from app.domain.pricing import DiscountRule, LineInput, PricedOrder, price
from app.domain.service_type import ServiceType
from app.domain.tiers import PricingMember, Tier, TierId

FOOD, DRINK, DESSERT = CategoryId(1), CategoryId(2), CategoryId(3)
FISH = MenuItem(ItemId(1), "FISH", "清蒸鱼", "Steamed fish", FOOD, 12800)
TEA = MenuItem(ItemId(2), "TEA", "奶茶", "Milk tea", DRINK, 1800)
CAKE = MenuItem(ItemId(3), "CAKE", "蛋挞", "Egg tart", DESSERT, 1200)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1000, frozenset(), 12_000, 0)
# Wednesday 2026-11-25, 15:30: afternoon-tea time on a working day.
WEDNESDAY_TEA = datetime(2026, 11, 25, 15, 30)
NATIONAL_DAY = date(2026, 10, 1)


def order(*lines: tuple[MenuItem, int], tier: Tier | None = GOLD) -> PricedOrder:
    member = PricingMember(tier, None) if tier else None
    return price([LineInput(i, q) for i, q in lines], member, WEDNESDAY_TEA.date())


def context(**changes: object) -> OfferContext:
    base = OfferContext(
        at=WEDNESDAY_TEA,
        party_size=2,
        service_type=ServiceType.DINE_IN,
        holidays=frozenset({NATIONAL_DAY}),
        is_member=True,
        member_current=True,
        tier_code="GOLD",
        segment="loyal",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def offer(code: str = "X", kind: BenefitKind = BenefitKind.PERCENT_OFF, value: int = 1500,
          priority: int = 0, **conditions: object) -> Offer:  # fmt: skip
    return Offer(code, code, code, kind, value, Conditions(**conditions), priority)  # type: ignore[arg-type]


AFTERNOON_TEA = offer(
    "TEA",
    weekdays=frozenset(range(5)),
    starts_at=time(14),
    ends_at=time(17),
    categories=frozenset({DRINK, DESSERT}),
    holidays=HolidayRule.NOT_ON_HOLIDAYS,
)

MISSES: list[tuple[str, Offer, dict[str, object], Miss | None]] = [
    ("applies inside every condition", AFTERNOON_TEA, {}, None),
    ("daypart starts at 14:00", AFTERNOON_TEA, {"at": datetime(2026, 11, 25, 14)}, None),
    (
        "daypart ends before 17:00",
        AFTERNOON_TEA,
        {"at": datetime(2026, 11, 25, 17)},
        Miss.WRONG_TIME,
    ),
    (
        "Saturday is no weekday",
        AFTERNOON_TEA,
        {"at": datetime(2026, 11, 28, 15)},
        Miss.WRONG_WEEKDAY,
    ),
    (
        "a holiday on a Thursday",
        AFTERNOON_TEA,
        {"at": datetime(2026, 10, 1, 15)},
        Miss.NOT_ON_HOLIDAYS,
    ),
    ("holidays only", offer(holidays=HolidayRule.HOLIDAYS_ONLY), {}, Miss.HOLIDAYS_ONLY),
    (
        "holidays only, on one",
        offer(holidays=HolidayRule.HOLIDAYS_ONLY),
        {"at": datetime(2026, 10, 1, 12)},
        None,
    ),
    ("four or more guests", offer(min_party_size=4), {"party_size": 3}, Miss.PARTY_TOO_SMALL),
    ("four guests exactly", offer(min_party_size=4), {"party_size": 4}, None),
    (
        "dine-in only",
        offer(service_types=frozenset({ServiceType.DINE_IN})),
        {"service_type": ServiceType.TAKEAWAY},
        Miss.WRONG_SERVICE,
    ),
    ("members only, guest", offer(), {"is_member": False}, Miss.MEMBERS_ONLY),
    ("members only, lapsed", offer(), {"member_current": False}, Miss.MEMBERS_ONLY),
    ("open to guests", offer(members_only=False), {"is_member": False}, None),
    ("Platinum only", offer(tiers=frozenset({"PLAT"})), {}, Miss.WRONG_TIER),
    ("for the at-risk segment", offer(segments=frozenset({"at_risk"})), {}, Miss.WRONG_SEGMENT),
    ("starts tomorrow", offer(valid_from=date(2026, 11, 26)), {}, Miss.NOT_YET_VALID),
    ("starts today", offer(valid_from=date(2026, 11, 25)), {}, None),
    ("ended yesterday", offer(valid_until=date(2026, 11, 24)), {}, Miss.NO_LONGER_VALID),
    ("ends today", offer(valid_until=date(2026, 11, 25)), {}, None),
    ("used twice of two", offer(uses_per_member=2), {"uses": {"X": 2}}, Miss.USED_UP),
    ("used once of two", offer(uses_per_member=2), {"uses": {"X": 1}}, None),
    (
        "desserts only, none ordered",
        offer(categories=frozenset({DESSERT})),
        {},
        Miss.NO_COVERED_ITEMS,
    ),
    ("minimum spend a fen short", offer(min_spend=13141), {}, Miss.BELOW_MINIMUM_SPEND),
    ("minimum spend after the tier discount", offer(min_spend=13140), {}, None),
]


@pytest.mark.parametrize(
    ("rule", "candidate", "changes", "expected"), MISSES, ids=[case[0] for case in MISSES]
)
def test_each_condition_at_its_boundary(
    rule: str, candidate: Offer, changes: dict[str, object], expected: Miss | None
) -> None:
    priced = order((FISH, 1), (TEA, 1))
    assert priced.total == 13140  # ¥128 + ¥18, Gold 10% off
    assert first_miss(Candidate(candidate), context(**changes), priced.lines) is expected


def test_a_personal_coupon_needs_no_current_membership_but_expires() -> None:
    priced = order((FISH, 1))
    coupon = Coupon(7, "C-7", offer("WINBACK", BenefitKind.AMOUNT_OFF, 3000), date(2026, 11, 25))
    lapsed = context(member_current=False)
    assert first_miss(Candidate(coupon.offer, coupon), lapsed, priced.lines) is None
    later = context(at=datetime(2026, 11, 26, 12))
    assert first_miss(Candidate(coupon.offer, coupon), later, priced.lines) is Miss.COUPON_EXPIRED


TEN_PCT = offer("TEN", value=1000, priority=1)
THIRTY_OFF = offer("THIRTY", BenefitKind.AMOUNT_OFF, 3000, priority=2)
DRINKS_HALF = offer("DRINKS", value=5000, priority=3, categories=frozenset({DRINK}))
ALL = [Candidate(TEN_PCT), Candidate(THIRTY_OFF), Candidate(DRINKS_HALF)]


def run(policy: StackingPolicy, cap_bp: int = 10_000) -> tuple[PricedOrder, OfferOutcome]:
    lines = [LineInput(FISH, 2), LineInput(TEA, 2)]  # ¥256 + ¥36; Gold: ¥230.40 + ¥32.40
    member = PricingMember(GOLD, None)
    with_tier = price(lines, member, WEDNESDAY_TEA.date())
    without = price(lines, member, WEDNESDAY_TEA.date(), tier_discount=False)
    priced, outcome = apply_offers(with_tier, ALL, context(), policy, cap_bp, without)
    assert priced.total == with_tier.subtotal - priced.discount - priced.offer_discount
    assert sum(line.offer_discount for line in priced.lines) == priced.offer_discount
    assert priced.offer_discount == outcome.total
    return priced, outcome


def amounts(outcome: OfferOutcome) -> dict[str, int]:
    return {a.candidate.key: a.amount for a in outcome.applied}


def dropped(outcome: OfferOutcome) -> dict[str, Dropped]:
    return {n.candidate.key: n.why for n in outcome.not_applied}


def test_best_of_keeps_the_tier_discount_and_the_single_best_offer() -> None:
    priced, outcome = run(StackingPolicy.BEST_OF)
    assert priced.discount == 2920  # Gold 10%
    assert amounts(outcome) == {"THIRTY": 3000}  # beats ¥26.28 (10%) and ¥16.20 (half the tea)
    assert dropped(outcome) == {"TEN": Dropped.NOT_THE_BEST, "DRINKS": Dropped.NOT_THE_BEST}
    assert priced.total == 26280 - 3000


def test_additive_adds_every_offer_on_what_is_left_in_priority_order() -> None:
    priced, outcome = run(StackingPolicy.ADDITIVE)
    # 10% of ¥262.80; then ¥30 spread ¥26.30 fish / ¥3.70 tea; then half the tea left.
    assert amounts(outcome) == {"TEN": 2628, "THIRTY": 3000, "DRINKS": 1273}
    fish, tea = priced.lines
    assert (fish.offer_discount, tea.offer_discount) == (2304 + 2630, 324 + 370 + 1273)
    assert tea.net == tea.gross - tea.discount - tea.offer_discount == 1273
    assert priced.total == 26280 - 6901


def test_exclusive_gives_the_offer_instead_of_the_tier_discount_when_it_saves_more() -> None:
    priced, outcome = run(StackingPolicy.EXCLUSIVE)
    # Tier: ¥29.20. On list prices 10% is also ¥29.20 (a tie keeps the tier), ¥30 off wins.
    assert outcome.tier_discount_replaced
    assert amounts(outcome) == {"THIRTY": 3000}
    assert priced.discount == 0 and priced.total == 29200 - 3000
    assert {line.rule for line in priced.lines} == {DiscountRule.REPLACED_BY_OFFER}


def test_exclusive_keeps_the_tier_discount_when_no_offer_beats_it() -> None:
    lines = [LineInput(FISH, 2), LineInput(TEA, 2)]
    member = PricingMember(GOLD, None)
    with_tier = price(lines, member, WEDNESDAY_TEA.date())
    without = price(lines, member, WEDNESDAY_TEA.date(), tier_discount=False)
    small = [Candidate(TEN_PCT), Candidate(DRINKS_HALF)]
    priced, outcome = apply_offers(
        with_tier, small, context(), StackingPolicy.EXCLUSIVE, 10_000, without
    )
    assert priced == with_tier and not outcome.applied
    assert dropped(outcome)["TEN"] is Dropped.TIER_DISCOUNT_BETTER


def test_the_cap_cuts_the_offer_that_crosses_it() -> None:
    priced, outcome = run(StackingPolicy.ADDITIVE, cap_bp=1500)  # 15% of ¥262.80 = ¥39.42
    assert amounts(outcome) == {"TEN": 2628, "THIRTY": 1314}
    assert outcome.applied[1].cut_by_cap == 3000 - 1314
    assert dropped(outcome) == {"DRINKS": Dropped.CAP_REACHED}
    assert priced.offer_discount == 3942


@given(
    amount=st.integers(min_value=0, max_value=10**7),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12),
)
def test_allocate_always_adds_up_and_stays_proportional(amount: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        amount = 0
    parts = allocate(amount, weights)
    assert sum(parts) == amount
    total = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = amount * weight / total if total else 0
        assert abs(part - exact) < 1
        assert weight > 0 or part == 0


def test_an_amount_off_never_exceeds_what_the_covered_lines_cost() -> None:
    priced = order((CAKE, 1))  # ¥12 less 10%
    big = Candidate(offer("BIG", BenefitKind.AMOUNT_OFF, 5000, members_only=False))
    after, outcome = apply_offers(priced, [big], context(), StackingPolicy.BEST_OF)
    assert amounts(outcome) == {"BIG": 1080} and after.total == 0 and after.points_earned == 0
