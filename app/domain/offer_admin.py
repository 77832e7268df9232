"""Targeted offers, public holidays and the stacking policy as a manager edits them, and the
checks each must pass before it is saved.

An offer is edited as the domain ``Offer`` itself (``app.domain.offers``), so what the
editor saves is exactly what the till applies. Codes being unique and the tiers,
categories and items an offer names still existing is the service's to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import NewType

from app.domain.loyalty_admin import (
    MAX_AMOUNT,
    RuleRejected,
    check_amount,
    clean_code,
    clean_name,
)
from app.domain.money import BASIS_POINTS_PER_WHOLE
from app.domain.offers import BenefitKind, HolidayRule, Offer, StackingPolicy
from app.domain.service_type import ServiceType

TargetedOfferId = NewType("TargetedOfferId", int)

MAX_PRIORITY = 999
MAX_PARTY_SIZE = 99
MAX_USES_PER_MEMBER = 1000
MAX_SEGMENT_LENGTH = 24  # a member's segment column
MAX_SEGMENTS_TEXT = 200  # the offer's segments column, comma-separated
SEGMENT_SEPARATORS = re.compile(r"[,，、;；]")


@dataclass(frozen=True)
class TargetedOfferSpec:
    """A targeted offer as edited: the offer the till applies and whether it runs now.

    ``offer_id`` is ``None`` for an offer not saved yet.
    """

    offer: Offer
    active: bool = True
    offer_id: TargetedOfferId | None = None


@dataclass(frozen=True)
class Holiday:
    """A day that offers' holiday conditions treat as a public holiday."""

    day: date
    name: str


@dataclass(frozen=True)
class OfferStacking:
    """How offers combine on one order, and the most they take off together (basis points
    of the items after the tier discount)."""

    policy: StackingPolicy = StackingPolicy.BEST_OF
    cap_bp: int = BASIS_POINTS_PER_WHOLE


def split_segments(text: str) -> frozenset[str]:
    """``"champions, at_risk"`` -> both names; commas (also ``，`` and ``、``) separate."""
    return frozenset(part.strip() for part in SEGMENT_SEPARATORS.split(text) if part.strip())


def checked_targeted_offer(spec: TargetedOfferSpec) -> TargetedOfferSpec:
    """``spec`` with its code upper-cased and texts trimmed; raises ``RuleRejected``."""
    offer = spec.offer
    if not isinstance(offer.kind, BenefitKind):
        raise RuleRejected("the offer gives a percentage off or an amount off")
    if offer.kind is BenefitKind.PERCENT_OFF and not 0 < offer.value <= BASIS_POINTS_PER_WHOLE:
        raise RuleRejected("the percentage off is more than 0% and at most 100%")
    if offer.kind is BenefitKind.AMOUNT_OFF and not 0 < offer.value <= MAX_AMOUNT:
        raise RuleRejected("the amount off is more than ¥0 and at most ¥50,000")
    if not 0 <= offer.priority <= MAX_PRIORITY:
        raise RuleRejected(f"the priority is a whole number from 0 to {MAX_PRIORITY}")
    rule = offer.conditions
    if rule.valid_from and rule.valid_until and rule.valid_from > rule.valid_until:
        raise RuleRejected("the offer must start on or before the day it ends")
    if not rule.weekdays <= frozenset(range(7)):
        raise RuleRejected("weekdays are 0 (Monday) to 6 (Sunday)")
    if not isinstance(rule.holidays, HolidayRule):
        rules = ", ".join(r.value for r in HolidayRule)
        raise RuleRejected(f"the public holiday rule is one of: {rules}")
    if rule.starts_at is not None and rule.starts_at == rule.ends_at:
        raise RuleRejected(
            "the time of day must end at another time than it starts "
            "(across midnight is fine, e.g. 22:00-02:00)"
        )
    if not 1 <= rule.min_party_size <= MAX_PARTY_SIZE:
        raise RuleRejected(f"the smallest party is from 1 to {MAX_PARTY_SIZE} guests")
    if not all(isinstance(s, ServiceType) for s in rule.service_types):
        raise RuleRejected("the service types are dine-in and takeaway")
    uses = rule.uses_per_member
    if uses is not None and not 1 <= uses <= MAX_USES_PER_MEMBER:
        raise RuleRejected(
            f"the uses per member are empty (no limit) or from 1 to {MAX_USES_PER_MEMBER}"
        )
    check_amount(rule.min_spend, "minimum spend")
    if offer.coupon_only and not rule.members_only:
        raise RuleRejected("a coupon-only offer is for members only: tick Members only")
    conditions = replace(rule, segments=_segments(rule.segments))
    offer = replace(
        offer,
        code=clean_code(offer.code),
        name_zh=clean_name(offer.name_zh, "Chinese name"),
        name_en=clean_name(offer.name_en, "English name"),
        conditions=conditions,
    )
    return replace(spec, offer=offer)


def checked_holiday(holiday: Holiday) -> Holiday:
    return replace(holiday, name=clean_name(holiday.name, "holiday's name"))


def checked_stacking(stacking: OfferStacking) -> OfferStacking:
    if not isinstance(stacking.policy, StackingPolicy):
        policies = ", ".join(p.value for p in StackingPolicy)
        raise RuleRejected(f"the stacking policy is one of: {policies}")
    if not 0 <= stacking.cap_bp <= BASIS_POINTS_PER_WHOLE:
        raise RuleRejected("the per-order cap is from 0% to 100%")
    return stacking


def _segments(segments: frozenset[str]) -> frozenset[str]:
    cleaned = frozenset(s.strip() for s in segments if s.strip())
    for segment in cleaned:
        if SEGMENT_SEPARATORS.search(segment):
            raise RuleRejected(f"a segment name has no commas: {segment!r}")
        if len(segment) > MAX_SEGMENT_LENGTH:
            raise RuleRejected(f"a segment name is at most {MAX_SEGMENT_LENGTH} characters")
    if len(",".join(cleaned)) > MAX_SEGMENTS_TEXT:
        raise RuleRejected(f"the segments are at most {MAX_SEGMENTS_TEXT} characters together")
    return cleaned
