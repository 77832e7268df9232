"""Orders as recorded: a paid order as checkout writes it, and as a refund reads it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.bill import Bill
from app.domain.payment import Settlement
from app.domain.service_type import ServiceType


@dataclass(frozen=True)
class PaidOrder:
    """What a checkout writes as the order, its lines and its payments.

    ``qualifying_spend`` is what the order counts towards tiers and free renewal (minor
    units, zero for a guest); ``points_earned`` is after the stored-value bonus share.
    """

    order_no: str
    till_id: str
    business_day: date
    sequence: int
    staff_id: int
    member_id: int | None
    service_type: ServiceType
    table_no: str
    party_size: int
    bill: Bill
    settlement: Settlement
    points_earned: int
    qualifying_spend: int
    created_at: datetime


@dataclass(frozen=True)
class RecordedLine:
    line_id: int
    position: int
    name_zh: str
    name_en: str
    quantity: int
    refunded_quantity: int
    net: int


@dataclass(frozen=True)
class RecordedOrder:
    """A paid order as recorded, with what refunds have taken back of it so far."""

    order_id: int
    order_no: str
    created_at: datetime
    business_day: date
    member_id: int | None
    status: str
    due: int
    total: int
    subtotal: int
    points_value: int
    qualifying_spend: int
    refunded_spend: int
    renewal_fee: int
    upgrade_fee: int
    top_up: int
    lines: tuple[RecordedLine, ...]
    payments: tuple[tuple[str, int], ...]
    """(method, amount) in the order they were taken: a points line comes first."""


@dataclass(frozen=True)
class OrderEntry:
    """One of the order's own ledger entries (not a refund's): points or stored value."""

    entry_id: int
    reason: str
    points: int = 0
    principal: int = 0
    bonus: int = 0


@dataclass(frozen=True)
class RecordedRenewal:
    old_expiry: date | None
    new_expiry: date
    refunded: bool


@dataclass(frozen=True)
class OrderTierChange:
    """What an order did to the member's tier: from the tier before its first change to
    the tier after its last (a bought upgrade, then a qualification on spend)."""

    from_tier_id: int
    to_tier_id: int
    reason: str


@dataclass(frozen=True)
class RefundsSoFar:
    count: int = 0
    money_back: int = 0
    upgrade_back: int = 0
    top_up_back: int = 0


@dataclass(frozen=True)
class NewRefund:
    """A refund as written: who, why, what went back, and the units per line."""

    order_id: int
    completes: bool
    till_id: str
    staff_id: int
    approver_id: int
    reason_code: str
    note: str
    method: str
    money_back: int
    spend_back: int
    renewal_back: int
    upgrade_back: int
    top_up_back: int
    created_at: datetime
    units: tuple[tuple[int, int, int], ...]
    """(line id, units, net share in minor units) taken back."""
