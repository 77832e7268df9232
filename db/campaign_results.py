"""What happened in a campaign's window, in SQL: its counts (``CampaignFacts``) and each
member's visits and spend (``MemberFigures``) for the uplift.

Two kinds of scope: a campaign started for an audience (``campaign_members``), and the
coupons of a coupon offer given by hand at the till (goodwill coupons, outside any
campaign), whose window runs from the first issued to the last expiry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, false, func, select, tuple_
from sqlalchemy.orm import Session

from app.domain.campaigns import CampaignFacts, Group, MemberFigures
from db.campaigns import STANDING
from db.models import (
    CampaignMemberRow,
    CampaignRow,
    MemberCouponRow,
    MemberRow,
    OfferRow,
    OrderOfferRow,
    OrderRow,
)

STREAMED = 5_000
"""Rows fetched at a time when a campaign's members are streamed."""


@dataclass(frozen=True)
class Scope:
    offer: OfferRow
    campaign_id: int | None
    started_at: datetime
    ends_on: date | None
    holdout_bp: int
    seed: int
    members: Subquery
    """member_id, held_back, tier_id, segment: one row per member."""
    coupons: Any
    """A select of the coupon ids of the scope (none for a targeted offer)."""

    def window(self) -> ColumnElement[bool]:
        """Standing orders from the start to the end of ``ends_on`` (or to now)."""
        condition = and_(OrderRow.created_at >= self.started_at, OrderRow.status.in_(STANDING))
        if self.ends_on is not None:
            end = datetime.combine(self.ends_on + timedelta(days=1), time())
            condition = and_(condition, OrderRow.created_at < end)
        return condition

    def given(self) -> Any:
        return select(self.members.c.member_id).where(self.members.c.held_back.is_(False))


def campaign_ids(session: Session) -> list[int]:
    """Newest first."""
    return list(session.scalars(select(CampaignRow.id).order_by(CampaignRow.id.desc())))


def hand_coupon_offers(session: Session) -> list[str]:
    """Codes of the offers with coupons given by hand (outside any campaign)."""
    query = (
        select(OfferRow.code)
        .join(MemberCouponRow, MemberCouponRow.offer_id == OfferRow.id)
        .where(MemberCouponRow.id.not_in(_campaign_coupons()))
        .group_by(OfferRow.id, OfferRow.code)
        .order_by(OfferRow.id)
    )
    return list(session.scalars(query))


def _campaign_coupons() -> Any:
    return select(CampaignMemberRow.coupon_id).where(CampaignMemberRow.coupon_id.is_not(None))


def campaign_scope(session: Session, campaign_id: int) -> Scope | None:
    campaign = session.get(CampaignRow, campaign_id)
    if campaign is None:
        return None
    offer = session.get(OfferRow, campaign.offer_id)
    assert offer is not None, "foreign key"
    members = CampaignMemberRow
    # One row per member and campaign; a merge may leave the survivor in it twice
    # (db.member_merges moves rows as they are): counted twice, rare enough.
    one_each = (
        select(members.member_id, members.held_back, members.tier_id, members.segment)
        .where(members.campaign_id == campaign_id)
        .subquery()
    )
    coupons = select(members.coupon_id).where(
        members.campaign_id == campaign_id, members.coupon_id.is_not(None)
    )
    return Scope(offer, campaign.id, campaign.started_at, campaign.ends_on,
                  campaign.holdout_bp, campaign.seed, one_each, coupons)  # fmt: skip


def hand_scope(session: Session, offer_code: str) -> Scope | None:
    offer = session.scalar(select(OfferRow).where(OfferRow.code == offer_code))
    if offer is None:
        return None
    by_hand = and_(
        MemberCouponRow.offer_id == offer.id, MemberCouponRow.id.not_in(_campaign_coupons())
    )
    first, last = session.execute(
        select(func.min(MemberCouponRow.issued_at), func.max(MemberCouponRow.expires_on)).where(
            by_hand
        )
    ).one()
    if first is None:
        return None
    holders = (
        select(
            MemberRow.id.label("member_id"),
            false().label("held_back"),
            MemberRow.tier_id,
            MemberRow.segment,
        )
        .where(MemberRow.id.in_(select(MemberCouponRow.member_id).where(by_hand)))
        .subquery()
    )
    coupons = select(MemberCouponRow.id).where(by_hand)
    return Scope(offer, None, first, last, 0, 0, holders, coupons)


