"""Reads and writes of targeted offers, personal coupons and holidays."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, bindparam, literal, select, union_all, update
from sqlalchemy.orm import Session

from app.domain.menu import CategoryId, ItemId
from app.domain.offers import BenefitKind, Conditions, HolidayRule, Offer
from app.domain.service_type import ServiceType
from db import chained_writes
from db.models import (
    MemberCouponRow,
    OfferCategoryRow,
    OfferItemRow,
    OfferRow,
    OfferStoreExclusionRow,
    OfferTierRow,
    PublicHolidayRow,
)


def offer_from_row(row: OfferRow, tier_codes: Mapping[int, str]) -> Offer:
    return offer_from_fields(
        row,
        Named(
            categories=[c.category_id for c in row.categories],
            items=[i.item_id for i in row.items],
            tiers=[t.tier_id for t in row.tiers],
            stores=[e.store_id for e in row.excluded_stores],
        ),
        tier_codes,
    )


@dataclass
class Named:
    """The ids an offer's child rows name (its categories, items, tiers, excluded stores)."""

    categories: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    tiers: list[int] = field(default_factory=list)
    stores: list[int] = field(default_factory=list)


def offer_from_fields(
    row: OfferRow | Row[Any], named: Named, tier_codes: Mapping[int, str]
) -> Offer:
    """``row``: the offer's columns, an ORM row or a plain row of ``offers``."""
    conditions = Conditions(
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        weekdays=frozenset(int(day) for day in row.weekdays if day.isdigit()),
        holidays=HolidayRule(row.holidays),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        min_party_size=row.min_party_size,
        service_types=frozenset(ServiceType(s) for s in _split(row.service_types)),
        categories=frozenset(CategoryId(c) for c in named.categories),
        items=frozenset(ItemId(i) for i in named.items),
        members_only=row.members_only,
        tiers=frozenset(tier_codes[t] for t in named.tiers if t in tier_codes),
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
        excluded_stores=frozenset(named.stores),
    )


def active_offer_values(session: Session, tier_codes: Mapping[int, str]) -> tuple[Offer, ...]:
    return tuple(active_offers_by_id(session, tier_codes).values())


def active_offers_by_id(session: Session, tier_codes: Mapping[int, str]) -> dict[int, Offer]:
    """The active offers as the domain prices with them, by id in priority order, in two
    statements: the offers, then every id their child rows name (the ORM reads each of
    the four tables apart and builds an object per row, on every checkout)."""
    offers = OfferRow.__table__
    rows = session.execute(
        select(offers).where(offers.c.active.is_(True)).order_by(offers.c.priority, offers.c.id)
    ).all()
    if not rows:
        return {}
    named: dict[int, Named] = {row.id: Named() for row in rows}
    parts = [
        select(literal(kind), table.offer_id, column).where(table.offer_id.in_(list(named)))
        for kind, table, column in (
            ("categories", OfferCategoryRow, OfferCategoryRow.category_id),
            ("items", OfferItemRow, OfferItemRow.item_id),
            ("tiers", OfferTierRow, OfferTierRow.tier_id),
            ("stores", OfferStoreExclusionRow, OfferStoreExclusionRow.store_id),
        )
    ]
    for kind, offer_id, named_id in session.execute(union_all(*parts)):
        getattr(named[offer_id], kind).append(named_id)
    return {row.id: offer_from_fields(row, named[row.id], tier_codes) for row in rows}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def active_offers(session: Session) -> Sequence[OfferRow]:
    query = (
        select(OfferRow).where(OfferRow.active.is_(True)).order_by(OfferRow.priority, OfferRow.id)
    )
    return session.scalars(query).all()


def holidays(session: Session) -> frozenset[date]:
    return frozenset(session.scalars(select(PublicHolidayRow.day)))


def usable_coupons(
    session: Session, member_id: int, today: date
) -> Sequence[Row[int, str, int, date]]:
    """The member's coupons not used, not revoked, not expired and of an active offer,
    soonest expiry first (a manager who stops an offer stops its coupons too): their
    ``id``, ``code``, ``offer_id`` and ``expires_on`` (columns: no rows loaded into the
    session for a checkout)."""
    params = {"member": member_id, "today": today}
    return chained_writes.connection(session).execute(_USABLE_COUPONS, params).all()


# A checkout's reads, built once (building a statement costs more than sending it).
_USABLE_COUPONS = (
    select(
        MemberCouponRow.id,
        MemberCouponRow.code,
        MemberCouponRow.offer_id,
        MemberCouponRow.expires_on,
    )
    .join(OfferRow, OfferRow.id == MemberCouponRow.offer_id)
    .where(
        OfferRow.active.is_(True),
        MemberCouponRow.member_id == bindparam("member"),
        MemberCouponRow.expires_on >= bindparam("today"),
        MemberCouponRow.used_order_id.is_(None),
        MemberCouponRow.revoked.is_(False),
    )
    .order_by(MemberCouponRow.expires_on, MemberCouponRow.id)
)


def use_coupon(session: Session, coupon_id: int, member_id: int, order_id: int) -> bool:
    """Mark the coupon used by ``order_id``; ``False`` if it was used meanwhile."""
    result = session.execute(
        update(MemberCouponRow)
        .where(
            MemberCouponRow.id == coupon_id,
            MemberCouponRow.member_id == member_id,
            MemberCouponRow.used_order_id.is_(None),
            MemberCouponRow.revoked.is_(False),
        )
        .values(used_order_id=order_id)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def release_coupons(session: Session, order_id: int) -> list[str]:
    """A refunded order gives its coupons back; returns their codes."""
    rows = session.scalars(
        select(MemberCouponRow).where(MemberCouponRow.used_order_id == order_id)
    ).all()
    for row in rows:
        row.used_order_id = None
    return [row.code for row in rows]


class SqlCoupons:
    """Personal coupons given by hand (goodwill): which offers may be given, and giving one."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def issuable_offer(self, offer_code: str) -> int | None:
        offer = self._session.scalar(select(OfferRow).where(OfferRow.code == offer_code))
        if offer is None or not offer.active or not offer.coupon_only:
            return None
        return offer.id

    def issue(
        self,
        *,
        member_id: int,
        offer_id: int,
        code: str,
        issued_at: datetime,
        issued_by: int | None,
        expires_on: date,
    ) -> int:
        coupon = MemberCouponRow(
            code=code,
            member_id=member_id,
            offer_id=offer_id,
            issued_at=issued_at,
            issued_by=issued_by,
            expires_on=expires_on,
        )
        self._session.add(coupon)
        self._session.flush()
        return coupon.id
