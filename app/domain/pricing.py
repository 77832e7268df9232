"""Pure order pricing: tier discounts line by line, totals and points, in minor units.

Rounding: each line's discount is ``gross * discount_bp / 10000`` rounded half-up to
a whole minor unit (``apply_basis_points``), once per line.  Every other figure is
a plain integer sum of line figures, so the total equals the sum of the lines.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.menu import MenuItem
from app.domain.money import BASIS_POINTS_PER_WHOLE, apply_basis_points
from app.domain.tiers import PricingMember, Tier


class DiscountRule(enum.Enum):
    """Why a line got (or did not get) a discount; shown to the cashier."""

    NOT_A_MEMBER = "not_a_member"
    TIER = "tier"
    CATEGORY_EXCLUDED = "category_excluded"
    MEMBERSHIP_EXPIRED = "membership_expired"
    TIER_HAS_NO_DISCOUNT = "tier_has_no_discount"
    REPLACED_BY_OFFER = "replaced_by_offer"
    """The stacking policy is exclusive and an offer saved the guest more."""


@dataclass(frozen=True)
class LineInput:
    item: MenuItem
    quantity: int


@dataclass(frozen=True)
class PricedLine:
    """``discount`` is the tier's; ``offer_discount`` this line's share of the offers;
    ``manual_discount`` its share of the manual discounts (``app.domain.manual_discount``)."""

    item: MenuItem
    quantity: int
    gross: int
    discount: int
    net: int
    discount_bp: int
    rule: DiscountRule
    offer_discount: int = 0
    manual_discount: int = 0


@dataclass(frozen=True)
class PricedOrder:
    lines: tuple[PricedLine, ...]
    tier: Tier | None
    subtotal: int
    discount: int
    total: int
    points_earned: int
    """Points the items total would earn before any points or stored-value bonus is
    spent; ``Bill.points_earned`` gives what a checkout actually earns."""
    member_current: bool = False
    offer_discount: int = 0
    """What targeted offers and coupons took off, on top of the tier ``discount``."""
    manual_discount: int = 0
    """What manual discounts took off after that:
    ``total = subtotal - discount - offer_discount - manual_discount``."""

    @property
    def all_discounts(self) -> int:
        return self.discount + self.offer_discount + self.manual_discount


def price(
    lines: Sequence[LineInput],
    member: PricingMember | None,
    today: date,
    tier_discount: bool = True,
) -> PricedOrder:
    """Price an order for ``member`` (or a guest when ``None``) on ``today``.

    ``tier_discount=False`` prices a member without their tier discount, for an
    exclusive offer that replaces it (``app.domain.offers``).
    """
    priced = tuple(_price_line(line, member, today, tier_discount) for line in lines)
    subtotal = sum(line.gross for line in priced)
    discount = sum(line.discount for line in priced)
    total = subtotal - discount
    tier = member.tier if member is not None else None
    earns = member is not None and member.is_current(today)
    points = points_for(total, tier.points_multiplier_bp) if earns and tier else 0
    return PricedOrder(priced, tier, subtotal, discount, total, points, earns)


def points_for(amount_paid: int, multiplier_bp: int) -> int:
    """Points earned: one per whole major unit (yuan) paid, times the tier multiplier.

    The base is what the guest actually pays after discounts.  Fractions of a point
    are dropped (floor), never rounded up: points are a promise, not money.
    """
    if amount_paid <= 0:
        return 0
    return amount_paid * multiplier_bp // (100 * BASIS_POINTS_PER_WHOLE)


def _price_line(
    line: LineInput, member: PricingMember | None, today: date, tier_discount: bool
) -> PricedLine:
    if line.quantity < 0:
        raise ValueError(f"quantity must not be negative, got {line.quantity}")
    if line.item.unit_price < 0:
        raise ValueError(f"price must not be negative for {line.item.code}")
    gross = line.item.unit_price * line.quantity
    rule, bp = _discount_rule(line, member, today)
    if not tier_discount and rule is DiscountRule.TIER:
        rule, bp = DiscountRule.REPLACED_BY_OFFER, 0
    discount = apply_basis_points(gross, bp) if bp else 0
    return PricedLine(line.item, line.quantity, gross, discount, gross - discount, bp, rule)


def _discount_rule(
    line: LineInput, member: PricingMember | None, today: date
) -> tuple[DiscountRule, int]:
    if member is None:
        return DiscountRule.NOT_A_MEMBER, 0
    if not member.is_current(today):
        return DiscountRule.MEMBERSHIP_EXPIRED, 0
    if line.item.category_id in member.tier.excluded_categories:
        return DiscountRule.CATEGORY_EXCLUDED, 0
    if member.tier.discount_bp == 0:
        return DiscountRule.TIER_HAS_NO_DISCOUNT, 0
    return DiscountRule.TIER, min(member.tier.discount_bp, BASIS_POINTS_PER_WHOLE)
