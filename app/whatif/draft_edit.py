"""A draft being edited in the manager's workspace: the loyalty editor's forms save into
it instead of the live programme (``ui/manager/whatif_draft.py``), checked by the same
rules (``app.domain.loyalty_admin``). Rows are known by their place in the draft (1, 2,
...), the ids the editor's lists use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.domain.loyalty_admin import (
    OfferId,
    OfferSpec,
    RuleRejected,
    TierSpec,
    TopUpRuleId,
    TopUpRuleSpec,
    checked_offer,
    checked_tier,
    checked_top_up_rule,
)
from app.domain.renewal import RenewalOffer
from app.domain.stored_value import TopUpRule
from app.domain.tiers import Tier, TierId
from app.whatif.changes import tier_spec
from app.whatif.draft import DraftRules, DraftTier, live_draft


class DraftEditor:
    """Holds ``draft``; each change makes a new ``DraftRules`` (the live rules are never
    touched). Saving raises ``RuleRejected`` as the live editor would."""

    def __init__(self, draft: DraftRules) -> None:
        self.draft = draft

    def tier_specs(self) -> list[TierSpec]:
        return [tier_spec(entry, TierId(place)) for place, entry in self._tiers()]

    def save_tier(self, spec: TierSpec) -> TierSpec:
        spec = checked_tier(spec)
        place = spec.tier_id
        tiers = list(self.draft.tiers)
        others = [entry.tier for index, entry in enumerate(tiers, 1) if index != place]
        if any(tier.code == spec.code for tier in others):
            raise RuleRejected(f"another tier already has the code {spec.code}")
        if any(tier.rank == spec.rank for tier in others):
            raise RuleRejected(f"another tier already has rank {spec.rank}")
        kept = tiers[place - 1].tier.tier_id if place else TierId(0)
        entry = DraftTier(_tier(spec, kept), spec.qualify_spend)
        if place:
            tiers[place - 1] = entry
        else:
            tiers.append(entry)
        self._set(tiers)
        saved = next(p for p, e in self._tiers() if e.tier.code == spec.code)
        return replace(spec, tier_id=TierId(saved))

    def delete_tier(self, place: int) -> None:
        tiers = [entry for index, entry in self._tiers() if index != place]
        if not tiers:
            raise RuleRejected("the programme needs at least one tier")
        self._set(tiers)

    def top_up_specs(self) -> list[TopUpRuleSpec]:
        return [
            TopUpRuleSpec(rule.minimum, rule.bonus, True, TopUpRuleId(place))
            for place, rule in enumerate(self.draft.rules.top_up_rules, 1)
        ]

    def save_top_up(self, spec: TopUpRuleSpec) -> TopUpRuleSpec:
        spec = checked_top_up_rule(spec)
        rules = list(self.draft.rules.top_up_rules)
        place = spec.rule_id or 0
        if any(r.minimum == spec.minimum for i, r in enumerate(rules, 1) if i != place):
            raise RuleRejected("another top-up rule already has this minimum")
        if place:
            rules[place - 1] = TopUpRule(spec.minimum, spec.bonus)
        else:
            rules.append(TopUpRule(spec.minimum, spec.bonus))
        rules.sort(key=lambda rule: rule.minimum)
        self._set(top_ups=rules)
        saved = next(p for p, r in enumerate(rules, 1) if r.minimum == spec.minimum)
        return replace(spec, rule_id=TopUpRuleId(saved), active=True)

    def remove_top_up(self, place: int) -> None:
        rules = [r for i, r in enumerate(self.draft.rules.top_up_rules, 1) if i != place]
        self._set(top_ups=rules)

    def offer_specs(self) -> list[OfferSpec]:
        """The draft's renewal offers (all of them run: the draft holds no inactive ones)."""
        return [
            OfferSpec(o.code, o.kind, o.fee, o.window_days, o.min_spend, o.valid_from,
                      o.valid_until, True, OfferId(place))
            for place, o in enumerate(self.draft.rules.renewal_offers, 1)
        ]  # fmt: skip

    def save_offer(self, spec: OfferSpec) -> OfferSpec:
        """An offer saved inactive leaves the draft (``offer_id`` ``None`` on return)."""
        spec = checked_offer(spec)
        place = spec.offer_id or 0
        offers = list(self.draft.rules.renewal_offers)
        if any(o.code == spec.code for i, o in enumerate(offers, 1) if i != place):
            raise RuleRejected(f"another renewal offer already has the code {spec.code}")
        offer = RenewalOffer(spec.code, spec.kind, spec.fee, spec.window_days, spec.min_spend,
                             spec.valid_from, spec.valid_until)  # fmt: skip
        if not spec.active:
            self.remove_offer(place)
            return replace(spec, offer_id=None)
        if place:
            offers[place - 1] = offer
        else:
            offers.append(offer)
        self._set(renewal_offers=offers)
        return replace(spec, offer_id=OfferId(place or len(offers)))

    def remove_offer(self, place: int) -> None:
        offers = [o for i, o in enumerate(self.draft.rules.renewal_offers, 1) if i != place]
        self._set(renewal_offers=offers)

    def _tiers(self) -> list[tuple[int, DraftTier]]:
        return list(enumerate(self.draft.tiers, 1))

    def _set(
        self,
        tiers: Sequence[DraftTier] | None = None,
        top_ups: Sequence[TopUpRule] | None = None,
        renewal_offers: Sequence[RenewalOffer] | None = None,
    ) -> None:
        rules = self.draft.rules
        ranked = tuple(sorted(tiers if tiers is not None else self.draft.tiers,
                              key=lambda entry: entry.tier.rank))  # fmt: skip
        if top_ups is not None:
            rules = replace(rules, top_up_rules=tuple(top_ups))
        if renewal_offers is not None:
            rules = replace(rules, renewal_offers=tuple(renewal_offers))
        self.draft = live_draft(ranked, rules)


def _tier(spec: TierSpec, tier_id: TierId) -> Tier:
    return Tier(
        tier_id, spec.code, spec.rank, spec.name_zh, spec.name_en, spec.discount_bp,
        spec.excluded_categories, spec.points_multiplier_bp, spec.annual_fee,
        spec.birthday_benefit_zh, spec.birthday_benefit_en,
    )  # fmt: skip
