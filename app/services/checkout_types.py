"""What a checkout produces: the paid order as committed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.bill import Bill
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberSummary
from app.domain.payment import Settlement
from app.domain.pricing import PricedOrder
from app.domain.service_type import ServiceType
from app.domain.staff import StaffMember
from app.domain.stored_value import Split
from app.domain.tiers import Tier


@dataclass(frozen=True)
class CompletedOrder:
    """A paid order as committed; ``member`` carries balances after this order."""

    order_no: str
    created_at: datetime
    till_id: str
    cashier: StaffMember
    service_type: ServiceType
    table_no: str
    party_size: int
    bill: Bill
    settlement: Settlement
    member: MemberSummary | None
    points_earned: int = 0
    stored_value_split: Split | None = None
    upgraded_to: Tier | None = None
    replayed: bool = False
    """Committed by an earlier attempt under the same request key (``app.once``)."""
    rules: LoyaltyRules | None = field(default=None, compare=False, repr=False)
    """The programme's rules this checkout priced with, read in its transaction: the next
    order's, so the till need not read them again after a sale (``None`` when the order
    was not priced here: a replay, a sale made offline)."""

    @property
    def priced(self) -> PricedOrder:
        return self.bill.priced
