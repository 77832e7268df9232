"""Members as the till shows them: identity, tier, term, balances, preferences."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import NewType

from app.domain.offers import Coupon
from app.domain.phone import mask_phone
from app.domain.tiers import Tier

MemberId = NewType("MemberId", int)


class MembershipStatus(enum.Enum):
    ACTIVE = "active"
    EXPIRED = "expired"


@dataclass(frozen=True)
class MemberSummary:
    """Everything the member panel and the receipt show about one member.

    ``stored_value`` is principal plus bonus in minor units; both balances are sums of
    their ledgers.
    """

    member_id: MemberId
    member_no: str
    name: str
    phone: str
    tier: Tier
    joined_on: date
    expires_on: date | None
    points: int
    stored_value: int
    preferences: str
    allergies: str
    birthday: date | None = None
    segment: str = ""
    coupons: tuple[Coupon, ...] = ()
    """Unused, unexpired personal coupons."""
    offer_uses: tuple[tuple[str, int], ...] = ()
    """(offer code, times used on paid, unrefunded orders) for offers with a use limit."""
    held_back: tuple[str, ...] = ()
    """Codes of offers this member is held back from (a campaign's control group): never
    offered to them (``app.domain.campaigns``)."""

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def status(self, today: date) -> MembershipStatus:
        if self.expires_on is not None and today > self.expires_on:
            return MembershipStatus.EXPIRED
        return MembershipStatus.ACTIVE


@dataclass(frozen=True)
class MemberCandidate:
    """One line of the till's search results: enough to tell two members apart."""

    member_id: MemberId
    member_no: str
    name: str
    masked_phone: str
    tier_name_zh: str
    tier_name_en: str
    expires_on: date | None

    def status(self, today: date) -> MembershipStatus:
        if self.expires_on is not None and today > self.expires_on:
            return MembershipStatus.EXPIRED
        return MembershipStatus.ACTIVE


def birthday_month(member: MemberSummary, today: date) -> bool:
    """Birthday benefits hold for the whole month of the birthday (生日当月)."""
    return member.birthday is not None and member.birthday.month == today.month
