"""What the loyalty rules mean for one member today: outlook, spend in term and window.

The rules themselves are read through the unit of work (``uow.programme``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberSummary
from app.domain.membership_term import term_start
from app.domain.qualification import progress, window
from app.domain.renewal import (
    RenewalQuote,
    SpendToRenewFree,
    renewal_quote,
    spend_to_renew_free,
)
from app.domain.tiers import Tier
from app.domain.upgrade import UpgradeQuote, upgrade_quote
from app.unit_of_work import Tiers, UnitOfWorkFactory

log = logging.getLogger(__name__)


class QualifyingSpend(Protocol):
    """Where spend that counts is summed (``uow.orders`` fits)."""

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int: ...


@dataclass(frozen=True)
class MemberOutlook:
    """What the till offers and tells a member it has just identified."""

    renewal: RenewalQuote | None
    spend_to_renew_free: SpendToRenewFree | None
    next_tier: Tier | None
    missing_for_next_tier: int
    upgrade: UpgradeQuote | None = None
    """The next tier up for the fee difference, when the rules offer it."""


class LoyaltyService:
    def __init__(self, units: UnitOfWorkFactory, store_id: int | None = None) -> None:
        """``store_id``: the till's store; the offers it excludes are left out."""
        self._units = units
        self._store_id = store_id

    def rules(self) -> LoyaltyRules:
        with self._units() as uow:
            return uow.programme.rules().in_store(self._store_id)

    def tiers(self) -> list[Tier]:
        with self._units() as uow:
            return uow.tiers.ranked()

    def entry_tier(self) -> Tier | None:
        """The tier a new member joins at (the lowest rank)."""
        tiers = self.tiers()
        return tiers[0] if tiers else None

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        """The member with their coupons and offer uses, for pricing their order."""
        with self._units() as uow:
            return uow.programme.personal(member, today)

    def outlook(self, member: MemberSummary, today: date, rules: LoyaltyRules) -> MemberOutlook:
        with self._units() as uow:
            return outlook(uow.orders, uow.tiers, member, today, rules)


def term_spend(orders: QualifyingSpend, member_id: int, expires_on: date) -> int:
    """Spend within the current term: the year that ends on ``expires_on``."""
    return orders.qualifying_spend(member_id, term_start(expires_on), expires_on)


def window_spend(
    orders: QualifyingSpend, member_id: int, rules: LoyaltyRules, today: date, joined_on: date
) -> int:
    first, last = window(rules.window, today, joined_on)
    return orders.qualifying_spend(member_id, first, last)


def outlook(
    orders: QualifyingSpend,
    tiers: Tiers,
    member: MemberSummary,
    today: date,
    rules: LoyaltyRules,
) -> MemberOutlook:
    quote = free = None
    if member.expires_on is not None:
        spent = term_spend(orders, member.member_id, member.expires_on)
        quote = renewal_quote(member.expires_on, today, spent, rules.renewal_offers)
        free = spend_to_renew_free(member.expires_on, today, spent, rules.renewal_offers)
    missing, next_tier = 0, None
    if rules.thresholds:
        spend = window_spend(orders, member.member_id, rules, today, member.joined_on)
        ahead = progress(member.tier.rank, spend, rules.thresholds)
        if ahead is not None:
            ranked = [tier for tier in tiers.ranked() if tier.rank == ahead.next_rank]
            next_tier = ranked[0] if ranked else None
            missing = ahead.missing
    upgrade = None
    if rules.upgrade_for_fee_difference:
        upgrade = upgrade_quote(member.tier, tiers.ranked(), member.expires_on, today)
    return MemberOutlook(quote, free, next_tier, missing, upgrade)
