"""A manager edits targeted offers, public holidays and the stacking policy on both
databases: what is saved is exactly what the till applies, with permission, checks and a
before/after audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time
from functools import partial
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import RuleRejected
from app.domain.menu import CategoryId, ItemId
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.offers import (
    BenefitKind,
    Conditions,
    HolidayRule,
    Miss,
    Offer,
    StackingPolicy,
)
from app.domain.service_type import ServiceType
from app.domain.staff import StaffMember
from app.errors import PermissionDenied
from app.services.loyalty_admin import LoyaltyAdminService
from db.engine import create_db_engine, session_factory
from db.loyalty_rules import rules_from_rows
from db.models import OfferCategoryRow, OfferItemRow, OfferTierRow, SettingRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.integration.test_loyalty_admin import audit_details, cashier, manager

ZHANG_WEI = "13800138000"  # Gold


@pytest.fixture
def admin(till: Till, database_url: str, clock: FakeClock) -> Iterator[LoyaltyAdminService]:
    engine = create_db_engine(database_url)
    yield LoyaltyAdminService(
        partial(SqlUnitOfWork, session_factory(engine)), clock, till.config.till_id
    )
    engine.dispose()


def rules(url: str) -> LoyaltyRules:
    engine = create_db_engine(url)
    try:
        with Session(engine) as session:
            return rules_from_rows(session)
    finally:
        engine.dispose()


def links(url: str) -> dict[str, list[tuple[int, int]]]:
    """Every association row of every offer, by table."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return {
                "categories": sorted(
                    (r.offer_id, r.category_id) for r in session.scalars(select(OfferCategoryRow))
                ),
                "items": sorted(
                    (r.offer_id, r.item_id) for r in session.scalars(select(OfferItemRow))
                ),
                "tiers": sorted(
                    (r.offer_id, r.tier_id) for r in session.scalars(select(OfferTierRow))
                ),
            }
    finally:
        engine.dispose()


def everything(admin: LoyaltyAdminService) -> tuple[Any, ...]:
    return (admin.targeted_offers(), admin.holidays(), admin.offer_stacking())


def late_night(admin: LoyaltyAdminService) -> Offer:
    """An offer that uses every condition there is."""
    drinks = next(c for c in admin.categories() if c.code == "DRINK")
    rice = next(i for i in admin.menu_items() if i.code == "STAPLE-01")
    return Offer(
        code="LATE-NIGHT",
        name_zh="深夜食堂 饮品米饭87.5折",
        name_en="Late night: 12.5% off drinks and rice",
        kind=BenefitKind.PERCENT_OFF,
        value=1250,
        conditions=Conditions(
            valid_from=date(2026, 11, 1),
            valid_until=date(2027, 3, 31),
            weekdays=frozenset({0, 1, 2, 3, 4}),
            holidays=HolidayRule.NOT_ON_HOLIDAYS,
            starts_at=time(22, 0),
            ends_at=time(2, 0),
            min_party_size=2,
            service_types=frozenset({ServiceType.DINE_IN}),
            categories=frozenset({drinks.category_id}),
            items=frozenset({rice.item_id}),
            members_only=True,
            tiers=frozenset({"GOLD", "PLATINUM"}),
            segments=frozenset({"champions", "night_owls"}),
            uses_per_member=3,
            min_spend=2_000,
        ),
        priority=7,
    )


