"""The loyalty rules as the database holds them, and what they mean for one member today.

Configurable, and where:

- ``settings`` rows ``loyalty.*``: points value, minimum and maximum share, life;
  stored-value consumption order; qualification window; whether grace keeps the
  tier discount (``SETTING_KEYS`` below, defaults in ``LoyaltyRules``);
- ``tiers``: discount, excluded categories, multiplier, annual fee, qualifying spend,
  birthday benefit;
- ``renewal_offers`` and ``top_up_rules``: one row per offer or bonus rule;
- targeted offers and coupons: see ``app.services.offers``.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberSummary
from app.domain.membership_term import term_start
from app.domain.money import BASIS_POINTS_PER_WHOLE
from app.domain.offers import StackingPolicy
from app.domain.points import PointsPolicy
from app.domain.qualification import TierThreshold, Window, progress, window
from app.domain.renewal import (
    RenewalQuote,
    SpendToRenewFree,
    renewal_quote,
    spend_to_renew_free,
)
from app.domain.stored_value import ConsumptionOrder, TopUpRule
from app.domain.tiers import Tier
from app.domain.upgrade import UpgradeQuote, upgrade_quote
from app.services.mapping import renewal_offers_from_rows
from app.services.offers import active_offers, with_personal_offers
from db import loyalty as store
from db import offers as offer_store
from db import queries
from db.member_accounts import tier_from_row

log = logging.getLogger(__name__)

SETTING_KEYS = (
    "loyalty.points_fen_per_point",
    "loyalty.points_min_redeem",
    "loyalty.points_max_share_bp",
    "loyalty.points_life_days",
    "loyalty.stored_value_consumption",
    "loyalty.qualification_window",
    "loyalty.grace_keeps_discount",
    "loyalty.upgrade_for_fee_difference",
    "offers.stacking",
    "offers.cap_bp",
)

E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True)
class MemberOutlook:
    """What the till offers and tells a member it has just identified."""

    renewal: RenewalQuote | None
    spend_to_renew_free: SpendToRenewFree | None
    next_tier: Tier | None
    missing_for_next_tier: int
    upgrade: UpgradeQuote | None = None
    """The next tier up for the fee difference, when the rules offer it."""


def rules_from_rows(session: Session) -> LoyaltyRules:
    settings = queries.settings(session)
    defaults = LoyaltyRules()
    policy = PointsPolicy(
        fen_per_point=_int(settings, "loyalty.points_fen_per_point", defaults.points.fen_per_point),
        min_redeem=_int(settings, "loyalty.points_min_redeem", defaults.points.min_redeem),
        max_share_bp=_int(settings, "loyalty.points_max_share_bp", defaults.points.max_share_bp),
        life_days=_int(settings, "loyalty.points_life_days", defaults.points.life_days),
    )
    return LoyaltyRules(
        points=policy,
        consumption=_enum(
            settings, "loyalty.stored_value_consumption", ConsumptionOrder, defaults.consumption
        ),
        window=_enum(settings, "loyalty.qualification_window", Window, defaults.window),
        grace_keeps_discount=settings.get("loyalty.grace_keeps_discount", "0") == "1",
        top_up_rules=tuple(
            TopUpRule(row.minimum_fen, row.bonus_fen) for row in store.top_up_rules(session)
        ),
        renewal_offers=renewal_offers_from_rows(store.renewal_offers(session)),
        thresholds=tuple(
            TierThreshold(row.rank, row.qualify_spend_fen) for row in store.tier_rows(session)
        ),
        offers=active_offers(session),
        stacking=_enum(settings, "offers.stacking", StackingPolicy, defaults.stacking),
        offer_cap_bp=min(
            _int(settings, "offers.cap_bp", defaults.offer_cap_bp), BASIS_POINTS_PER_WHOLE
        ),
        holidays=offer_store.holidays(session),
        upgrade_for_fee_difference=settings.get("loyalty.upgrade_for_fee_difference") == "1",
    )


def _int(settings: dict[str, str], key: str, default: int) -> int:
    try:
        value = int(settings[key])
    except KeyError:
        return default
    except ValueError:
        log.warning("setting %s=%r is not a whole number: using %s", key, settings[key], default)
        return default
    if value < 0:
        log.warning("setting %s=%r is negative: using %s", key, value, default)
        return default
    return value


def _enum(settings: dict[str, str], key: str, kind: type[E], default: E) -> E:
    try:
        return kind(settings[key])
    except KeyError:
        return default
    except ValueError:
        log.warning("setting %s=%r is not one of %s", key, settings[key], [e.value for e in kind])
        return default


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
