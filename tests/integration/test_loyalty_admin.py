"""A manager edits the loyalty programme's data on both databases: tiers, renewal offers
and top-up rules take effect on the next order, with permission, checks and an audit trail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.approvals import ReasonCode
from app.domain.draft import OrderDraft
from app.domain.loyalty_admin import (
    OfferSpec,
    RuleRejected,
    TierSpec,
    TopUpRuleSpec,
)
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import StaffMember
from app.domain.stored_value import TopUpRule, top_up_bonus
from app.domain.tiers import TierId
from app.errors import PermissionDenied
from app.services.loyalty_admin import LoyaltyAdminService
from db.engine import create_db_engine, session_factory
from db.loyalty_rules import rules_from_rows
from db.models import AuditEventRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock

TODAY = date(2026, 11, 22)


@pytest.fixture
def admin(till: Till, database_url: str, clock: FakeClock) -> Iterator[LoyaltyAdminService]:
    engine = create_db_engine(database_url)
    yield LoyaltyAdminService(
        partial(SqlUnitOfWork, session_factory(engine)), clock, till.config.till_id
    )
    engine.dispose()


def manager(till: Till) -> StaffMember:
    return till.auth.log_in("manager", "9999")


def cashier(till: Till) -> StaffMember:
    return till.auth.log_in("wangfang", "1111")


def tier(admin: LoyaltyAdminService, code: str) -> TierSpec:
    return next(t for t in admin.tiers() if t.code == code)


def offer(admin: LoyaltyAdminService, code: str) -> OfferSpec:
    return next(o for o in admin.offers() if o.code == code)


def programme(admin: LoyaltyAdminService) -> tuple[Any, ...]:
    return (admin.tiers(), admin.offers(), admin.top_up_rules())


def audit_details(url: str) -> list[tuple[str, dict[str, Any]]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            rows = session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.action == "loyalty_rule_changed")
                .order_by(AuditEventRow.id)
            ).all()
            return [(row.subject, json.loads(row.detail)) for row in rows]
    finally:
        engine.dispose()


def gold_order(till: Till, *codes: str) -> OrderDraft:
    """张伟, a Gold member, with the items ``codes``."""
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    draft.set_member(till.members.identify("13800138000").member)
    return draft


def test_a_manager_raises_golds_discount_and_the_next_order_is_priced_with_it(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    gold = tier(admin, "GOLD")
    assert gold.discount_bp == 1000
    saved = admin.save_tier(replace(gold, discount_bp=2000, qualify_spend=250_000), manager(till))
    assert (saved.discount_bp, saved.excluded_categories) == (2000, gold.excluded_categories)

    draft = gold_order(till, "HOT-01")  # Kung Pao Chicken, ¥38
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 5_000), cashier(till))
    assert done.bill.priced.discount == 760  # 20% of ¥38
    engine = create_db_engine(database_url)
    with Session(engine) as session:
        thresholds = {t.rank: t.spend for t in rules_from_rows(session).thresholds}
    assert thresholds == {t.rank: t.spend for t in till.loyalty.rules().thresholds}
    engine.dispose()
    assert thresholds[gold.rank] == 250_000

    [(subject, detail)] = audit_details(database_url)
    assert subject == "tier:GOLD"
    assert detail["before"]["discount_bp"] == 1000 and detail["after"]["discount_bp"] == 2000
    assert detail["before"]["qualify_spend"] == 300_000
    assert detail["after"]["excluded_categories"] == sorted(gold.excluded_categories)


def test_a_new_tier_excludes_categories_and_can_be_deleted_while_nobody_holds_it(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    drinks = next(c for c in admin.categories() if c.code == "DRINK")
    boss = manager(till)
    diamond = admin.save_tier(
        TierSpec(
            code=" diamond ",
            rank=4,
            name_zh="钻石会员",
            name_en="Diamond",
            discount_bp=2000,
            points_multiplier_bp=30_000,
            annual_fee=99_900,
            excluded_categories=frozenset({drinks.category_id}),
        ),
        boss,
    )
    assert diamond.code == "DIAMOND" and diamond.tier_id is not None
    assert diamond in admin.tiers()
    assert [t.code for t in till.loyalty.tiers()][-1] == "DIAMOND"

    admin.delete_tier(diamond.tier_id, boss)
    assert "DIAMOND" not in [t.code for t in admin.tiers()]
    changes = [
        (subject, d["before"] is None, d["after"] is None)
        for subject, d in audit_details(database_url)
    ]
    assert changes == [("tier:DIAMOND", True, False), ("tier:DIAMOND", False, True)]


def test_a_tier_that_members_hold_cannot_be_deleted(till: Till, admin: LoyaltyAdminService) -> None:
    gold = tier(admin, "GOLD")
    assert gold.tier_id is not None
    before = programme(admin)
    with pytest.raises(RuleRejected, match=r"member\(s\) hold the tier GOLD"):
        admin.delete_tier(gold.tier_id, manager(till))
    assert programme(admin) == before


def test_a_tier_that_history_names_stays_even_when_nobody_holds_it(
    till: Till, admin: LoyaltyAdminService
) -> None:
    boss = manager(till)
    diamond = admin.save_tier(TierSpec("DIAMOND", 4, "钻石会员", "Diamond", 2000), boss)
    assert diamond.tier_id is not None
    zhang = till.members.identify("13800138000").member
    assert zhang is not None
    for tier_id in (diamond.tier_id, zhang.tier.tier_id):  # up to Diamond and back to Gold
        till.adjustments.override_tier(
            zhang.member_id, TierId(tier_id), boss, ReasonCode.CORRECTION, "wrong tier"
        )
    with pytest.raises(RuleRejected, match=r"records name the tier DIAMOND \(tier_changes"):
        admin.delete_tier(diamond.tier_id, boss)
    assert diamond in admin.tiers()


def test_a_cashier_may_not_change_the_programme_and_nothing_changes(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    staff = cashier(till)
    gold, early = tier(admin, "GOLD"), offer(admin, "EARLY-90")
    rule = admin.top_up_rules()[0]
    assert gold.tier_id is not None and early.offer_id is not None and rule.rule_id is not None
    before = programme(admin)
    attempts = (
        lambda: admin.save_tier(replace(gold, discount_bp=9000), staff),
        lambda: admin.delete_tier(gold.tier_id, staff),
        lambda: admin.save_offer(replace(early, fee=1), staff),
        lambda: admin.deactivate_offer(early.offer_id, staff),
        lambda: admin.save_top_up_rule(TopUpRuleSpec(10_000, 9_000), staff),
        lambda: admin.deactivate_top_up_rule(rule.rule_id, staff),
        lambda: admin.save_tier(replace(gold, discount_bp=-1), staff),  # refused before checks
    )
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="王芳 may not edit the loyalty rules"):
            attempt()
    assert programme(admin) == before
    assert audit_details(database_url) == []


GOLD_MISTAKES = (
    ({"discount_bp": 10_001}, "discount is from 0% to 100%"),
    ({"discount_bp": -100}, "discount is from 0% to 100%"),
    ({"points_multiplier_bp": 100_001}, "multiplier is from 0x to 10x"),
    ({"points_multiplier_bp": -1}, "multiplier is from 0x to 10x"),
    ({"annual_fee": -1}, "annual fee must not be negative"),
    ({"annual_fee": 5_000_001}, "annual fee is at most ¥50,000"),
    ({"qualify_spend": 5_000_001}, "qualifying spend is at most ¥50,000"),
    ({"name_zh": "  "}, "Chinese name must not be empty"),
    ({"name_en": ""}, "English name must not be empty"),
    ({"name_en": "G" * 65}, "at most 64 characters"),
    ({"code": "GOLD CARD"}, "a code is 1 to 32 letters"),
    ({"code": "金卡"}, "a code is 1 to 32 letters"),
    ({"code": "G" * 33}, "a code is 1 to 32 letters"),
    ({"code": "silver"}, "another tier already has the code SILVER"),
    ({"rank": 1}, "another tier already has rank 1"),
    ({"rank": 0}, "rank is a whole number from 1 to 99"),
    ({"excluded_categories": frozenset({99_999})}, "category no longer exists"),
)


@pytest.mark.parametrize(("change", "message"), GOLD_MISTAKES, ids=[m for _, m in GOLD_MISTAKES])
def test_each_mistake_in_a_tier_is_refused_with_a_reason_and_changes_nothing(
    till: Till,
    admin: LoyaltyAdminService,
    database_url: str,
    change: dict[str, Any],
    message: str,
) -> None:
    before = programme(admin)
    with pytest.raises(RuleRejected, match=message):
        admin.save_tier(replace(tier(admin, "GOLD"), **change), manager(till))
    assert programme(admin) == before
    assert audit_details(database_url) == []


OFFER_MISTAKES = (
    ({"kind": "birthday"}, "kind of offer is one of: free_by_spend, early, grace, win_back"),
    ({"fee": -1}, "fee must not be negative"),
    ({"fee": 5_000_001}, "fee is at most ¥50,000"),
    ({"min_spend": -5}, "minimum spend must not be negative"),
    ({"window_days": 367}, "window is from 0 to 366 days"),
    ({"window_days": -1}, "window is from 0 to 366 days"),
    (
        {"valid_from": date(2027, 1, 2), "valid_until": date(2027, 1, 1)},
        "start on or before the day it ends",
    ),
    ({"code": "GRACE-30"}, "another renewal offer already has the code GRACE-30"),
    ({"code": "early 90"}, "a code is 1 to 32 letters"),
)


@pytest.mark.parametrize(("change", "message"), OFFER_MISTAKES, ids=[m for _, m in OFFER_MISTAKES])
def test_each_mistake_in_a_renewal_offer_is_refused_with_a_reason_and_changes_nothing(
    till: Till,
    admin: LoyaltyAdminService,
    database_url: str,
    change: dict[str, Any],
    message: str,
) -> None:
    before = programme(admin)
    with pytest.raises(RuleRejected, match=message):
        admin.save_offer(replace(offer(admin, "EARLY-90"), **change), manager(till))
    assert programme(admin) == before
    assert audit_details(database_url) == []


TOP_UP_MISTAKES = (
    (TopUpRuleSpec(50_000, 50_000), "bonus must be less than the minimum top-up"),
    (TopUpRuleSpec(0, 0), "bonus must be less than the minimum top-up"),
    (TopUpRuleSpec(10_000, -1), "bonus must not be negative"),
    (TopUpRuleSpec(-10_000, 0), "minimum top-up must not be negative"),
    (TopUpRuleSpec(5_000_001, 0), "minimum top-up is at most ¥50,000"),
    (TopUpRuleSpec(50_000, 1_000), "another top-up rule already has this minimum"),
)


@pytest.mark.parametrize(("rule", "message"), TOP_UP_MISTAKES, ids=[m for _, m in TOP_UP_MISTAKES])
def test_each_mistake_in_a_top_up_rule_is_refused_with_a_reason_and_changes_nothing(
    till: Till,
    admin: LoyaltyAdminService,
    database_url: str,
    rule: TopUpRuleSpec,
    message: str,
) -> None:
    before = programme(admin)
    with pytest.raises(RuleRejected, match=message):
        admin.save_top_up_rule(rule, manager(till))
    assert programme(admin) == before
    assert audit_details(database_url) == []


def test_a_deactivated_offer_no_longer_applies_and_can_be_switched_back_on(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    emily = till.members.identify("13912345678").member  # Platinum, expires in 30 days
    assert emily is not None
    outlook = till.loyalty.outlook(emily, TODAY, till.loyalty.rules())
    assert outlook.renewal is not None and outlook.renewal.offer.code == "EARLY-90"

    early = offer(admin, "EARLY-90")
    assert early.offer_id is not None
    boss = manager(till)
    off = admin.deactivate_offer(early.offer_id, boss)
    assert not off.active and offer(admin, "EARLY-90") == off
    rules = till.loyalty.rules()
    assert "EARLY-90" not in [o.code for o in rules.renewal_offers]
    assert till.loyalty.outlook(emily, TODAY, rules).renewal is None
    with pytest.raises(RuleRejected, match="already inactive"):
        admin.deactivate_offer(early.offer_id, boss)

    admin.save_offer(replace(off, active=True, fee=8_800), boss)
    quote = till.loyalty.outlook(emily, TODAY, till.loyalty.rules()).renewal
    assert quote is not None and (quote.offer.code, quote.fee) == ("EARLY-90", 8_800)

    [(subject, first), (_, second)] = audit_details(database_url)
    assert subject == "renewal_offer:EARLY-90"
    assert (first["before"]["active"], first["after"]["active"]) == (True, False)
    assert (second["before"]["fee"], second["after"]["fee"]) == (9_900, 8_800)
    assert second["after"]["kind"] == "early" and second["after"]["valid_from"] is None


def test_an_offer_runs_between_its_dates_and_keeps_its_code_once_sold(
    till: Till, admin: LoyaltyAdminService, clock: FakeClock
) -> None:
    boss = manager(till)
    emily = till.members.identify("13912345678").member
    assert emily is not None
    early = offer(admin, "EARLY-90")
    later = admin.save_offer(replace(early, valid_from=TODAY + timedelta(days=1)), boss)
    assert later.valid_from == TODAY + timedelta(days=1) and later.valid_until is None
    assert till.loyalty.outlook(emily, TODAY, till.loyalty.rules()).renewal is None
    admin.save_offer(replace(later, valid_from=TODAY, valid_until=TODAY), boss)

    draft = OrderDraft()
    draft.set_member(emily)
    draft.renewal = till.loyalty.outlook(emily, TODAY, till.loyalty.rules()).renewal
    assert draft.renewal is not None and draft.renewal.offer.code == "EARLY-90"
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 9_900), cashier(till))
    with pytest.raises(RuleRejected, match="renewals were sold as EARLY-90"):
        admin.save_offer(replace(offer(admin, "EARLY-90"), code="EARLY-NEW"), boss)


def test_top_up_rules_are_added_edited_and_deactivated_and_the_till_pays_them(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    boss = manager(till)
    added = admin.save_top_up_rule(TopUpRuleSpec(30_000, 1_500), boss)
    assert added.rule_id is not None and added.active
    assert top_up_bonus(30_000, till.loyalty.rules().top_up_rules) == 1_500

    first = admin.top_up_rules()[1]  # ¥500 -> ¥30
    assert (first.minimum, first.bonus) == (50_000, 3_000) and first.rule_id is not None
    admin.save_top_up_rule(replace(first, bonus=4_000), boss)
    admin.deactivate_top_up_rule(added.rule_id, boss)
    rules = till.loyalty.rules().top_up_rules
    assert TopUpRule(50_000, 4_000) in rules and TopUpRule(30_000, 1_500) not in rules
    assert top_up_bonus(30_000, rules) == 0
    with pytest.raises(RuleRejected, match="inactive: edit it to switch it back on"):
        admin.save_top_up_rule(TopUpRuleSpec(30_000, 100), boss)

    subjects = [subject for subject, _ in audit_details(database_url)]
    assert subjects == [
        f"top_up_rule:{added.rule_id}",
        f"top_up_rule:{first.rule_id}",
        f"top_up_rule:{added.rule_id}",
    ]


def test_saving_a_rule_unchanged_writes_nothing(
    till: Till, admin: LoyaltyAdminService, database_url: str
) -> None:
    boss = manager(till)
    gold, grace = tier(admin, "GOLD"), offer(admin, "GRACE-30")
    assert admin.save_tier(replace(gold, code="gold", name_en=" Gold "), boss) == gold
    assert admin.save_offer(grace, boss) == grace
    assert audit_details(database_url) == []
