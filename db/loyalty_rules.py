"""The loyalty programme as the database holds it, read into the pure domain's values.

Configurable, and where:

- ``settings`` rows ``loyalty.*``: points value, minimum and maximum share, life;
  stored-value consumption order; qualification window; whether grace keeps the
  tier discount (``SETTING_KEYS`` below, defaults in ``LoyaltyRules``); ``offers.stacking``
  (best_of / additive / exclusive) and ``offers.cap_bp`` (the most all offers together
  take off an order, in basis points of its items after the tier discount);
- ``tiers``: discount, excluded categories, multiplier, annual fee, qualifying spend,
  birthday benefit;
- ``renewal_offers`` and ``top_up_rules``: one row per offer or bonus rule;
- ``offers`` (with ``offer_categories``, ``offer_items`` and ``offer_tiers``) for what a
  targeted offer gives and when; ``member_coupons`` for coupons issued to members;
  ``public_holidays`` for the days holiday conditions mean.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import SimpleNamespace
from typing import TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberSummary
from app.domain.money import BASIS_POINTS_PER_WHOLE
from app.domain.offer_admin import OfferStacking
from app.domain.offers import Coupon, Offer, StackingPolicy
from app.domain.points import PointsPolicy
from app.domain.qualification import TierThreshold, Window
from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.stored_value import ConsumptionOrder, TopUpRule
from db import offers as offer_store
from db import programme_rows, queries
from db.kept_tiers import ranked_tiers, tier_by_id
from db.member_lock import locked_values
from db.member_offers import uses_and_holdouts
from db.models import MemberRow, OfferRow, RenewalOfferRow
from db.offer_edits import SqlOfferEdits
from db.offers import offer_from_row as offer_from_row
from db.programme_edits import SqlProgrammeEdits
from db.programme_version import VERSION_KEY

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
class _Tables:
    """What the rules take from the programme's tables (``db.programme_version``)."""

    top_up_rules: tuple[TopUpRule, ...]
    renewal_offers: tuple[RenewalOffer, ...]
    thresholds: tuple[TierThreshold, ...]
    offers_by_id: Mapping[int, Offer]
    """The active offers (coupon-only ones too) in priority order."""
    holidays: frozenset[date]

    @property
    def offers(self) -> tuple[Offer, ...]:
        return tuple(self.offers_by_id.values())


_kept: WeakKeyDictionary[object, tuple[str, _Tables]] = WeakKeyDictionary()
"""Per engine: the tables as read under a version token."""


def _tables(session: Session, settings: Mapping[str, str]) -> _Tables:
    version = settings.get(VERSION_KEY)
    kept = _kept.get(session.get_bind())
    if version is not None and kept is not None and kept[0] == version:
        return kept[1]
    tables = _Tables(
        top_up_rules=tuple(
            TopUpRule(row.minimum_fen, row.bonus_fen)
            for row in programme_rows.top_up_rules(session)
        ),
        renewal_offers=renewal_offers_from_rows(programme_rows.renewal_offers(session)),
        thresholds=tuple(
            TierThreshold(row.rank, row.qualify_spend_fen)
            for row in programme_rows.tier_rows(session)
        ),
        offers_by_id=offer_store.active_offers_by_id(session, _tier_codes(session)),
        holidays=offer_store.holidays(session),
    )
    if version is not None:
        _kept[session.get_bind()] = (version, tables)
    return tables


def rules_from_rows(session: Session) -> LoyaltyRules:
    if session.new or session.dirty or session.deleted:
        session.flush()  # an edit in this transaction replaces the version first
    settings = queries.settings(session)
    # The same settings under the same version token make the same rules: kept, not built
    # again (the settings are read by every checkout anyway).
    key = tuple(sorted(settings.items()))
    kept = _kept_rules.get(session.get_bind())
    if kept is not None and kept[0] == key:
        return kept[1]
    rules = _rules(session, settings)
    if VERSION_KEY in settings:
        _kept_rules[session.get_bind()] = (key, rules)
    return rules