def facts(session: Session, scope: Scope) -> CampaignFacts:
    members, offer = scope.members, scope.offer
    targeted, held = session.execute(
        select(func.count(), func.count().filter(members.c.held_back.is_(True))).select_from(
            members
        )
    ).one()
    coupons = session.scalar(select(func.count()).select_from(scope.coupons.subquery()))
    uses = select(OrderOfferRow).where(
        OrderOfferRow.offer_id == offer.id, OrderOfferRow.member_id.in_(scope.given())
    )
    if offer.coupon_only:
        uses = uses.where(OrderOfferRow.coupon_id.in_(scope.coupons))
    used = uses.subquery()
    redeemed, redeemers, discount = session.execute(
        select(
            func.count(used.c.id),
            func.count(func.distinct(used.c.member_id)),
            func.coalesce(func.sum(used.c.amount_fen), 0),
        )
        .join(OrderRow, OrderRow.id == used.c.order_id)
        .where(scope.window())
    ).one()
    revenue = session.scalar(
        select(func.coalesce(func.sum(OrderRow.total_fen), 0)).where(
            OrderRow.id.in_(select(used.c.order_id)), scope.window()
        )
    )
    reached = session.scalar(
        select(func.count(func.distinct(OrderRow.member_id))).where(
            OrderRow.member_id.in_(scope.given()), scope.window()
        )
    )
    return CampaignFacts(
        campaign_id=scope.campaign_id,
        offer_code=offer.code,
        name_zh=offer.name_zh,
        name_en=offer.name_en,
        coupon_offer=offer.coupon_only,
        started_at=scope.started_at,
        ends_on=scope.ends_on,
        holdout_bp=scope.holdout_bp,
        seed=scope.seed,
        targeted=int(targeted),
        held_back=int(held),
        coupons_issued=int(coupons or 0),
        reached=int(reached or 0),
        redeemed=int(redeemed),
        redeemers=int(redeemers),
        discount=int(discount),
        revenue=int(revenue or 0),
    )


def member_figures(session: Session, scope: Scope, comparable: bool) -> Iterator[MemberFigures]:
    """Visits and spend in the window of every member of the scope and, if
    ``comparable`` (nobody was held back), of the members outside it who share a tier
    and segment with one given it (their tier and segment now; a campaign's audience's
    as they were at its start). Streamed: a million members are never held at once."""
    per_member = (
        select(
            OrderRow.member_id,
            func.count(OrderRow.id).label("visits"),
            func.coalesce(func.sum(OrderRow.total_fen), 0).label("spend"),
        )
        .where(OrderRow.member_id.is_not(None), scope.window())
        .group_by(OrderRow.member_id)
        .subquery()
    )
    members = scope.members
    rows = session.execute(
        select(
            members.c.member_id,
            members.c.held_back,
            members.c.tier_id,
            members.c.segment,
            func.coalesce(per_member.c.visits, 0),
            func.coalesce(per_member.c.spend, 0),
        )
        .outerjoin(per_member, per_member.c.member_id == members.c.member_id)
        .execution_options(yield_per=STREAMED)
    )
    with rows:  # a reader that stops early closes the server-side cursor
        for member_id, held, tier, segment, visits, spend in rows:
            group = Group.CONTROL if held else Group.TREATED
            yield MemberFigures(member_id, group, tier, segment or "", int(visits), int(spend))
    if comparable:
        yield from _comparable(session, scope, per_member)


def _comparable(session: Session, scope: Scope, per_member: Subquery) -> Iterator[MemberFigures]:
    strata = session.execute(
        select(scope.members.c.tier_id, scope.members.c.segment)
        .where(scope.members.c.held_back.is_(False))
        .distinct()
    ).all()
    if not strata:
        return
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
            tuple_(MemberRow.tier_id, MemberRow.segment).in_([tuple(s) for s in strata]),
            MemberRow.merged_into_id.is_(None),
            MemberRow.erased_at.is_(None),
            MemberRow.id.not_in(select(scope.members.c.member_id)),
        )
        .execution_options(yield_per=STREAMED)
    )
    with rows:
        for member_id, tier, segment, visits, spend in rows:
            yield MemberFigures(member_id, Group.COMPARABLE, tier, segment, int(visits), int(spend))
