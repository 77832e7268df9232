"""Membership tiers as data: discount, excluded categories, points multiplier, fee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NewType

from app.domain.menu import CategoryId

TierId = NewType("TierId", int)


@dataclass(frozen=True)
class Tier:
    """What a tier gives: ``discount_bp`` off each line outside ``excluded_categories``.

    ``points_multiplier_bp`` is 10000 for 1x, 15000 for 1.5x; ``annual_fee`` is in
    minor units.
    """

    tier_id: TierId
    code: str
    rank: int
    name_zh: str
    name_en: str
    discount_bp: int
    excluded_categories: frozenset[CategoryId]
    points_multiplier_bp: int
    annual_fee: int
    birthday_benefit_zh: str = ""
    birthday_benefit_en: str = ""


@dataclass(frozen=True)
class PricingMember:
    """The part of a member that pricing needs: their tier and when membership ends.

    ``grace_days``: days after expiry on which the tier discount still applies (the
    grace policy; 0 by default).
    """

    tier: Tier
    expires_on: date | None
    grace_days: int = 0

    def is_current(self, today: date) -> bool:
        if self.expires_on is None:
            return True
        return (today - self.expires_on).days <= self.grace_days


@dataclass(frozen=True)
class TierChange:
    """A member moved to ``to_tier``: why, when, by whom, on which order if any."""

    to_tier: TierId
    reason: str
    at: datetime
    staff_id: int | None
    approver_id: int | None = None
    order_id: int | None = None
    note: str = ""
    refund_id: int | None = None
