"""Campaigns: a targeted offer's or coupon offer's audience as drawn when it started,
with the members held back as a control group (migration 0019)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class CampaignRow(Base):
    """One start of an offer's campaign: who it was for and how the control was drawn.

    ``holdout_bp`` is the share of the audience held back (basis points) and ``seed`` the
    random draw's seed, so the same audience and seed give the same control group.
    ``ends_on`` closes the measuring window (the coupons' expiry or the offer's last day;
    ``None``: still running).
    """

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    started_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    holdout_bp: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    ends_on: Mapped[date | None] = mapped_column(Date)


class CampaignMemberRow(Base):
    """A member of a campaign's audience: given it (with their coupon, if any) or held
    back. Tier and segment as they were at the start, for comparing like with like.

    A surrogate key, not (campaign, member): a member merge moves rows to the survivor
    (``db.member_merges``), who may already be in the same campaign.
    """

    __tablename__ = "campaign_members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    held_back: Mapped[bool] = mapped_column(Boolean)
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"))
    segment: Mapped[str] = mapped_column(String(24), default="")
    coupon_id: Mapped[int | None] = mapped_column(ForeignKey("member_coupons.id"))
