"""The draft rules file: the whole loyalty programme (tiers and ``LoyaltyRules``) as a
versioned JSON document that ``pos rules export`` writes and ``pos whatif`` reads.

The document mirrors the domain values field by field (``app.domain.tiers.Tier``,
``app.domain.loyalty.LoyaltyRules``): amounts in minor units (fen), percentages in
basis points, dates ``YYYY-MM-DD``, times ``HH:MM``. pydantic checks the shape; the
editor's own checks (``app.domain.loyalty_admin``, ``app.domain.offer_admin``) check
the values, so a draft holds nothing the editor would refuse. Tier qualification
thresholds are the tiers' ``qualify_spend``; the file does not repeat them.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, replace
from typing import Any

import pydantic

from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import (
    OfferSpec,
    RuleRejected,
    TierSpec,
    TopUpRuleSpec,
    checked_offer,
    checked_tier,
    checked_top_up_rule,
)
from app.domain.offer_admin import (
    OfferStacking,
    TargetedOfferSpec,
    checked_stacking,
    checked_targeted_offer,
)
from app.domain.qualification import TierThreshold
from app.domain.tiers import Tier
from app.errors import TillError

FORMAT = "pos-loyalty-rules"
VERSION = 1


class DraftRejected(TillError):
    """A draft file the simulator will not read; ``str()`` says where and why."""


@dataclass(frozen=True)
class DraftTier:
    """A tier with the spend that earns it (``Tier`` leaves that to the thresholds)."""

    tier: Tier
    qualify_spend: int = 0


@dataclass(frozen=True)
class DraftRules:
    """A whole rule set: what the till prices, earns and qualifies with. The rules'
    qualification thresholds are always the tiers' ``qualify_spend`` (set here)."""

    tiers: tuple[DraftTier, ...] = ()
    rules: LoyaltyRules = field(default_factory=LoyaltyRules)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", _with_thresholds(self.rules, self.tiers))

    def tier_by_code(self) -> dict[str, Tier]:
        return {draft.tier.code: draft.tier for draft in self.tiers}

    def ranked(self) -> tuple[Tier, ...]:
        return tuple(sorted((d.tier for d in self.tiers), key=lambda tier: tier.rank))


@dataclass(frozen=True)
class _Document:
    format: str
    version: int
    tiers: tuple[DraftTier, ...]
    rules: LoyaltyRules


@functools.cache
def _adapter() -> pydantic.TypeAdapter[_Document]:
    return pydantic.TypeAdapter(_Document)


def live_draft(tiers: tuple[DraftTier, ...], rules: LoyaltyRules) -> DraftRules:
    """The draft of ``tiers`` and ``rules`` (thresholds from the tiers' qualifying spend)."""
    return DraftRules(tiers, rules)


def dump_draft(draft: DraftRules) -> str:
    document = _Document(FORMAT, VERSION, draft.tiers, replace(draft.rules, thresholds=()))
    data = _adapter().dump_python(document, mode="json", exclude={"rules": {"thresholds"}})
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def load_draft(text: str) -> DraftRules:
    """Raises ``DraftRejected`` naming the first thing wrong."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftRejected(f"the draft is not JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DraftRejected(f'the file is not a rules draft (its "format" is not "{FORMAT}")')
    if raw.get("version") != VERSION:
        raise DraftRejected(
            f"the draft is version {raw.get('version')!r}; this till reads version {VERSION}"
        )
    try:
        document = _adapter().validate_python(raw)
    except pydantic.ValidationError as exc:
        raise DraftRejected(_first_error(exc)) from exc
    _check_values(document)
    return live_draft(document.tiers, document.rules)


def _first_error(exc: pydantic.ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "the document"
    count = exc.error_count()
    more = f" ({count - 1} more problems)" if count > 1 else ""
    return f"{where}: {error['msg']}{more}"


def _check_values(document: _Document) -> None:
    codes: set[str] = set()
    ranks: set[int] = set()
    for index, draft in enumerate(document.tiers):
        tier = draft.tier
        _checked(f"tiers.{index}", checked_tier, _tier_spec(draft))
        if tier.code in codes or tier.rank in ranks:
            raise DraftRejected(f"tiers.{index}: tier codes and ranks must be unique")
        codes.add(tier.code)
        ranks.add(tier.rank)
    rules = document.rules
    for index, offer in enumerate(rules.renewal_offers):
        spec = OfferSpec(offer.code, offer.kind, offer.fee, offer.window_days, offer.min_spend,
                         offer.valid_from, offer.valid_until)  # fmt: skip
        _checked(f"rules.renewal_offers.{index}", checked_offer, spec)
    for index, rule in enumerate(rules.top_up_rules):
        spec_top_up = TopUpRuleSpec(rule.minimum, rule.bonus)
        _checked(f"rules.top_up_rules.{index}", checked_top_up_rule, spec_top_up)
    for index, targeted in enumerate(rules.offers):
        _checked(f"rules.offers.{index}", checked_targeted_offer, TargetedOfferSpec(targeted))
        unknown = targeted.conditions.tiers - codes
        if unknown:
            raise DraftRejected(f"rules.offers.{index}: no tier {', '.join(sorted(unknown))}")
    _checked("rules.stacking", checked_stacking, OfferStacking(rules.stacking, rules.offer_cap_bp))
    if rules.points.fen_per_point < 0 or not 0 <= rules.points.max_share_bp <= 10_000:
        raise DraftRejected("rules.points: a point is worth 0 or more, its share 0% to 100%")


def _checked(where: str, check: Any, spec: object) -> None:
    try:
        check(spec)
    except RuleRejected as exc:
        raise DraftRejected(f"{where}: {exc}") from exc


def _tier_spec(draft: DraftTier) -> TierSpec:
    tier = draft.tier
    return TierSpec(
        code=tier.code, rank=tier.rank, name_zh=tier.name_zh, name_en=tier.name_en,
        discount_bp=tier.discount_bp, points_multiplier_bp=tier.points_multiplier_bp,
        annual_fee=tier.annual_fee, qualify_spend=draft.qualify_spend,
    )  # fmt: skip


def _with_thresholds(rules: LoyaltyRules, tiers: tuple[DraftTier, ...]) -> LoyaltyRules:
    thresholds = tuple(TierThreshold(d.tier.rank, d.qualify_spend) for d in tiers)
    return replace(rules, thresholds=tuple(sorted(thresholds, key=lambda t: t.rank)))
