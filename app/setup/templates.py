"""Membership programme templates a new restaurant starts from, as plain values.

Each is what the programme editor stores (``app.domain.loyalty_admin`` specs and the
``loyalty.*`` settings ``db/loyalty_rules.py`` reads), so the manager edits the result in
the rules editor like any programme. Every template has a rank-1 tier: enrolment puts a
new member in the lowest tier. Amounts in fen, discounts and multipliers in basis points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.domain.loyalty_admin import OfferSpec, TierSpec, TopUpRuleSpec
from app.domain.renewal import OfferKind


@dataclass(frozen=True)
class ProgrammeTemplate:
    key: str
    title_en: str
    title_zh: str
    tiers: tuple[TierSpec, ...]
    renewal_offers: tuple[OfferSpec, ...] = ()
    top_up_rules: tuple[TopUpRuleSpec, ...] = ()
    settings: Mapping[str, str] = field(default_factory=dict)


_COMMON_SETTINGS = {
    "loyalty.points_fen_per_point": "1",
    "loyalty.points_min_redeem": "100",
    "loyalty.points_max_share_bp": "5000",
    "loyalty.points_life_days": "730",
    "loyalty.stored_value_consumption": "proportional",
    "loyalty.qualification_window": "rolling_12_months",
    "loyalty.grace_keeps_discount": "0",
}

_TOP_UPS = (
    TopUpRuleSpec(minimum=50_000, bonus=3_000),
    TopUpRuleSpec(minimum=100_000, bonus=10_000),
    TopUpRuleSpec(minimum=200_000, bonus=26_000),
)

PAID_TIERS = ProgrammeTemplate(
    key="paid-tiers",
    title_en="Silver/Gold/Platinum with annual fee",
    title_zh="银卡/金卡/铂金卡(年费制)",
    tiers=(
        TierSpec("SILVER", 1, "银卡会员", "Silver", discount_bp=500),
        TierSpec(
            "GOLD",
            2,
            "金卡会员",
            "Gold",
            discount_bp=1000,
            points_multiplier_bp=15_000,
            annual_fee=19_900,
            qualify_spend=300_000,
        ),
        TierSpec(
            "PLATINUM",
            3,
            "铂金会员",
            "Platinum",
            discount_bp=1500,
            points_multiplier_bp=20_000,
            annual_fee=49_900,
            qualify_spend=1_000_000,
        ),
    ),
    renewal_offers=(
        OfferSpec("EARLY-90", OfferKind.EARLY, fee=9_900, window_days=90),
        OfferSpec("GRACE-30", OfferKind.GRACE, fee=12_900, window_days=30),
        OfferSpec("WINBACK", OfferKind.WIN_BACK, fee=7_900),
        OfferSpec("FREE-2000", OfferKind.FREE_BY_SPEND, min_spend=200_000),
    ),
    top_up_rules=_TOP_UPS,
    settings=MappingProxyType({**_COMMON_SETTINGS, "loyalty.upgrade_for_fee_difference": "1"}),
)

FREE_TIERS = ProgrammeTemplate(
    key="free-tiers",
    title_en="Free tiers by spend",
    title_zh="按消费自动升级(免费)",
    tiers=(
        TierSpec("MEMBER", 1, "普通会员", "Member", discount_bp=0),
        TierSpec("SILVER", 2, "银卡会员", "Silver", discount_bp=500, qualify_spend=200_000),
        TierSpec(
            "GOLD",
            3,
            "金卡会员",
            "Gold",
            discount_bp=1000,
            points_multiplier_bp=15_000,
            qualify_spend=800_000,
        ),
    ),
    renewal_offers=(OfferSpec("FREE-RENEW", OfferKind.EARLY, fee=0, window_days=90),),
    settings=MappingProxyType({**_COMMON_SETTINGS, "loyalty.upgrade_for_fee_difference": "0"}),
)

STORED_VALUE_ONLY = ProgrammeTemplate(
    key="stored-value",
    title_en="Stored value only",
    title_zh="仅储值卡",
    tiers=(TierSpec("MEMBER", 1, "储值会员", "Member", discount_bp=0),),
    renewal_offers=(OfferSpec("FREE-RENEW", OfferKind.EARLY, fee=0, window_days=90),),
    top_up_rules=_TOP_UPS,
    settings=MappingProxyType({**_COMMON_SETTINGS, "loyalty.upgrade_for_fee_difference": "0"}),
)

TEMPLATES: Mapping[str, ProgrammeTemplate] = MappingProxyType(
    {t.key: t for t in (PAID_TIERS, FREE_TIERS, STORED_VALUE_ONLY)}
)
DEFAULT_TEMPLATE = PAID_TIERS.key
