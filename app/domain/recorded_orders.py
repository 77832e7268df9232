"""Paid orders as the till recorded them, with what a replay under other rules needs.

Read by ``db/whatif_orders.py`` and replayed by ``app/whatif/replay.py``; amounts in
minor units.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.service_type import ServiceType


@dataclass(frozen=True)
class RecordedLine:
    item_id: int
    category_id: int
    name_en: str
    unit_price: int
    quantity: int
    discount_rule: str
    """``app.domain.pricing.DiscountRule`` value the till gave this line."""


@dataclass(frozen=True)
class RecordedRenewal:
    offer_code: str
    kind: str
    fee: int
    old_expiry: date | None
    new_expiry: date


@dataclass(frozen=True)
class RecordedCoupon:
    coupon_id: int
    code: str
    offer_code: str
    expires_on: date


@dataclass(frozen=True)
class RecordedManual:
    """A manual discount approved for the order (``app.domain.manual_discount``)."""

    grant_id: int
    kind: str
    value: int
    item_id: int | None
    limit: int
    reason_code: str


@dataclass(frozen=True)
class RecordedOrder:
    """One paid order; ``tier_id`` is the tier it was priced with (after any upgrade
    bought on it), ``bonus_spent`` the stored-value bonus its payment used."""

    order_id: int
    order_no: str
    created_at: datetime
    member_id: int | None
    tier_id: int | None
    service_type: ServiceType
    party_size: int
    lines: tuple[RecordedLine, ...]
    discount: int
    offer_discount: int
    manual_discount: int
    points_earned: int
    points_redeemed: int
    bonus_spent: int
    top_up: int
    top_up_bonus: int
    upgrade_fee: int
    renewal: RecordedRenewal | None = None
    coupons: tuple[RecordedCoupon, ...] = ()
    manual: tuple[RecordedManual, ...] = ()
    store_id: int | None = None
    """The store it was sold in (``None``: before stores were recorded)."""


@dataclass(frozen=True)
class RecordedMember:
    """A member with orders in the period, as far as a replay needs them.

    ``expiries`` are (from, expiry) pairs: the expiry in force from that moment on (a
    renewal's new expiry), the first one with ``datetime.min``; ``offer_uses`` the
    (moment, offer code) of every offer the member had on a paid order; ``spend_before``
    the qualifying spend per business day before the period (for the tier windows);
    ``tier_events`` the (moment, tier id) of tier changes in the period that no order's
    spend or upgrade made (overrides, anniversary reviews, refunds).
    """

    member_id: int
    member_no: str
    name: str
    joined_on: date
    segment: str
    expiries: tuple[tuple[datetime, date | None], ...]
    offer_uses: tuple[tuple[datetime, str], ...] = ()
    spend_before: tuple[tuple[date, int], ...] = ()
    tier_events: tuple[tuple[datetime, int], ...] = ()
    held_back: tuple[tuple[datetime, str], ...] = ()
    """(moment, offer code) of each campaign that held this member back from an offer."""


@dataclass(frozen=True)
class RuleChange:
    """A ``loyalty_rule_changed`` audit event: when, what (``tier:GOLD``, ...), and the
    edited value before and after as the audit log holds it (decoded JSON)."""

    at: datetime
    subject: str
    before: object = None
    after: object = None
