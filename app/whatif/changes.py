"""What applying a draft would change in the live programme: the edits, one per tier,
renewal offer, top-up rule, targeted offer or stacking policy that differs, each made
later by the loyalty editor's own service (``app/whatif/desk.py``), so every one is
permission-checked and audited as a hand edit is.

The draft file also holds rules the editor does not change (points, the qualification
window, holidays...): a draft that differs there is not applied (``NotApplicable``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import OfferSpec, TierSpec, TopUpRuleSpec
from app.domain.offer_admin import OfferStacking, TargetedOfferSpec
from app.domain.tiers import TierId
from app.errors import TillError
from app.whatif.draft import DraftRules, DraftTier

UNEDITED = {
    "points": "points",
    "consumption": "stored-value consumption order",
    "window": "qualification window",
    "grace_keeps_discount": "discount during grace",
    "holidays": "holidays",
    "upgrade_for_fee_difference": "upgrade for the fee difference",
}
"""The rules the editor cannot change from a draft, and their words in a refusal."""


class NotApplicable(TillError):
    """The draft changes rules the editor cannot apply; ``fields`` names them."""

    def __init__(self, fields: Sequence[str]) -> None:
        self.fields = tuple(fields)
        super().__init__(
            "the draft changes rules the loyalty editor cannot apply: " + ", ".join(self.fields)
        )


class EditKind(enum.Enum):
    SAVE_TIER = "save_tier"
    DELETE_TIER = "delete_tier"
    SAVE_RENEWAL_OFFER = "save_renewal_offer"
    DEACTIVATE_RENEWAL_OFFER = "deactivate_renewal_offer"
    SAVE_TOP_UP = "save_top_up"
    DEACTIVATE_TOP_UP = "deactivate_top_up"
    SAVE_TARGETED_OFFER = "save_targeted_offer"
    DEACTIVATE_TARGETED_OFFER = "deactivate_targeted_offer"
    SAVE_STACKING = "save_stacking"


Spec = TierSpec | OfferSpec | TopUpRuleSpec | TargetedOfferSpec | OfferStacking


@dataclass(frozen=True)
class RuleEdit:
    """One edit: ``subject`` names the rule (a code, a minimum in fen); ``spec`` is what
    a save writes (its id the live rule's, ``None`` for a new one); ``key`` the id a
    deactivation or deletion acts on; ``new`` whether the rule is added."""

    kind: EditKind
    subject: str
    spec: Spec | None = None
    key: int | None = None
    new: bool = False


@dataclass(frozen=True)
class LiveSpecs:
    """The live programme as the editor holds it (inactive offers and rules too)."""

    tiers: Sequence[TierSpec]
    renewal_offers: Sequence[OfferSpec]
    top_ups: Sequence[TopUpRuleSpec]
    targeted: Sequence[TargetedOfferSpec]
    stacking: OfferStacking


def unapplicable(live: LoyaltyRules, draft: LoyaltyRules) -> list[str]:
    return [words for name, words in UNEDITED.items()
            if getattr(live, name) != getattr(draft, name)]  # fmt: skip


def rule_edits(live: LiveSpecs, live_rules: LoyaltyRules, draft: DraftRules) -> list[RuleEdit]:
    """The edits that make the live programme the draft's; raises ``NotApplicable``."""
    refused = unapplicable(live_rules, draft.rules)
    if refused:
        raise NotApplicable(refused)
    return [
        *_tier_edits(live.tiers, draft.tiers),
        *_renewal_edits(live.renewal_offers, draft),
        *_top_up_edits(live.top_ups, draft),
        *_targeted_edits(live.targeted, draft),
        *_stacking_edits(live.stacking, draft.rules),
    ]


def tier_spec(entry: DraftTier, tier_id: TierId | None = None) -> TierSpec:
    tier = entry.tier
    return TierSpec(
        code=tier.code, rank=tier.rank, name_zh=tier.name_zh, name_en=tier.name_en,
        discount_bp=tier.discount_bp, points_multiplier_bp=tier.points_multiplier_bp,
        annual_fee=tier.annual_fee, qualify_spend=entry.qualify_spend,
        birthday_benefit_zh=tier.birthday_benefit_zh,
        birthday_benefit_en=tier.birthday_benefit_en,
        excluded_categories=frozenset(tier.excluded_categories),
        tier_id=tier_id,
    )  # fmt: skip


def _tier_edits(live: Sequence[TierSpec], drafted: Sequence[DraftTier]) -> list[RuleEdit]:
    by_code = {spec.code: spec for spec in live}
    edits = []
    for entry in drafted:
        now = by_code.get(entry.tier.code)
        wanted = tier_spec(entry, now.tier_id if now is not None else None)
        if wanted != now:
            edits.append(RuleEdit(EditKind.SAVE_TIER, wanted.code, wanted, new=now is None))
    codes = {entry.tier.code for entry in drafted}
    edits.extend(
        RuleEdit(EditKind.DELETE_TIER, spec.code, key=spec.tier_id)
        for spec in live
        if spec.code not in codes
    )
    return edits


def _renewal_edits(live: Sequence[OfferSpec], draft: DraftRules) -> list[RuleEdit]:
    by_code = {spec.code: spec for spec in live}
    edits = []
    for offer in draft.rules.renewal_offers:
        now = by_code.get(offer.code)
        wanted = OfferSpec(
            offer.code, offer.kind, offer.fee, offer.window_days, offer.min_spend,
            offer.valid_from, offer.valid_until, True, now.offer_id if now else None,
        )  # fmt: skip
        if wanted != now:
            kind = EditKind.SAVE_RENEWAL_OFFER
            edits.append(RuleEdit(kind, offer.code, wanted, new=now is None))
    codes = {offer.code for offer in draft.rules.renewal_offers}
    edits.extend(
        RuleEdit(EditKind.DEACTIVATE_RENEWAL_OFFER, spec.code, key=spec.offer_id)
        for spec in live
        if spec.active and spec.code not in codes
    )
    return edits


def _top_up_edits(live: Sequence[TopUpRuleSpec], draft: DraftRules) -> list[RuleEdit]:
    by_minimum = {spec.minimum: spec for spec in live}
    edits = []
    for rule in draft.rules.top_up_rules:
        now = by_minimum.get(rule.minimum)
        wanted = TopUpRuleSpec(rule.minimum, rule.bonus, True, now.rule_id if now else None)
        if wanted != now:
            edits.append(RuleEdit(EditKind.SAVE_TOP_UP, str(rule.minimum), wanted, new=not now))
    minimums = {rule.minimum for rule in draft.rules.top_up_rules}
    edits.extend(
        RuleEdit(EditKind.DEACTIVATE_TOP_UP, str(spec.minimum), key=spec.rule_id)
        for spec in live
        if spec.active and spec.minimum not in minimums
    )
    return edits


def _targeted_edits(live: Sequence[TargetedOfferSpec], draft: DraftRules) -> list[RuleEdit]:
    by_code = {spec.offer.code: spec for spec in live}
    edits = []
    for offer in draft.rules.offers:
        now = by_code.get(offer.code)
        wanted = TargetedOfferSpec(offer, True, now.offer_id if now else None)
        if wanted != now:
            kind = EditKind.SAVE_TARGETED_OFFER
            edits.append(RuleEdit(kind, offer.code, wanted, new=now is None))
    codes = {offer.code for offer in draft.rules.offers}
    edits.extend(
        RuleEdit(EditKind.DEACTIVATE_TARGETED_OFFER, spec.offer.code, key=spec.offer_id)
        for spec in live
        if spec.active and spec.offer.code not in codes
    )
    return edits


def _stacking_edits(live: OfferStacking, rules: LoyaltyRules) -> list[RuleEdit]:
    wanted = OfferStacking(rules.stacking, rules.offer_cap_bp)
    if wanted == live:
        return []
    return [RuleEdit(EditKind.SAVE_STACKING, "stacking", wanted)]
