"""Campaigns in SQL: an offer's audience, recording a start, what happened in its window,
and the offers a member is held back from (read when their order is priced)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, insert, select, tuple_
from sqlalchemy.orm import Session

from app.domain.campaigns import CampaignFacts, Group, MemberFigures
from db.models import (
    CampaignMemberRow,
    CampaignRow,
    MemberCouponRow,
    MemberRow,
    OfferRow,
    OfferTierRow,
    OrderOfferRow,
    OrderRow,
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


@dataclass(frozen=True)
class AudienceMember:
    member_id: int
    tier_id: int
    segment: str


def offer_by_code(session: Session, code: str) -> CampaignOffer | None:
    row = session.scalar(select(OfferRow).where(OfferRow.code == code))
    if row is None:
        return None
    return CampaignOffer(row.id, row.code, row.coupon_only, row.active, row.valid_until)


def audience(session: Session, offer_id: int) -> list[AudienceMember]:
    """The members the offer's tier and segment conditions name (all members when it
    names none), not merged away or erased, in id order."""
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


def add_members(
    session: Session,
    campaign_id: int,
    members: Iterable[AudienceMember],
    held_back: frozenset[int],
    coupons: dict[int, int],
) -> None:
    """``coupons``: member id -> the coupon issued to them for this campaign."""
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
    codes: dict[int, str],
    issued_at: datetime,
    issued_by: int | None,
    expires_on: date,
) -> dict[int, int]:
    """One coupon per member (``codes``: member id -> code); returns member id -> coupon id."""
    rows = {
        member_id: MemberCouponRow(
            code=code,
            member_id=member_id,
            offer_id=offer_id,
            issued_at=issued_at,
            issued_by=issued_by,
            expires_on=expires_on,
        )
        for member_id, code in codes.items()
    }
    session.add_all(rows.values())
    session.flush()
    return {member_id: row.id for member_id, row in rows.items()}


def held_back_offers(session: Session, member_id: int) -> frozenset[str]:
    """Codes of the offers this member is held back from (in a campaign's control group)."""
    query = (
        select(OfferRow.code)
        .join(CampaignRow, CampaignRow.offer_id == OfferRow.id)
        .join(CampaignMemberRow, CampaignMemberRow.campaign_id == CampaignRow.id)
        .where(CampaignMemberRow.member_id == member_id, CampaignMemberRow.held_back.is_(True))
    )
    return frozenset(session.scalars(query))


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


def _window(campaign: CampaignRow) -> ColumnElement[bool]:
    """Orders from the start to the end of ``ends_on`` (or to now)."""
    condition = and_(OrderRow.created_at >= campaign.started_at, OrderRow.status.in_(STANDING))
    if campaign.ends_on is not None:
        end = datetime.combine(campaign.ends_on + timedelta(days=1), time())
        condition = and_(condition, OrderRow.created_at < end)
    return condition


def campaign_ids(session: Session) -> list[int]:
    """Newest first."""
    return list(session.scalars(select(CampaignRow.id).order_by(CampaignRow.id.desc())))


def campaign_facts(session: Session, campaign_id: int) -> CampaignFacts | None:
    campaign = session.get(CampaignRow, campaign_id)
    if campaign is None:
        return None
    offer = session.get(OfferRow, campaign.offer_id)
    assert offer is not None, "foreign key"
    members = CampaignMemberRow
    counts = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((members.held_back.is_(True), 1), else_=0)), 0),
            func.count(members.coupon_id),
        ).where(members.campaign_id == campaign_id)
    ).one()
    given = select(members.member_id).where(
        members.campaign_id == campaign_id, members.held_back.is_(False)
    )
    uses = session.execute(
        select(
            func.count(OrderOfferRow.id),
            func.count(func.distinct(OrderOfferRow.member_id)),
            func.coalesce(func.sum(OrderOfferRow.amount_fen), 0),
        )
        .join(OrderRow, OrderRow.id == OrderOfferRow.order_id)
        .where(
            OrderOfferRow.offer_id == campaign.offer_id,
            OrderOfferRow.member_id.in_(given),
            _window(campaign),
        )
    ).one()
    used_on = (
        select(OrderOfferRow.order_id)
        .where(OrderOfferRow.offer_id == campaign.offer_id, OrderOfferRow.member_id.in_(given))
        .distinct()
    )
    revenue = session.scalar(
        select(func.coalesce(func.sum(OrderRow.total_fen), 0)).where(
            OrderRow.id.in_(used_on), _window(campaign)
        )
    )
    reached = session.scalar(
        select(func.count(func.distinct(OrderRow.member_id))).where(
            OrderRow.member_id.in_(_reachable(campaign, offer.coupon_only)), _window(campaign)
        )
    )
    return CampaignFacts(
        campaign_id=campaign.id,
        offer_code=offer.code,
        name_zh=offer.name_zh,
        name_en=offer.name_en,
        coupon_offer=offer.coupon_only,
        started_at=campaign.started_at,
        ends_on=campaign.ends_on,
        holdout_bp=campaign.holdout_bp,
        seed=campaign.seed,
        targeted=int(counts[0]),
        held_back=int(counts[1]),
        coupons_issued=int(counts[2]),
        reached=int(reached or 0),
        redeemed=int(uses[0]),
        redeemers=int(uses[1]),
        discount=int(uses[2]),
        revenue=int(revenue or 0),
    )


