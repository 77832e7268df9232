"""The rules in force at any moment of a period, rebuilt from the live rules by undoing,
newest first, each later change the audit log holds (``loyalty_rule_changed`` keeps the
edited value before and after).

Undone by subject: ``tier:``, ``offer:`` (targeted offers), ``renewal_offer:``,
``top_up_rule:``, ``holiday:`` and ``offer_stacking``. A change this module cannot undo
(another subject, or a detail it cannot read) ends the rebuilding: orders before it are
priced with the oldest rules it could rebuild and said to be not reproducible when they
do not match.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

import pydantic

from app.domain.loyalty_admin import OfferSpec, TierSpec, TopUpRuleSpec
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.recorded_orders import RuleChange
from app.domain.renewal import RenewalOffer
from app.domain.stored_value import TopUpRule
from app.domain.tiers import Tier, TierId
from app.whatif.draft import DraftRules, DraftTier, live_draft

STACKING_SUBJECT = "offer_stacking"  # app.services.offer_admin's subject for the policy
T = TypeVar("T")


class CannotUndo(Exception):
    """The change's detail does not say what the rules were before it."""


class RuleTimeline:
    """``at(moment)``: the rules in force then; ``unknown_before``: the moment before
    which they could not be rebuilt (``None``: the whole period)."""

    def __init__(self, live: DraftRules, changes: Sequence[RuleChange]) -> None:
        ordered = sorted(changes, key=lambda change: change.at)
        self._times = [change.at for change in ordered]
        states = [live]
        self.unknown_before: datetime | None = None
        for change in reversed(ordered):
            try:
                states.append(undo(states[-1], change))
            except CannotUndo:
                self.unknown_before = change.at
                states.extend([states[-1]] * (len(ordered) + 1 - len(states)))
                break
        self._states = states[::-1]

    def at(self, moment: datetime) -> DraftRules:
        return self._states[bisect_right(self._times, moment)]


def undo(rules: DraftRules, change: RuleChange) -> DraftRules:
    """``rules`` as they were before ``change``; raises ``CannotUndo``."""
    kind, _, _key = change.subject.partition(":")
    try:
        if kind == "tier":
            return _undo_tier(rules, change)
        if kind == "offer":
            return _undo_offer(rules, change)
        if kind == "renewal_offer":
            return _undo_renewal_offer(rules, change)
        if kind == "top_up_rule":
            return _undo_top_up_rule(rules, change)
        if kind == "holiday":
            return _undo_holiday(rules, change)
        if kind == STACKING_SUBJECT:
            before = _read(OfferStacking, change.before)
            if before is None:
                raise CannotUndo(change.subject)
            return _rebuilt(rules, stacking=before.policy, offer_cap_bp=before.cap_bp)
    except (pydantic.ValidationError, ValueError) as exc:
        raise CannotUndo(change.subject) from exc
    raise CannotUndo(change.subject)


def _undo_tier(rules: DraftRules, change: RuleChange) -> DraftRules:
    before, after = _read(TierSpec, change.before), _read(TierSpec, change.after)
    tiers = [d for d in rules.tiers if after is None or d.tier.code != after.code]
    if before is not None:
        tiers = [d for d in tiers if d.tier.code != before.code]
        tiers.append(DraftTier(_tier(before), before.qualify_spend))
    return live_draft(tuple(sorted(tiers, key=lambda d: d.tier.rank)), rules.rules)


def _tier(spec: TierSpec) -> Tier:
    return Tier(
        TierId(spec.tier_id or 0),
        spec.code,
        spec.rank,
        spec.name_zh,
        spec.name_en,
        spec.discount_bp,
        spec.excluded_categories,
        spec.points_multiplier_bp,
        spec.annual_fee,
        spec.birthday_benefit_zh,
        spec.birthday_benefit_en,
    )


def _undo_offer(rules: DraftRules, change: RuleChange) -> DraftRules:
    before = _read(TargetedOfferSpec, change.before)
    after = _read(TargetedOfferSpec, change.after)
    offers = [o for o in rules.rules.offers if after is None or o.code != after.offer.code]
    if before is not None:
        offers = [o for o in offers if o.code != before.offer.code]
        if before.active:
            offers.append(before.offer)
    return _rebuilt(rules, offers=tuple(offers))


def _undo_renewal_offer(rules: DraftRules, change: RuleChange) -> DraftRules:
    before, after = _read(OfferSpec, change.before), _read(OfferSpec, change.after)
    offers = [o for o in rules.rules.renewal_offers if after is None or o.code != after.code]
    if before is not None:
        offers = [o for o in offers if o.code != before.code]
        if before.active:
            offers.append(
                RenewalOffer(
                    before.code,
                    before.kind,
                    before.fee,
                    before.window_days,
                    before.min_spend,
                    before.valid_from,
                    before.valid_until,
                )
            )
    return _rebuilt(rules, renewal_offers=tuple(offers))


def _undo_top_up_rule(rules: DraftRules, change: RuleChange) -> DraftRules:
    before, after = _read(TopUpRuleSpec, change.before), _read(TopUpRuleSpec, change.after)
    found = list(rules.rules.top_up_rules)
    if after is not None and after.active:
        found.remove(TopUpRule(after.minimum, after.bonus))  # ValueError: not as recorded
    if before is not None and before.active:
        found.append(TopUpRule(before.minimum, before.bonus))
    return _rebuilt(rules, top_up_rules=tuple(found))


def _undo_holiday(rules: DraftRules, change: RuleChange) -> DraftRules:
    before, after = _read(Holiday, change.before), _read(Holiday, change.after)
    days = set(rules.rules.holidays)
    if after is not None:
        days.discard(after.day)
    if before is not None:
        days.add(before.day)
    return _rebuilt(rules, holidays=frozenset(days))


def _rebuilt(rules: DraftRules, **changes: Any) -> DraftRules:
    return DraftRules(rules.tiers, replace(rules.rules, **changes))


_ADAPTERS: dict[type, pydantic.TypeAdapter[Any]] = {}


def _read(kind: type[T], value: object) -> T | None:
    if value is None:
        return None
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = pydantic.TypeAdapter(kind)
    found: T = adapter.validate_python(value)
    return found
