"""Targeted offers and personal coupons as the database holds them.

Configurable, and where: table ``offers`` (with ``offer_categories``, ``offer_items``
and ``offer_tiers``) for what an offer gives and when; ``member_coupons`` for coupons
issued to members; ``public_holidays`` for the days holiday conditions mean; settings
``offers.stacking`` (best_of / additive / exclusive) and ``offers.cap_bp`` (the most
all offers together take off an order, in basis points of its items after the tier
discount).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from app.domain.members import MemberSummary
from app.domain.menu import CategoryId, ItemId
from app.domain.offers import BenefitKind, Conditions, Coupon, HolidayRule, Offer
from app.domain.service_type import ServiceType
from db import loyalty as loyalty_store
from db import offers as store
from db.member_accounts import tier_from_row
from db.models import MemberCouponRow, MemberRow, OfferRow, TierRow


def offer_from_row(row: OfferRow, tier_codes: Mapping[int, str]) -> Offer:
    conditions = Conditions(
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        weekdays=frozenset(int(day) for day in row.weekdays if day.isdigit()),
        holidays=HolidayRule(row.holidays),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        min_party_size=row.min_party_size,
        service_types=frozenset(ServiceType(s) for s in _split(row.service_types)),
        categories=frozenset(CategoryId(c.category_id) for c in row.categories),
        items=frozenset(ItemId(i.item_id) for i in row.items),
        members_only=row.members_only,
        tiers=frozenset(tier_codes[t.tier_id] for t in row.tiers if t.tier_id in tier_codes),
        segments=frozenset(_split(row.segments)),
        uses_per_member=row.uses_per_member,
        min_spend=row.min_spend_fen,
    )
    return Offer(
        code=row.code,
        name_zh=row.name_zh,
        name_en=row.name_en,
        kind=BenefitKind(row.kind),
        value=row.value,
        conditions=conditions,
        priority=row.priority,
        coupon_only=row.coupon_only,
    )


def active_offers(session: Session) -> tuple[Offer, ...]:
    codes = _tier_codes(session)
    return tuple(offer_from_row(row, codes) for row in store.active_offers(session))


def with_personal_offers(session: Session, member: MemberSummary, today: date) -> MemberSummary:
    """The member with their coupons, offer uses, segment, birthday and full tier loaded
    (the quick lookup path leaves these out)."""
    row = session.get(MemberRow, member.member_id)
    tier = session.get(TierRow, row.tier_id) if row is not None else None
    if row is None or tier is None:
        return member
    codes = _tier_codes(session)
    coupons = tuple(
        _coupon(session, coupon, codes) for coupon in store.usable_coupons(session, row.id, today)
    )
    uses = tuple(sorted(store.offer_uses(session, row.id).items()))
    return replace(
        member,
        tier=tier_from_row(tier),
        birthday=row.birthday,
        segment=row.segment,
        coupons=coupons,
        offer_uses=uses,
    )


def _coupon(session: Session, row: MemberCouponRow, tier_codes: Mapping[int, str]) -> Coupon:
    offer = session.get(OfferRow, row.offer_id)
    assert offer is not None, "foreign key guarantees the offer"
    return Coupon(row.id, row.code, offer_from_row(offer, tier_codes), row.expires_on)


def _tier_codes(session: Session) -> dict[int, str]:
    return {row.id: row.code for row in loyalty_store.tier_rows(session)}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
