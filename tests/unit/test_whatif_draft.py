"""The draft rules file: every rule survives the round trip, and a bad file is refused
with one sentence naming where."""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from app.domain.loyalty import LoyaltyRules
from app.domain.menu import CategoryId, ItemId
from app.domain.offers import (
    BenefitKind,
    Conditions,
    HolidayRule,
    Offer,
    StackingPolicy,
)
from app.domain.points import PointsPolicy
from app.domain.qualification import TierThreshold, Window
from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.service_type import ServiceType
from app.domain.stored_value import ConsumptionOrder, TopUpRule
from app.domain.tiers import Tier, TierId
from app.whatif.draft import DraftRejected, DraftRules, DraftTier, dump_draft, load_draft


def tier(code: str, rank: int, discount_bp: int, spend: int) -> DraftTier:
    return DraftTier(
        Tier(TierId(rank), code, rank, f"{code}卡", code.title(), discount_bp,
             frozenset({CategoryId(4), CategoryId(5)}), 10_000 + 5_000 * (rank - 1),
             20_000 * rank, "生日八折", "20% off in the birthday month"),
        spend,
    )  # fmt: skip


def rich_draft() -> DraftRules:
    tea = Offer(
        "AFTERNOON-TEA", "下午茶", "Afternoon tea", BenefitKind.PERCENT_OFF, 1500,
        Conditions(
            valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31),
            weekdays=frozenset({0, 1, 2, 3, 4}), holidays=HolidayRule.NOT_ON_HOLIDAYS,
            starts_at=time(14), ends_at=time(17, 30), min_party_size=2,
            service_types=frozenset({ServiceType.DINE_IN}),
            categories=frozenset({CategoryId(2)}), items=frozenset({ItemId(7)}),
            tiers=frozenset({"GOLD"}), segments=frozenset({"champions"}),
            uses_per_member=3, min_spend=5_000,
        ),
        priority=10,
    )  # fmt: skip
    coupon = Offer("CPN-50", "满减", "¥50 off", BenefitKind.AMOUNT_OFF, 5_000, coupon_only=True)
    rules = LoyaltyRules(
        points=PointsPolicy(fen_per_point=2, min_redeem=50, max_share_bp=3_000, life_days=365),
        consumption=ConsumptionOrder.BONUS_FIRST,
        window=Window.CALENDAR_YEAR,
        grace_keeps_discount=True,
        top_up_rules=(TopUpRule(50_000, 4_000), TopUpRule(100_000, 10_000)),
        renewal_offers=(
            RenewalOffer("EARLY", OfferKind.EARLY, 15_000, window_days=30),
            RenewalOffer(
                "FREE", OfferKind.FREE_BY_SPEND, 0, min_spend=500_000, valid_until=date(2027, 6, 30)
            ),
        ),
        offers=(tea, coupon),
        stacking=StackingPolicy.ADDITIVE,
        offer_cap_bp=3_000,
        holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}),
        upgrade_for_fee_difference=True,
    )
    return DraftRules((tier("SILVER", 1, 500, 0), tier("GOLD", 2, 1000, 300_000)), rules)


def test_every_rule_survives_export_and_import() -> None:
    draft = rich_draft()
    assert load_draft(dump_draft(draft)) == draft


def test_the_thresholds_are_the_tiers_qualifying_spend() -> None:
    draft = rich_draft()
    assert draft.rules.thresholds == (TierThreshold(1, 0), TierThreshold(2, 300_000))
    assert "thresholds" not in json.loads(dump_draft(draft))["rules"]


def edited(path: tuple[str | int, ...], value: object) -> str:
    document = json.loads(dump_draft(rich_draft()))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "the draft is not JSON"),
        ('{"format": "something-else", "version": 1}', "is not a rules draft"),
        ('{"format": "pos-loyalty-rules", "version": 2}', "this till reads version 1"),
        (edited(("tiers", 0, "tier", "discount_bp"), "ten"), "tiers.0.tier.discount_bp:"),
        (edited(("tiers", 1, "tier", "discount_bp"), 12_000), "tiers.1: the discount is from"),
        (edited(("tiers", 1, "tier", "code"), "SILVER"), "codes and ranks must be unique"),
        (edited(("rules", "offers", 0, "conditions", "tiers"), ["DIAMOND"]), "no tier DIAMOND"),
        (edited(("rules", "window"), "fortnightly"), "rules.window:"),
        (edited(("rules", "top_up_rules", 0, "bonus"), 60_000), "rules.top_up_rules.0:"),
        (edited(("rules", "offer_cap_bp"), 20_000), "rules.stacking:"),
    ],
)
def test_a_bad_draft_is_refused_saying_where(text: str, message: str) -> None:
    with pytest.raises(DraftRejected, match=message.replace(".", r"\.")) as refused:
        load_draft(text)
    assert "\n" not in str(refused.value)
