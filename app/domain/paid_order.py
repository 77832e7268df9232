"""A paid order as it is recorded: the priced bill, how it was settled, and where."""

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
