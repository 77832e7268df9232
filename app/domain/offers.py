"""Targeted offers and personal coupons on top of the tier discount, and how they stack.

An offer is data: what it gives (a percentage or an amount off the lines it covers) and
when it applies (``Conditions``). A coupon is an offer issued to one member, used once
before it expires; a coupon-only offer never applies without its coupon.

The stacking policy is declared once for the restaurant:

- ``best_of``: the tier discount stays; of the offers that apply, only the one that
  saves the guest most.
- ``additive``: the tier discount stays and every offer that applies is added, in
  priority order, each worked out on what the lines cost after the ones before it.
- ``exclusive``: an offer combines with nothing: the order gets either the tier
  discount or the single best offer (on undiscounted prices), whichever saves more.

A per-order cap (``cap_bp``) bounds the offers together to that share of the items
after the tier discount; the offer that crosses it is cut down to what is left.

Rounding: a percentage rounds half-up once per line, like the tier discount; an
amount off is spread over the lines it covers in proportion to their cost
(``money.allocate``), so the line figures always add up to the offer.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from app.domain.menu import CategoryId, ItemId
from app.domain.money import BASIS_POINTS_PER_WHOLE, allocate, apply_basis_points
from app.domain.pricing import PricedLine, PricedOrder, points_for
from app.domain.service_type import ServiceType


class StackingPolicy(enum.Enum):
    BEST_OF = "best_of"
    ADDITIVE = "additive"
    EXCLUSIVE = "exclusive"


class BenefitKind(enum.Enum):
    PERCENT_OFF = "percent_off"
    """``value`` in basis points off each covered line."""
    AMOUNT_OFF = "amount_off"
    """``value`` in minor units off the covered lines together."""


class HolidayRule(enum.Enum):
    ANY_DAY = "any_day"
    NOT_ON_HOLIDAYS = "not_on_holidays"
    HOLIDAYS_ONLY = "holidays_only"


class Miss(enum.Enum):
    """The first condition an offer failed, for the "why this price" view."""

    NOT_YET_VALID = "not_yet_valid"
    NO_LONGER_VALID = "no_longer_valid"
    WRONG_WEEKDAY = "wrong_weekday"
    HOLIDAYS_ONLY = "holidays_only"
    NOT_ON_HOLIDAYS = "not_on_holidays"
    WRONG_TIME = "wrong_time"
    PARTY_TOO_SMALL = "party_too_small"
    WRONG_SERVICE = "wrong_service"
    MEMBERS_ONLY = "members_only"
    WRONG_TIER = "wrong_tier"
    WRONG_SEGMENT = "wrong_segment"
    USED_UP = "used_up"
    NO_COVERED_ITEMS = "no_covered_items"
    BELOW_MINIMUM_SPEND = "below_minimum_spend"
    COUPON_EXPIRED = "coupon_expired"


class Dropped(enum.Enum):
    """Why an offer whose conditions all held still gave nothing."""

    NOT_THE_BEST = "not_the_best"
    TIER_DISCOUNT_BETTER = "tier_discount_better"
    CAP_REACHED = "cap_reached"
    NOTHING_LEFT = "nothing_left"


@dataclass(frozen=True)
class Conditions:
    """When an offer applies; an empty set means "any"."""

    valid_from: date | None = None
    valid_until: date | None = None
    weekdays: frozenset[int] = frozenset()
    """0 is Monday, as ``date.weekday()``."""
    holidays: HolidayRule = HolidayRule.ANY_DAY
    starts_at: time | None = None
    ends_at: time | None = None
    """The daypart: from ``starts_at`` up to, not including, ``ends_at``."""
    min_party_size: int = 1
    service_types: frozenset[ServiceType] = frozenset()
    categories: frozenset[CategoryId] = frozenset()
    items: frozenset[ItemId] = frozenset()
    """Lines covered: in one of ``categories`` or one of ``items``; both empty: all."""
    members_only: bool = True
    tiers: frozenset[str] = frozenset()
    """Tier codes."""
    segments: frozenset[str] = frozenset()
    uses_per_member: int | None = None
    min_spend: int = 0
    """What the covered lines cost after the tier discount."""

    def covers(self, line: PricedLine) -> bool:
        if not self.categories and not self.items:
            return True
        return line.item.category_id in self.categories or line.item.item_id in self.items


@dataclass(frozen=True)
class Offer:
    code: str
    name_zh: str
    name_en: str
    kind: BenefitKind
    value: int
    conditions: Conditions = field(default_factory=Conditions)
    priority: int = 0
    """Lower first, in the additive policy and to break ties."""
    coupon_only: bool = False
    excluded_stores: frozenset[int] = frozenset()
    """Stores it does not run in; it runs in every other store of the chain."""


@dataclass(frozen=True)
class Coupon:
    """A personal e-coupon: one use of ``offer`` for one member, until ``expires_on``."""

    coupon_id: int
    code: str
    offer: Offer
    expires_on: date


@dataclass(frozen=True)
class OfferContext:
    """What the conditions are checked against: the moment, the table and the guest."""

    at: datetime
    party_size: int
    service_type: ServiceType
    holidays: frozenset[date] = frozenset()
    is_member: bool = False
    member_current: bool = False
    tier_code: str = ""
    segment: str = ""
    uses: Mapping[str, int] = field(default_factory=dict)
    """Offer code -> times this member has had it on a paid, unrefunded order."""


@dataclass(frozen=True)
class Candidate:
    offer: Offer
    coupon: Coupon | None = None

    @property
    def key(self) -> str:
        return self.coupon.code if self.coupon else self.offer.code


@dataclass(frozen=True)
class Applied:
    candidate: Candidate
    amount: int
    line_amounts: tuple[int, ...]
    cut_by_cap: int = 0


@dataclass(frozen=True)
class Missed:
    candidate: Candidate
    miss: Miss


@dataclass(frozen=True)
class NotApplied:
    candidate: Candidate
    why: Dropped


@dataclass(frozen=True)
class OfferOutcome:
    policy: StackingPolicy = StackingPolicy.BEST_OF
    cap_bp: int = BASIS_POINTS_PER_WHOLE
    applied: tuple[Applied, ...] = ()
    not_applied: tuple[NotApplied, ...] = ()
    missed: tuple[Missed, ...] = ()
    tier_discount_replaced: bool = False

    @property
    def total(self) -> int:
        return sum(applied.amount for applied in self.applied)

    def coupon_ids(self) -> tuple[int, ...]:
        return tuple(a.candidate.coupon.coupon_id for a in self.applied if a.candidate.coupon)


def first_miss(
    candidate: Candidate, context: OfferContext, lines: Sequence[PricedLine]
) -> Miss | None:
    """The first condition ``candidate`` fails on this order, or ``None`` if it applies."""
    offer, rule = candidate.offer, candidate.offer.conditions
    today = context.at.date()
    checks: tuple[tuple[bool, Miss], ...] = (
        (rule.valid_from is not None and today < rule.valid_from, Miss.NOT_YET_VALID),
        (rule.valid_until is not None and today > rule.valid_until, Miss.NO_LONGER_VALID),
        (
            candidate.coupon is not None and today > candidate.coupon.expires_on,
            Miss.COUPON_EXPIRED,
        ),
        (bool(rule.weekdays) and today.weekday() not in rule.weekdays, Miss.WRONG_WEEKDAY),
        (
            rule.holidays is HolidayRule.HOLIDAYS_ONLY and today not in context.holidays,
            Miss.HOLIDAYS_ONLY,
        ),
        (
            rule.holidays is HolidayRule.NOT_ON_HOLIDAYS and today in context.holidays,
            Miss.NOT_ON_HOLIDAYS,
        ),
        (not _in_daypart(context.at.time(), rule), Miss.WRONG_TIME),
        (context.party_size < rule.min_party_size, Miss.PARTY_TOO_SMALL),
        (
            bool(rule.service_types) and context.service_type not in rule.service_types,
            Miss.WRONG_SERVICE,
        ),
        (_needs_membership(candidate, context), Miss.MEMBERS_ONLY),
        (bool(rule.tiers) and context.tier_code not in rule.tiers, Miss.WRONG_TIER),
        (bool(rule.segments) and context.segment not in rule.segments, Miss.WRONG_SEGMENT),
        (
            candidate.coupon is None
            and rule.uses_per_member is not None
            and context.uses.get(offer.code, 0) >= rule.uses_per_member,
            Miss.USED_UP,
        ),
    )
    for failed, miss in checks:
        if failed:
            return miss
    covered = [line for line in lines if rule.covers(line) and line.net > 0]
    if not covered:
        return Miss.NO_COVERED_ITEMS
    if sum(line.net for line in covered) < rule.min_spend:
        return Miss.BELOW_MINIMUM_SPEND
    return None


def apply_offers(
    priced: PricedOrder,
    candidates: Sequence[Candidate],
    context: OfferContext,
    policy: StackingPolicy,
    cap_bp: int = BASIS_POINTS_PER_WHOLE,
    without_tier: PricedOrder | None = None,
) -> tuple[PricedOrder, OfferOutcome]:
    """The order with the offers that apply under ``policy``, and what happened to each.

    ``without_tier`` is the same order priced without the tier discount; the exclusive
    policy needs it to weigh an offer against the tier discount.
    """
    missed: list[Missed] = []
    eligible: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.offer.priority, c.key)):
        miss = first_miss(candidate, context, priced.lines)
        if miss is None:
            eligible.append(candidate)
        else:
            missed.append(Missed(candidate, miss))
    outcome = OfferOutcome(policy, cap_bp, missed=tuple(missed))
    if not eligible:
        return priced, outcome
    if policy is StackingPolicy.ADDITIVE:
        return _additive(priced, eligible, outcome)
    if policy is StackingPolicy.EXCLUSIVE:
        return _exclusive(priced, without_tier or priced, eligible, outcome)
    return _best_of(priced, eligible, outcome)


def _best_of(
    priced: PricedOrder, eligible: list[Candidate], outcome: OfferOutcome
) -> tuple[PricedOrder, OfferOutcome]:
    best, others = _best(priced, eligible)
    applied = _capped(best, priced.total, outcome.cap_bp, 0)
    not_applied = tuple(NotApplied(c, Dropped.NOT_THE_BEST) for c in others)
    if applied.amount == 0:
        dropped = (NotApplied(best.candidate, Dropped.CAP_REACHED), *not_applied)
        return priced, replace(outcome, not_applied=dropped)
    return _with_offers(priced, (applied,)), replace(
        outcome, applied=(applied,), not_applied=not_applied
    )


def _exclusive(
    priced: PricedOrder,
    without_tier: PricedOrder,
    eligible: list[Candidate],
    outcome: OfferOutcome,
) -> tuple[PricedOrder, OfferOutcome]:
    best, others = _best(without_tier, eligible)
    applied = _capped(best, without_tier.total, outcome.cap_bp, 0)
    not_best = tuple(NotApplied(c, Dropped.NOT_THE_BEST) for c in others)
    if applied.amount <= priced.discount or applied.amount == 0:
        dropped = (NotApplied(best.candidate, Dropped.TIER_DISCOUNT_BETTER), *not_best)
        return priced, replace(outcome, not_applied=dropped)
    return _with_offers(without_tier, (applied,)), replace(
        outcome, applied=(applied,), not_applied=not_best, tier_discount_replaced=True
    )


def _additive(
    priced: PricedOrder, eligible: list[Candidate], outcome: OfferOutcome
) -> tuple[PricedOrder, OfferOutcome]:
    applied: list[Applied] = []
    not_applied: list[NotApplied] = []
    nets = [line.net for line in priced.lines]
    used = 0
    for candidate in eligible:
        uncapped = _amounts(candidate, _on_nets(priced.lines, nets))
        if uncapped.amount == 0:
            not_applied.append(NotApplied(candidate, Dropped.NOTHING_LEFT))
            continue
        one = _capped(uncapped, priced.total, outcome.cap_bp, used)
        if one.amount == 0:
            not_applied.append(NotApplied(candidate, Dropped.CAP_REACHED))
            continue
        applied.append(one)
        used += one.amount
        nets = [net - part for net, part in zip(nets, one.line_amounts, strict=True)]
    return _with_offers(priced, tuple(applied)), replace(
        outcome, applied=tuple(applied), not_applied=tuple(not_applied)
    )


def _best(priced: PricedOrder, eligible: list[Candidate]) -> tuple[Applied, list[Candidate]]:
    scored = [_amounts(candidate, priced.lines) for candidate in eligible]
    best = max(scored, key=lambda applied: applied.amount)  # first of equals: priority order
    return best, [a.candidate for a in scored if a is not best]


def _amounts(candidate: Candidate, lines: Sequence[PricedLine]) -> Applied:
    offer = candidate.offer
    covered = [line.net if offer.conditions.covers(line) else 0 for line in lines]
    if offer.kind is BenefitKind.PERCENT_OFF:
        bp = min(offer.value, BASIS_POINTS_PER_WHOLE)
        parts = tuple(apply_basis_points(net, bp) for net in covered)
    else:
        parts = allocate(min(offer.value, sum(covered)), covered)
    return Applied(candidate, sum(parts), parts)


def _capped(applied: Applied, base: int, cap_bp: int, used: int) -> Applied:
    room = max(apply_basis_points(base, min(cap_bp, BASIS_POINTS_PER_WHOLE)) - used, 0)
    if applied.amount <= room:
        return applied
    parts = allocate(room, applied.line_amounts) if applied.amount else applied.line_amounts
    return Applied(applied.candidate, room, parts, applied.amount - room)


def _on_nets(lines: Sequence[PricedLine], nets: Sequence[int]) -> tuple[PricedLine, ...]:
    return tuple(replace(line, net=net) for line, net in zip(lines, nets, strict=True))


def _with_offers(priced: PricedOrder, applied: Sequence[Applied]) -> PricedOrder:
    lines = []
    for index, line in enumerate(priced.lines):
        off = sum(a.line_amounts[index] for a in applied)
        lines.append(replace(line, offer_discount=off, net=line.net - off))
    offer_discount = sum(a.amount for a in applied)
    total = priced.total - offer_discount
    tier = priced.tier
    earns = priced.member_current and tier is not None
    points = points_for(total, tier.points_multiplier_bp) if earns and tier else 0
    return replace(
        priced,
        lines=tuple(lines),
        offer_discount=offer_discount,
        total=total,
        points_earned=points,
    )


def _in_daypart(moment: time, rule: Conditions) -> bool:
    if rule.starts_at is None and rule.ends_at is None:
        return True
    start = rule.starts_at or time.min
    end = rule.ends_at
    if end is None:
        return moment >= start
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end  # across midnight, e.g. late-night supper


def _needs_membership(candidate: Candidate, context: OfferContext) -> bool:
    if candidate.coupon is not None:
        return not context.is_member  # a personal coupon holds even after the term ended
    if not candidate.offer.conditions.members_only:
        return False
    return not (context.is_member and context.member_current)
