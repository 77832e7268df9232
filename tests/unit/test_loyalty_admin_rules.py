"""Who may change the loyalty programme, what a change must pass, and the trail it leaves,
on the fake unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

import pytest

from app.domain.loyalty_admin import OfferSpec, RuleRejected, TierSpec, TopUpRuleSpec
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.offers import BenefitKind, Conditions, Offer, StackingPolicy
from app.domain.renewal import OfferKind
from app.domain.staff import Role, StaffId, StaffMember
from app.domain.storage import WriteConflict
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.loyalty_admin import LoyaltyAdminService
from app.unit_of_work import UnitOfWork
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts

NOW = datetime(2026, 11, 22, 12, 30)
MANAGER = StaffMember(StaffId(9), "manager", "李经理", Role.MANAGER)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
HOT, DRINK = CategoryId(1), CategoryId(2)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset({DRINK}), 15_000, 29_900)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", GOLD,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", HOT, 3_800)
EARLY = OfferSpec("EARLY-90", OfferKind.EARLY, fee=19_900, window_days=90, offer_id=None)
LUNCH = Offer(
    "LUNCH", "午市", "Lunch", BenefitKind.PERCENT_OFF, 1_000,
    Conditions(tiers=frozenset({"GOLD"}), items=frozenset({NOODLES.item_id})),
)  # fmt: skip


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(
        members={ZHANG.member_id: ZHANG},
        tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD},
        qualify_spend={SILVER.tier_id: 0, GOLD.tier_id: 300_000},
        categories=[MenuCategory(HOT, "HOT", "热菜", "Hot"),
                    MenuCategory(DRINK, "DRINK", "饮品", "Drinks")],
        items=[NOODLES],
        staff=staff_accounts(MANAGER, CASHIER),
    )  # fmt: skip
    return FakeUnits(store)


@pytest.fixture
def admin(units: FakeUnits) -> LoyaltyAdminService:
    return LoyaltyAdminService(units, FakeClock(NOW), "T1")


def gold(admin: LoyaltyAdminService) -> TierSpec:
    return next(t for t in admin.tiers() if t.code == "GOLD")


def trail(units: FakeUnits) -> list[tuple[str, str, Any, Any, int | None, str]]:
    return [
        (action, subject, detail["before"], detail["after"], context.staff_id, context.till_id)
        for context, action, subject, detail in units.store.audit
    ]


def test_a_cashier_may_change_nothing_and_leaves_no_trail(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    before = admin.save_offer(EARLY, MANAGER)
    offer_id = before.offer_id
    assert offer_id is not None
    units.store.audit.clear()
    snapshot = (admin.tiers(), admin.offers(), admin.top_up_rules(), admin.holidays())
    attempts: list[Callable[[], object]] = [
        lambda: admin.save_tier(replace(gold(admin), discount_bp=9_000), CASHIER),
        lambda: admin.delete_tier(TierId(1), CASHIER),
        lambda: admin.save_offer(replace(before, fee=1), CASHIER),
        lambda: admin.deactivate_offer(offer_id, CASHIER),
        lambda: admin.save_top_up_rule(TopUpRuleSpec(10_000, 1_000), CASHIER),
        lambda: admin.save_targeted_offer(TargetedOfferSpec(LUNCH), CASHIER),
        lambda: admin.add_holiday(Holiday(date(2027, 1, 1), "元旦"), CASHIER),
        lambda: admin.save_offer_stacking(OfferStacking(StackingPolicy.ADDITIVE), CASHIER),
        lambda: admin.save_tier(replace(gold(admin), discount_bp=-1), CASHIER),  # before checks
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="王芳 may not edit the loyalty rules"):
            attempt()
    assert (admin.tiers(), admin.offers(), admin.top_up_rules(), admin.holidays()) == snapshot
    assert units.store.audit == []


def test_a_managers_tier_change_is_saved_and_audited_with_before_and_after(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    old = gold(admin)
    saved = admin.save_tier(replace(old, discount_bp=2_000, code=" gold "), MANAGER)
    assert saved == replace(old, discount_bp=2_000)
    assert units.store.tiers[GOLD.tier_id].discount_bp == 2_000
    [(action, subject, before, after, staff, till)] = trail(units)
    assert (action, subject, staff, till) == ("loyalty_rule_changed", "tier:GOLD", 9, "T1")
    assert (before["discount_bp"], after["discount_bp"]) == (1_000, 2_000)


def test_saving_a_tier_unchanged_writes_nothing(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    assert admin.save_tier(gold(admin), MANAGER) == gold(admin)
    assert units.store.audit == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "silver"}, "another tier already has the code SILVER"),
        ({"rank": 1}, "another tier already has rank 1"),
        ({"excluded_categories": frozenset({CategoryId(99)})}, "category no longer exists"),
        ({"discount_bp": 10_001}, "discount is from 0% to 100%"),
        ({"tier_id": TierId(42)}, "this tier no longer exists: reload"),
    ],
)
def test_a_tier_mistake_is_refused_and_changes_nothing(
    admin: LoyaltyAdminService, units: FakeUnits, change: dict[str, Any], message: str
) -> None:
    before = admin.tiers()
    with pytest.raises(RuleRejected, match=message):
        admin.save_tier(replace(gold(admin), **change), MANAGER)
    assert admin.tiers() == before and units.store.audit == []


def test_a_tier_goes_only_while_nobody_holds_it_and_never_the_last(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    with pytest.raises(RuleRejected, match="1 member\\(s\\) hold the tier GOLD"):
        admin.delete_tier(GOLD.tier_id, MANAGER)
    silver = next(t for t in admin.tiers() if t.code == "SILVER")
    admin.delete_tier(TierId(1), MANAGER)
    assert [t.code for t in admin.tiers()] == ["GOLD"]
    assert trail(units)[-1][1:4] == ("tier:SILVER", asdict(silver), None)
    units.store.members.clear()
    with pytest.raises(RuleRejected, match="the programme needs at least one tier"):
        admin.delete_tier(GOLD.tier_id, MANAGER)


def test_renewal_offers_keep_their_codes_apart_and_deactivate_once(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    early = admin.save_offer(replace(EARLY, code="early-90"), MANAGER)
    assert early.code == "EARLY-90" and early.offer_id is not None
    with pytest.raises(RuleRejected, match="another renewal offer already has the code EARLY-90"):
        admin.save_offer(replace(EARLY, fee=1), MANAGER)
    off = admin.deactivate_offer(early.offer_id, MANAGER)
    assert not off.active and admin.offers() == [off]
    with pytest.raises(RuleRejected, match="already inactive"):
        admin.deactivate_offer(early.offer_id, MANAGER)
    assert [(a, s) for a, s, *_ in trail(units)] == [
        ("loyalty_rule_changed", "renewal_offer:EARLY-90")
    ] * 2


def test_a_top_up_minimum_is_taken_once_even_by_an_inactive_rule(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    rule = admin.save_top_up_rule(TopUpRuleSpec(50_000, 5_000), MANAGER)
    assert rule.rule_id is not None
    admin.deactivate_top_up_rule(rule.rule_id, MANAGER)
    with pytest.raises(RuleRejected, match="this minimum \\(inactive: edit it"):
        admin.save_top_up_rule(TopUpRuleSpec(50_000, 6_000), MANAGER)
    with pytest.raises(RuleRejected, match="bonus must be less than the minimum"):
        admin.save_top_up_rule(TopUpRuleSpec(1_000, 1_000), MANAGER)
    assert admin.top_up_rules() == [replace(rule, active=False)]
    assert trail(units)[0][1] == f"top_up_rule:{rule.rule_id}"


def test_a_targeted_offer_names_only_tiers_and_items_that_exist(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    for conditions, message in (
        (Conditions(tiers=frozenset({"PLATINUM"})), "a tier the offer is for"),
        (Conditions(items=frozenset({ItemId(99)})), "a menu item the offer covers"),
        (Conditions(categories=frozenset({CategoryId(99)})), "a menu category the offer covers"),
        (Conditions(members_only=False), "coupon-only offer is for members only"),
    ):
        offer = replace(LUNCH, conditions=conditions, coupon_only=not conditions.members_only)
        with pytest.raises(RuleRejected, match=message):
            admin.save_targeted_offer(TargetedOfferSpec(offer), MANAGER)
    saved = admin.save_targeted_offer(TargetedOfferSpec(LUNCH), MANAGER)
    assert saved.offer_id is not None and admin.targeted_offers() == [saved]
    with pytest.raises(RuleRejected, match="another offer already has the code LUNCH"):
        admin.save_targeted_offer(TargetedOfferSpec(LUNCH), MANAGER)
    off = admin.deactivate_targeted_offer(saved.offer_id, MANAGER)
    assert not off.active
    [(_, _, before, after, _, _), (_, subject, _, _, _, _)] = trail(units)
    assert before is None and after["offer"]["code"] == "LUNCH" and subject == "offer:LUNCH"


def test_holidays_are_added_once_and_removed_once(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    new_year = admin.add_holiday(Holiday(date(2027, 1, 1), "  元旦 "), MANAGER)
    assert new_year == Holiday(date(2027, 1, 1), "元旦") and admin.holidays() == [new_year]
    with pytest.raises(RuleRejected, match="2027-01-01 is already a holiday: 元旦"):
        admin.add_holiday(Holiday(date(2027, 1, 1), "New Year"), MANAGER)
    admin.remove_holiday(date(2027, 1, 1), MANAGER)
    with pytest.raises(RuleRejected, match="is not a holiday \\(any more\\)"):
        admin.remove_holiday(date(2027, 1, 1), MANAGER)
    assert [s for _, s, *_ in trail(units)] == ["holiday:2027-01-01"] * 2


def test_stacking_is_audited_only_when_it_changes(
    admin: LoyaltyAdminService, units: FakeUnits
) -> None:
    assert admin.save_offer_stacking(OfferStacking(), MANAGER) == OfferStacking()
    assert units.store.audit == []
    changed = admin.save_offer_stacking(OfferStacking(StackingPolicy.ADDITIVE, 3_000), MANAGER)
    assert admin.offer_stacking() == changed == OfferStacking(StackingPolicy.ADDITIVE, 3_000)
    with pytest.raises(RuleRejected, match="per-order cap is from 0% to 100%"):
        admin.save_offer_stacking(OfferStacking(cap_bp=10_001), MANAGER)
    assert [s for _, s, *_ in trail(units)] == ["offer_stacking"]


class BeatenToIt:
    """Units whose commit loses to another till's write."""

    def __init__(self, units: FakeUnits) -> None:
        self._units = units

    def __call__(self) -> UnitOfWork:
        unit = self._units()

        def commit() -> None:
            raise WriteConflict("unique key taken")

        unit.commit = commit  # type: ignore[method-assign]
        return unit


def test_a_change_another_till_beat_is_refused_with_reload(units: FakeUnits) -> None:
    admin = LoyaltyAdminService(BeatenToIt(units), FakeClock(NOW), "T1")
    with pytest.raises(RuleRejected, match="another till changed the same rule just now"):
        admin.save_top_up_rule(TopUpRuleSpec(50_000, 5_000), MANAGER)
    assert units.store.top_up_rules == {} and units.store.audit == []
