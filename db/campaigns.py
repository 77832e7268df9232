"""Campaigns in SQL: an offer's audience, recording a start, and the offers a member is
held back from (read when their order is priced). Results: ``db.campaign_results``."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from db.models import (
    CampaignMemberRow,
    CampaignRow,
    MemberCouponRow,
    MemberRow,
    OfferRow,
    OfferTierRow,
)

STANDING = ("paid", "part_refunded")
"""Orders that count: paid and not wholly refunded."""


@dataclass(frozen=True)
class CampaignOffer:
    offer_id: int
    code: str
    coupon_only: bool
    active: bool
    valid_until: date | None


@dataclass(frozen=True, slots=True)
class AudienceMember:
    member_id: int
    tier_id: int
    segment: str


def offer_by_code(session: Session, code: str) -> CampaignOffer | None:
    row = session.scalar(select(OfferRow).where(OfferRow.code == code))
    if row is None:
        return None
    return CampaignOffer(row.id, row.code, row.coupon_only, row.active, row.valid_until)


def _audience(session: Session, offer_id: int) -> Select[int, int, str]:
    """The members the offer's tier and segment conditions name (all members when it
    names none), not merged away or erased."""
    offer = session.get(OfferRow, offer_id)
    assert offer is not None, "the caller found the offer"
    query = select(MemberRow.id, MemberRow.tier_id, MemberRow.segment).where(
        MemberRow.merged_into_id.is_(None), MemberRow.erased_at.is_(None)
    )
    tiers = select(OfferTierRow.tier_id).where(OfferTierRow.offer_id == offer_id)
    if session.scalar(select(func.count()).select_from(tiers.subquery())):
        query = query.where(MemberRow.tier_id.in_(tiers))
    segments = [part.strip() for part in offer.segments.split(",") if part.strip()]
    if segments:
        query = query.where(MemberRow.segment.in_(segments))
    return query


def audience_ids(session: Session, offer_id: int) -> array[int]:
    """The audience's member ids in id order, as 8-byte integers (8 MB at a million,
    where rows would take a hundred)."""
    query = _audience(session, offer_id).with_only_columns(MemberRow.id).order_by(MemberRow.id)
    ids: array[int] = array("q")
    with session.connection().execute(query.execution_options(yield_per=CHUNK)) as result:
        for partition in result.partitions():
            ids.extend(member_id for (member_id,) in partition)
    return ids


def audience_between(
    session: Session, offer_id: int, first: int, last: int
) -> list[AudienceMember]:
    """The audience members with ids from ``first`` to ``last``, in id order."""
    query = _audience(session, offer_id).where(MemberRow.id.between(first, last))
    return [AudienceMember(*row) for row in session.execute(query.order_by(MemberRow.id))]


def add_campaign(
    session: Session,
    *,
    offer_id: int,
    started_at: datetime,
    started_by: int | None,
    holdout_bp: int,
    seed: int,
    ends_on: date | None,
) -> int:
    row = CampaignRow(
        offer_id=offer_id,
        started_at=started_at,
        started_by=started_by,
        holdout_bp=holdout_bp,
        seed=seed,
        ends_on=ends_on,
    )
    session.add(row)
    session.flush()
    return row.id


CHUNK = 5_000
"""Members read and rows written per statement: a million-member audience never sits in
memory as rows."""


def add_members(
    session: Session,
    campaign_id: int,
    members: Sequence[AudienceMember],
    held_back: Set[int],
    coupons: dict[int, int],
) -> None:
    """One chunk of the audience (up to ``CHUNK``); ``coupons``: member id -> the coupon
    issued to them for this campaign."""
    if not members:
        return
    session.execute(
        insert(CampaignMemberRow),
        [
            {
                "campaign_id": campaign_id,
                "member_id": one.member_id,
                "held_back": one.member_id in held_back,
                "tier_id": one.tier_id,
                "segment": one.segment,
                "coupon_id": coupons.get(one.member_id),
            }
            for one in members
        ],
    )


def issue_coupons(
    session: Session,
    offer_id: int,
    member_ids: Sequence[int],
    code: Callable[[int], str],
    issued_at: datetime,
    issued_by: int | None,
    expires_on: date,
) -> dict[int, int]:
    """One coupon per member (up to ``CHUNK``), its code ``code(member_id)``; returns
    member id -> coupon id."""
    if not member_ids:
        return {}
    rows = [
        {
            "code": code(member_id),
            "member_id": member_id,
            "offer_id": offer_id,
            "issued_at": issued_at,
            "issued_by": issued_by,
            "expires_on": expires_on,
            "revoked": False,
        }
        for member_id in member_ids
    ]
    returned = session.execute(
        insert(MemberCouponRow).returning(MemberCouponRow.member_id, MemberCouponRow.id), rows
    )
    return {member_id: coupon_id for member_id, coupon_id in returned}


def campaign_holdouts(
    session: Session, member_ids: Sequence[int]
) -> dict[int, tuple[tuple[datetime, str], ...]]:
    """Member id -> (campaign start, offer code) of the offers each is held back from
    (for the what-if replay, which prices their orders as the till did)."""
    found: dict[int, list[tuple[datetime, str]]] = {}
    query = (
        select(CampaignMemberRow.member_id, CampaignRow.started_at, OfferRow.code)
        .join(CampaignRow, CampaignRow.id == CampaignMemberRow.campaign_id)
        .join(OfferRow, OfferRow.id == CampaignRow.offer_id)
        .where(CampaignMemberRow.member_id.in_(member_ids), CampaignMemberRow.held_back.is_(True))
    )
    for member_id, started_at, code in session.execute(query):
        found.setdefault(member_id, []).append((started_at, code))
    return {member_id: tuple(sorted(pairs)) for member_id, pairs in found.items()}


def active_offers(session: Session) -> list[tuple[str, str, str]]:
    """(code, Chinese name, English name) of the active offers, in the till's order."""
    query = (
        select(OfferRow.code, OfferRow.name_zh, OfferRow.name_en)
        .where(OfferRow.active.is_(True))
        .order_by(OfferRow.priority, OfferRow.id)
    )
    return [(code, zh, en) for code, zh, en in session.execute(query)]
