"""What the loyalty rules mean for one member today: outlook, spend in term and window.

The rules themselves are read from the database by ``db.loyalty_rules``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

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
from db import loyalty as store
from db.loyalty_rules import rules_from_rows, with_personal_offers
from db.member_accounts import tier_from_row

log = logging.getLogger(__name__)


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
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def rules(self) -> LoyaltyRules:
        with self._sessions() as session:
            return rules_from_rows(session)

    def tiers(self) -> list[Tier]:
        with self._sessions() as session:
            return [tier_from_row(row) for row in store.tier_rows(session)]

    def entry_tier(self) -> Tier | None:
        """The tier a new member joins at (the lowest rank)."""
        with self._sessions() as session:
            rows = store.tier_rows(session)
            return tier_from_row(rows[0]) if rows else None

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        """The member with their coupons and offer uses, for pricing their order."""
        with self._sessions() as session:
            return with_personal_offers(session, member, today)

    def outlook(self, member: MemberSummary, today: date, rules: LoyaltyRules) -> MemberOutlook:
        with self._sessions() as session:
            return outlook(session, member, today, rules)


def term_spend(session: Session, member_id: int, expires_on: date) -> int:
    """Spend within the current term: the year that ends on ``expires_on``."""
    return store.qualifying_spend(session, member_id, term_start(expires_on), expires_on)


def window_spend(
    session: Session, member_id: int, rules: LoyaltyRules, today: date, joined_on: date
) -> int:
    first, last = window(rules.window, today, joined_on)
    return store.qualifying_spend(session, member_id, first, last)


def outlook(
    session: Session, member: MemberSummary, today: date, rules: LoyaltyRules
) -> MemberOutlook:
    quote = free = None
    if member.expires_on is not None:
        spent = term_spend(session, member.member_id, member.expires_on)
        quote = renewal_quote(member.expires_on, today, spent, rules.renewal_offers)
        free = spend_to_renew_free(member.expires_on, today, spent, rules.renewal_offers)
    missing, next_tier = 0, None
    if rules.thresholds:
        spend = window_spend(session, member.member_id, rules, today, member.joined_on)
        ahead = progress(member.tier.rank, spend, rules.thresholds)
        if ahead is not None:
            rows = [row for row in store.tier_rows(session) if row.rank == ahead.next_rank]
            next_tier = tier_from_row(rows[0]) if rows else None
            missing = ahead.missing
    upgrade = None
    if rules.upgrade_for_fee_difference:
        tiers = [tier_from_row(row) for row in store.tier_rows(session)]
        upgrade = upgrade_quote(member.tier, tiers, member.expires_on, today)
    return MemberOutlook(quote, free, next_tier, missing, upgrade)
