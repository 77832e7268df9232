"""Reads and writes of targeted offers, personal coupons and holidays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.models import MemberCouponRow, OfferRow, OrderOfferRow, OrderRow, PublicHolidayRow


def active_offers(session: Session) -> Sequence[OfferRow]:
    query = (
        select(OfferRow).where(OfferRow.active.is_(True)).order_by(OfferRow.priority, OfferRow.id)
    )
    return session.scalars(query).all()


def holidays(session: Session) -> frozenset[date]:
    return frozenset(session.scalars(select(PublicHolidayRow.day)))


def usable_coupons(session: Session, member_id: int, today: date) -> Sequence[MemberCouponRow]:
    """The member's coupons not used, not revoked, not expired and of an active offer,
    soonest expiry first (a manager who stops an offer stops its coupons too)."""
    query = (
        select(MemberCouponRow)
        .join(OfferRow, OfferRow.id == MemberCouponRow.offer_id)
        .where(
            OfferRow.active.is_(True),
            MemberCouponRow.member_id == member_id,
            MemberCouponRow.expires_on >= today,
            MemberCouponRow.used_order_id.is_(None),
            MemberCouponRow.revoked.is_(False),
        )
        .order_by(MemberCouponRow.expires_on, MemberCouponRow.id)
    )
    return session.scalars(query).all()


def offer_uses(session: Session, member_id: int) -> dict[str, int]:
    """Offer code -> how often the member had it on an order not wholly refunded."""
    query = (
        select(OfferRow.code, func.count(OrderOfferRow.id))
        .join(OrderOfferRow, OrderOfferRow.offer_id == OfferRow.id)
        .join(OrderRow, OrderRow.id == OrderOfferRow.order_id)
        .where(
            OrderOfferRow.member_id == member_id,
            OrderOfferRow.coupon_id.is_(None),
            OfferRow.uses_per_member.is_not(None),
            OrderRow.status.in_(("paid", "part_refunded")),
        )
        .group_by(OfferRow.code)
    )
    return {code: int(count) for code, count in session.execute(query)}


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