def test_an_offer_with_every_condition_is_saved_as_the_till_will_apply_it(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    offer = late_night(admin)
    typed = replace(offer, code=" late-night ", name_en=" Late night: 12.5% off drinks and rice ")
    saved = admin.save_targeted_offer(TargetedOfferSpec(typed), manager(till))

    assert saved.offer == offer and saved.active and saved.offer_id is not None
    assert saved in admin.targeted_offers()
    assert [o for o in rules(database_url).offers if o.code == "LATE-NIGHT"] == [offer]
    assert [o for o in till.loyalty.rules().offers if o.code == "LATE-NIGHT"] == [offer]

    [(subject, detail)] = audit_details(database_url)
    assert subject == "offer:LATE-NIGHT" and detail["before"] is None
    after = detail["after"]
    assert after["offer"]["value"] == 1250 and after["offer"]["kind"] == "percent_off"
    conditions = after["offer"]["conditions"]
    assert (conditions["starts_at"], conditions["ends_at"]) == ("22:00:00", "02:00:00")
    assert conditions["weekdays"] == [0, 1, 2, 3, 4]
    assert conditions["service_types"] == ["dine_in"]
    assert conditions["tiers"] == ["GOLD", "PLATINUM"]


def test_an_edited_offer_replaces_what_it_covers_and_the_audit_shows_both(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    boss = manager(till)
    saved = admin.save_targeted_offer(TargetedOfferSpec(late_night(admin)), boss)
    assert saved.offer_id is not None
    cold = next(c for c in admin.categories() if c.code == "COLD")
    wider = replace(
        saved.offer.conditions,
        categories=frozenset({cold.category_id}),
        items=frozenset(),
        tiers=frozenset({"SILVER"}),
    )
    amount = replace(saved.offer, kind=BenefitKind.AMOUNT_OFF, value=3_050, conditions=wider)
    edited = admin.save_targeted_offer(replace(saved, offer=amount), boss)

    assert edited.offer == amount and edited.offer_id == saved.offer_id
    assert [o for o in rules(database_url).offers if o.code == "LATE-NIGHT"] == [amount]
    mine = {
        table: [pair for pair in pairs if pair[0] == saved.offer_id]
        for table, pairs in links(database_url).items()
    }
    silver = next(t for t in admin.tiers() if t.code == "SILVER")
    assert mine == {
        "categories": [(saved.offer_id, cold.category_id)],
        "items": [],
        "tiers": [(saved.offer_id, silver.tier_id)],
    }
    (_, first), (subject, second) = audit_details(database_url)
    assert subject == "offer:LATE-NIGHT" and second["before"] == first["after"]
    assert (second["before"]["offer"]["value"], second["after"]["offer"]["value"]) == (1250, 3050)
    assert second["after"]["offer"]["conditions"]["items"] == []


def test_an_offer_across_midnight_applies_at_half_past_eleven_but_not_at_noon(
    till: Till, admin: LoyaltyAdminService
) -> None:
    fish = next(i for i in admin.menu_items() if i.code == "HOT-03")  # ¥88
    supper = Offer(
        "SUPPER",
        "夜宵立减10元",
        "Supper: ¥10 off",
        BenefitKind.AMOUNT_OFF,
        1_000,
        Conditions(starts_at=time(22), ends_at=time(2), items=frozenset({fish.item_id})),
    )
    admin.save_targeted_offer(TargetedOfferSpec(supper), manager(till))
    draft = OrderDraft()
    draft.add(next(i for i in till.catalog.load().items if i.code == "HOT-03"))
    member = till.members.identify(ZHANG_WEI).member
    assert member is not None
    draft.set_member(till.loyalty.personal(member, date(2026, 11, 22)))
    current = till.loyalty.rules()

    late = build_bill(draft, current, datetime(2026, 11, 22, 23, 30)).offers
    assert {a.candidate.key: a.amount for a in late.applied} == {"SUPPER": 1_000}
    noon = build_bill(draft, current, datetime(2026, 11, 22, 12, 30)).offers
    assert {m.candidate.key: m.miss for m in noon.missed}["SUPPER"] is Miss.WRONG_TIME


def conditions(**change: Any) -> dict[str, Any]:
    return {"conditions": change}


OFFER_MISTAKES = (
    ({"value": 0}, "percentage off is more than 0% and at most 100%"),
    ({"value": 10_001}, "percentage off is more than 0% and at most 100%"),
    (
        {"kind": BenefitKind.AMOUNT_OFF, "value": 0},
        "amount off is more than ¥0 and at most ¥50,000",
    ),
    ({"kind": BenefitKind.AMOUNT_OFF, "value": 5_000_001}, "amount off is more than ¥0"),
    ({"kind": "bogof"}, "a percentage off or an amount off"),
    ({"priority": -1}, "priority is a whole number from 0 to 999"),
    ({"priority": 1000}, "priority is a whole number from 0 to 999"),
    ({"code": "FAMILY-4"}, "another offer already has the code FAMILY-4"),
    ({"code": "late night"}, "a code is 1 to 32 letters"),
    ({"name_zh": " "}, "Chinese name must not be empty"),
    ({"name_en": ""}, "English name must not be empty"),
    ({"coupon_only": True}, "a coupon-only offer is for members only"),
    (conditions(min_party_size=0), "smallest party is from 1 to 99 guests"),
    (conditions(min_party_size=100), "smallest party is from 1 to 99 guests"),
    (conditions(uses_per_member=0), r"uses per member are empty \(no limit\) or from 1 to 1000"),
    (conditions(uses_per_member=1001), "uses per member are empty"),
    (
        conditions(valid_from=date(2027, 1, 2), valid_until=date(2027, 1, 1)),
        "start on or before the day it ends",
    ),
    (conditions(starts_at=time(14), ends_at=time(14)), "end at another time than it starts"),
    (conditions(weekdays=frozenset({7})), r"weekdays are 0 \(Monday\) to 6 \(Sunday\)"),
    (conditions(min_spend=-1), "minimum spend must not be negative"),
    (conditions(min_spend=5_000_001), "minimum spend is at most ¥50,000"),
    (conditions(segments=frozenset({"s" * 25})), "segment name is at most 24 characters"),
    (conditions(tiers=frozenset({"DIAMOND"})), "a tier the offer is for no longer exists"),
    (conditions(categories=frozenset({CategoryId(99_999)})), "category .* no longer exists"),
    (conditions(items=frozenset({ItemId(99_999)})), "menu item .* no longer exists"),
)


@pytest.mark.parametrize(("change", "message"), OFFER_MISTAKES, ids=[m for _, m in OFFER_MISTAKES])
def test_each_mistake_in_a_targeted_offer_is_refused_with_a_reason_and_changes_nothing(
    till: Till,
    admin: LoyaltyAdminService,
    database_url: str,
    change: dict[str, Any],
    message: str,
) -> None:
    offer = late_night(admin)
    offer = replace(  # open to everyone, so only the change under test can be wrong
        offer, conditions=replace(offer.conditions, members_only=False, tiers=frozenset())
    )
    if "conditions" in change:
        offer = replace(offer, conditions=replace(offer.conditions, **change["conditions"]))
    else:
        offer = replace(offer, **change)
    before = everything(admin)
    with pytest.raises(RuleRejected, match=message):
        admin.save_targeted_offer(TargetedOfferSpec(offer), manager(till))
    assert everything(admin) == before
    assert audit_details(database_url) == []


def test_a_cashier_may_not_change_offers_holidays_or_stacking_and_nothing_changes(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    staff: StaffMember = cashier(till)
    family = next(o for o in admin.targeted_offers() if o.offer.code == "FAMILY-4")
    assert family.offer_id is not None
    before = everything(admin)
    attempts = (
        lambda: admin.save_targeted_offer(TargetedOfferSpec(late_night(admin)), staff),
        lambda: admin.save_targeted_offer(replace(family, active=False), staff),
        lambda: admin.deactivate_targeted_offer(family.offer_id, staff),
        lambda: admin.add_holiday(Holiday(date(2027, 4, 5), "清明节 Qingming"), staff),
        lambda: admin.remove_holiday(date(2027, 1, 1), staff),
        lambda: admin.save_offer_stacking(OfferStacking(StackingPolicy.ADDITIVE, 10_000), staff),
    )
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="王芳 may not edit the loyalty rules"):
            attempt()
    assert everything(admin) == before
    assert audit_details(database_url) == []


def test_a_deactivated_offer_leaves_the_rules_and_comes_back_when_switched_on(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    boss = manager(till)
    family = next(o for o in admin.targeted_offers() if o.offer.code == "FAMILY-4")
    assert family.offer_id is not None and family.offer in rules(database_url).offers

    off = admin.deactivate_targeted_offer(family.offer_id, boss)
    assert not off.active and off.offer == family.offer
    assert off in admin.targeted_offers()  # listed still, never deleted
    assert "FAMILY-4" not in [o.code for o in rules(database_url).offers]
    with pytest.raises(RuleRejected, match="the offer FAMILY-4 is already inactive"):
        admin.deactivate_targeted_offer(family.offer_id, boss)

    admin.save_targeted_offer(replace(off, active=True), boss)
    assert family.offer in rules(database_url).offers
    [(subject, first), (_, second)] = audit_details(database_url)
    assert subject == "offer:FAMILY-4"
    assert (first["before"]["active"], first["after"]["active"]) == (True, False)
    assert (second["before"]["active"], second["after"]["active"]) == (False, True)


def test_holidays_are_added_and_removed_and_reach_the_rules(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    boss = manager(till)
    qingming = date(2027, 4, 5)
    assert qingming not in rules(database_url).holidays
    added = admin.add_holiday(Holiday(qingming, " 清明节 Qingming "), boss)
    assert added == Holiday(qingming, "清明节 Qingming") and added in admin.holidays()
    assert qingming in rules(database_url).holidays
    with pytest.raises(RuleRejected, match="2027-04-05 is already a holiday: 清明节 Qingming"):
        admin.add_holiday(Holiday(qingming, "again"), boss)
    with pytest.raises(RuleRejected, match="holiday's name must not be empty"):
        admin.add_holiday(Holiday(date(2027, 4, 6), " "), boss)

    admin.remove_holiday(date(2027, 1, 1), boss)
    assert date(2027, 1, 1) not in rules(database_url).holidays
    assert date(2027, 1, 2) in rules(database_url).holidays
    with pytest.raises(RuleRejected, match="2027-01-01 is not a holiday"):
        admin.remove_holiday(date(2027, 1, 1), boss)

    qingming_detail = {"day": "2027-04-05", "name": "清明节 Qingming"}
    new_year_detail = {"day": "2027-01-01", "name": "元旦 New Year"}
    assert audit_details(database_url) == [
        ("holiday:2027-04-05", {"before": None, "after": qingming_detail}),
        ("holiday:2027-01-01", {"before": new_year_detail, "after": None}),
    ]


def test_the_stacking_policy_and_cap_reach_the_rules_with_an_audit(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    boss = manager(till)
    assert admin.offer_stacking() == OfferStacking(StackingPolicy.BEST_OF, 3_000)  # the demo's
    additive = OfferStacking(StackingPolicy.ADDITIVE, 2_550)
    assert admin.save_offer_stacking(additive, boss) == additive
    current = rules(database_url)
    assert (current.stacking, current.offer_cap_bp) == (StackingPolicy.ADDITIVE, 2_550)
    assert admin.save_offer_stacking(additive, boss) == additive  # unchanged: no audit

    for mistake, message in (
        (OfferStacking(StackingPolicy.EXCLUSIVE, 10_001), "per-order cap is from 0% to 100%"),
        (OfferStacking(StackingPolicy.EXCLUSIVE, -1), "per-order cap is from 0% to 100%"),
        (
            OfferStacking("stack-all", 0),  # type: ignore[arg-type]
            "stacking policy is one of: best_of, additive",
        ),
    ):
        with pytest.raises(RuleRejected, match=message):
            admin.save_offer_stacking(mistake, boss)
    assert admin.offer_stacking() == additive

    [(subject, detail)] = audit_details(database_url)
    assert subject == "offer_stacking"
    assert detail == {
        "before": {"policy": "best_of", "cap_bp": 3_000},
        "after": {"policy": "additive", "cap_bp": 2_550},
    }


def test_stacking_is_saved_where_no_setting_existed_yet(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    """A database from before offers had no ``offers.*`` settings: they are created."""
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        for key in ("offers.stacking", "offers.cap_bp"):
            row = session.get(SettingRow, key)
            if row is not None:
                session.delete(row)
    engine.dispose()
    assert admin.offer_stacking() == OfferStacking(StackingPolicy.BEST_OF, 10_000)  # defaults

    exclusive = OfferStacking(StackingPolicy.EXCLUSIVE, 10_000)
    admin.save_offer_stacking(exclusive, manager(till))
    current = rules(database_url)
    assert (current.stacking, current.offer_cap_bp) == (StackingPolicy.EXCLUSIVE, 10_000)