def _reachable(campaign: CampaignRow, coupon_only: bool) -> Select[Any]:
    """Members given it; for a coupon offer, those whose coupon was issued."""
    query = select(CampaignMemberRow.member_id).where(
        CampaignMemberRow.campaign_id == campaign.id, CampaignMemberRow.held_back.is_(False)
    )
    if coupon_only:
        query = query.where(CampaignMemberRow.coupon_id.is_not(None))
    return query


def member_figures(session: Session, campaign_id: int) -> list[MemberFigures]:
    """Visits and spend in the window of every member of the campaign and, when nobody
    was held back, of the members not in it who share a tier and segment with one given
    it (their tier and segment now; the audience's as they were at the start)."""
    campaign = session.get(CampaignRow, campaign_id)
    assert campaign is not None, "the caller found the campaign"
    per_member = (
        select(
            OrderRow.member_id,
            func.count(OrderRow.id).label("visits"),
            func.coalesce(func.sum(OrderRow.total_fen), 0).label("spend"),
        )
        .where(OrderRow.member_id.is_not(None), _window(campaign))
        .group_by(OrderRow.member_id)
        .subquery()
    )
    members = CampaignMemberRow
    rows = session.execute(
        select(
            members.member_id,
            members.held_back,
            members.tier_id,
            members.segment,
            func.coalesce(per_member.c.visits, 0),
            func.coalesce(per_member.c.spend, 0),
        )
        .outerjoin(per_member, per_member.c.member_id == members.member_id)
        .where(members.campaign_id == campaign_id)
        .order_by(members.member_id)
    ).all()
    figures = [
        MemberFigures(
            member_id, Group.CONTROL if held else Group.TREATED, tier, segment or "",
            int(visits), int(spend),
        )
        for member_id, held, tier, segment, visits, spend in rows
    ]  # fmt: skip
    if any(f.group is Group.CONTROL for f in figures) or not figures:
        return figures
    return figures + _comparable(session, campaign_id, figures, per_member)


def _comparable(
    session: Session, campaign_id: int, given: Sequence[MemberFigures], per_member: Any
) -> list[MemberFigures]:
    strata = sorted({(f.tier_id, f.segment) for f in given})
    in_campaign = select(CampaignMemberRow.member_id).where(
        CampaignMemberRow.campaign_id == campaign_id
    )
    rows = session.execute(
        select(
            MemberRow.id,
            MemberRow.tier_id,
            MemberRow.segment,
            func.coalesce(per_member.c.visits, 0),
            func.coalesce(per_member.c.spend, 0),
        )
        .outerjoin(per_member, per_member.c.member_id == MemberRow.id)
        .where(
            tuple_(MemberRow.tier_id, MemberRow.segment).in_(strata) if strata else false(),
            MemberRow.merged_into_id.is_(None),
            MemberRow.erased_at.is_(None),
            MemberRow.id.not_in(in_campaign),
        )
        .order_by(MemberRow.id)
    ).all()
    return [
        MemberFigures(member_id, Group.COMPARABLE, tier, segment, int(visits), int(spend))
        for member_id, tier, segment, visits, spend in rows
    ]


def active_offers(session: Session) -> list[tuple[str, str, str]]:
    """(code, Chinese name, English name) of the active offers, in the till's order."""
    query = (
        select(OfferRow.code, OfferRow.name_zh, OfferRow.name_en)
        .where(OfferRow.active.is_(True))
        .order_by(OfferRow.priority, OfferRow.id)
    )
    return [(code, zh, en) for code, zh, en in session.execute(query)]
