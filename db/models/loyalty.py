"""The loyalty programme: tiers, ledgers, renewals, offers, coupons and holidays."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Money

if TYPE_CHECKING:
    from db.models.stores import OfferStoreExclusionRow


class TierRow(Base):
    __tablename__ = "tiers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    discount_bp: Mapped[int] = mapped_column(Integer)
    points_multiplier_bp: Mapped[int] = mapped_column(Integer, default=10_000)
    annual_fee_fen: Mapped[int] = mapped_column(Money, default=0)
    qualify_spend_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Spend within the qualification window that earns and keeps this tier."""
    birthday_benefit_zh: Mapped[str] = mapped_column(Text, default="", server_default="")
    birthday_benefit_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    excluded: Mapped[list[TierExcludedCategoryRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    __table_args__ = (
        CheckConstraint("discount_bp >= 0 AND discount_bp <= 10000", name="discount_range"),
    )


class TierExcludedCategoryRow(Base):
    """A menu category on which a tier gives no discount (drinks, set menus, ...)."""

    __tablename__ = "tier_excluded_categories"
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("menu_categories.id"), primary_key=True)


class PointsLedgerRow(Base):
    """Append-only: a member's points balance is the sum of ``delta``.

    A refund writes the negation of each entry of the order, naming it in
    ``reverses_id`` (unique: an entry is reversed at most once).
    """

    __tablename__ = "points_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("points_ledger.id"), unique=True)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))
    written_member_id: Mapped[int | None] = mapped_column(Integer)
    """The member the entry was written for (no foreign key: a merge moves ``member_id``
    only); hash-chained with the entry's amounts in ``chain_hash``."""
    chain_hash: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (Index("ix_points_ledger_member", "member_id", "id"),)


class StoredValueLedgerRow(Base):
    """Append-only: stored value (储值) is the sum of principal and bonus deltas."""

    __tablename__ = "stored_value_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    principal_delta_fen: Mapped[int] = mapped_column(Money)
    bonus_delta_fen: Mapped[int] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_value_ledger.id"), unique=True
    )
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))
    written_member_id: Mapped[int | None] = mapped_column(Integer)
    """The member the entry was written for (no foreign key: a merge moves ``member_id``
    only); hash-chained with the entry's amounts in ``chain_hash``."""
    chain_hash: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (Index("ix_stored_value_ledger_member", "member_id", "id"),)


class MembershipRenewalRow(Base):
    """A renewal sold on an order: the expiry before and after, for an exact reversal."""

    __tablename__ = "membership_renewals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    offer_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    fee_fen: Mapped[int] = mapped_column(Money)
    old_expiry: Mapped[date | None] = mapped_column(Date)
    new_expiry: Mapped[date] = mapped_column(Date)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))


class TierChangeRow(Base):
    """Every change of a member's tier: qualification, anniversary, override, refund."""

    __tablename__ = "tier_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    from_tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"))
    to_tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"))
    reason: Mapped[str] = mapped_column(String(24))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))


class RenewalOfferRow(Base):
    """A renewal offer as data (``app.domain.renewal``); ``kind`` is ``OfferKind``."""

    __tablename__ = "renewal_offers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    fee_fen: Mapped[int] = mapped_column(Money, default=0)
    window_days: Mapped[int] = mapped_column(Integer, default=0)
    min_spend_fen: Mapped[int] = mapped_column(Money, default=0)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (CheckConstraint("fee_fen >= 0", name="fee_not_negative"),)


class TopUpRuleRow(Base):
    """ "Top up at least ``minimum_fen``, get ``bonus_fen``": the best rule reached applies."""

    __tablename__ = "top_up_rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minimum_fen: Mapped[int] = mapped_column(Money, unique=True)
    bonus_fen: Mapped[int] = mapped_column(Money)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (CheckConstraint("bonus_fen >= 0", name="bonus_not_negative"),)


class OfferRow(Base):
    """A targeted offer as data (``app.domain.offers``); empty sets mean "any"."""

    __tablename__ = "offers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[int] = mapped_column(BigInteger)
    """Basis points for ``percent_off``, minor units for ``amount_off``."""
    priority: Mapped[int] = mapped_column(Integer, default=0)
    coupon_only: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    weekdays: Mapped[str] = mapped_column(String(16), default="")
    """Digits 0 (Monday) to 6, e.g. ``"01234"`` for Monday to Friday."""
    holidays: Mapped[str] = mapped_column(String(16), default="any_day")
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    min_party_size: Mapped[int] = mapped_column(Integer, default=1)
    service_types: Mapped[str] = mapped_column(String(32), default="")
    """Comma-separated ``ServiceType`` values."""
    members_only: Mapped[bool] = mapped_column(Boolean, default=True)
    segments: Mapped[str] = mapped_column(String(200), default="")
    """Comma-separated segment names."""
    uses_per_member: Mapped[int | None] = mapped_column(Integer)
    min_spend_fen: Mapped[int] = mapped_column(Money, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    categories: Mapped[list[OfferCategoryRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    items: Mapped[list[OfferItemRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    tiers: Mapped[list[OfferTierRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    excluded_stores: Mapped[list[OfferStoreExclusionRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    """The stores it does not run in (``db/models/stores.py``)."""
    __table_args__ = (CheckConstraint("value >= 0", name="value_not_negative"),)


class OfferCategoryRow(Base):
    __tablename__ = "offer_categories"
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("menu_categories.id"), primary_key=True)


class OfferItemRow(Base):
    __tablename__ = "offer_items"
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("menu_items.id"), primary_key=True)


class OfferTierRow(Base):
    __tablename__ = "offer_tiers"
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), primary_key=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"), primary_key=True)


class MemberCouponRow(Base):
    """A personal e-coupon: one use of an offer by one member before ``expires_on``.

    ``used_order_id`` is set by the checkout that uses it and cleared by that order's
    refund; the audit log keeps both.
    """

    __tablename__ = "member_coupons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    expires_on: Mapped[date] = mapped_column(Date)
    used_order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (Index("ix_member_coupons_member", "member_id", "expires_on"),)


class PublicHolidayRow(Base):
    """A day offers treat as a holiday (法定节假日), as the manager enters them."""

    __tablename__ = "public_holidays"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