_kept_rules: WeakKeyDictionary[object, tuple[tuple[tuple[str, str], ...], LoyaltyRules]]
_kept_rules = WeakKeyDictionary()
"""Per engine: the rules as built from a version token and the settings."""


def _rules(session: Session, settings: dict[str, str]) -> LoyaltyRules:
    tables = _tables(session, settings)
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
        top_up_rules=tables.top_up_rules,
        renewal_offers=tables.renewal_offers,
        thresholds=tables.thresholds,
        offers=tables.offers,
        stacking=_enum(settings, "offers.stacking", StackingPolicy, defaults.stacking),
        offer_cap_bp=min(
            _int(settings, "offers.cap_bp", defaults.offer_cap_bp), BASIS_POINTS_PER_WHOLE
        ),
        holidays=tables.holidays,
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


def renewal_offers_from_rows(rows: Iterable[RenewalOfferRow]) -> tuple[RenewalOffer, ...]:
    """The offers as the domain sees them, every field carried over; a row whose kind this
    version does not know (written by a newer till) is left out, not an error."""
    kinds = {kind.value for kind in OfferKind}
    return tuple(
        RenewalOffer(
            code=row.code,
            kind=OfferKind(row.kind),
            fee=row.fee_fen,
            window_days=row.window_days,
            min_spend=row.min_spend_fen,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
        )
        for row in rows
        if row.kind in kinds
    )


def active_offers(session: Session) -> tuple[Offer, ...]:
    return offer_store.active_offer_values(session, _tier_codes(session))


def with_personal_offers(session: Session, member: MemberSummary, today: date) -> MemberSummary:
    """The member with their coupons, offer uses, segment, birthday and full tier loaded
    (the quick lookup path leaves these out)."""
    row: MemberRow | SimpleNamespace | None = locked_values(session, member.member_id)
    if row is None:  # not locked in this transaction, or loaded since
        row = session.get(MemberRow, member.member_id)
    if row is None:
        return member
    kept = _kept_offers(session)
    coupons = tuple(
        _coupon(session, coupon, kept)
        for coupon in offer_store.usable_coupons(session, row.id, today)
    )
    uses, held_back = uses_and_holdouts(session, row.id)
    return replace(
        member,
        tier=tier_by_id(session, row.tier_id),
        birthday=row.birthday,
        segment=row.segment,
        coupons=coupons,
        offer_uses=tuple(sorted(uses.items())),
        held_back=held_back,
    )


def _kept_offers(session: Session) -> Mapping[int, Offer]:
    """The active offers as kept under the database's version token (a checkout's rules
    have just made sure of it); none when the token has moved or an edit is pending."""
    if session.new or session.dirty or session.deleted:
        return {}
    version = queries.settings(session).get(VERSION_KEY)
    kept = _kept.get(session.get_bind())
    if version is None or kept is None or kept[0] != version:
        return {}
    return kept[1].offers_by_id


def _coupon(session: Session, row: Row[int, str, int, date], kept: Mapping[int, Offer]) -> Coupon:
    """A coupon's offer is an active one (``usable_coupons``): kept, as a rule."""
    offer = kept.get(row.offer_id)
    if offer is None:
        offer_row = session.get(OfferRow, row.offer_id)
        assert offer_row is not None, "foreign key guarantees the offer"
        offer = offer_from_row(offer_row, _tier_codes(session))
    return Coupon(row.id, row.code, offer, row.expires_on)


def _tier_codes(session: Session) -> dict[int, str]:
    return {tier.tier_id: tier.code for tier in ranked_tiers(session)}


class SqlLoyaltyProgramme(SqlProgrammeEdits, SqlOfferEdits):
    """The programme as a checkout prices with it, read in the checkout's transaction, and
    as a manager edits it (``db.programme_edits``, ``db.offer_edits``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def rules(self) -> LoyaltyRules:
        return rules_from_rows(self._session)

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        """The member with their coupons, offer uses, segment and birthday loaded."""
        return with_personal_offers(self._session, member, today)

    def stacking(self) -> OfferStacking:
        rules = rules_from_rows(self._session)
        return OfferStacking(rules.stacking, rules.offer_cap_bp)
