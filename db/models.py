"""SQLAlchemy 2.x typed models: the till's schema, portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = BigInteger  # minor units (fen); never Numeric, which SQLite binds through float


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SettingRow(Base):
    """Restaurant-wide settings shared by all tills (name, receipt footer, currency)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MenuCategoryRow(Base):
    __tablename__ = "menu_categories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class MenuItemRow(Base):
    __tablename__ = "menu_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("menu_categories.id"), index=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    price_fen: Mapped[int] = mapped_column(Money)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (CheckConstraint("price_fen >= 0", name="price_not_negative"),)


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


class MemberRow(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)
    birthday: Mapped[date | None] = mapped_column(Date, index=True)
    gender: Mapped[str] = mapped_column(String(8), default="", server_default="")
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    preferences: Mapped[str] = mapped_column(Text, default="")
    allergies: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    source_channel: Mapped[str] = mapped_column(String(32), default="till")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    segment: Mapped[str] = mapped_column(String(24), default="", server_default="")
    """The member's marketing segment (champions, at risk, ...) that offers can target."""
    ledger_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Bumped first in every transaction that moves a balance: it takes the member's row
    lock (PostgreSQL) or the write lock (SQLite), so two tills never spend one balance."""


class MemberSearchKeyRow(Base):
    """Name, pinyin-initials and pinyin keys, each searched by prefix through the primary key.

    ``kind`` is ``app.domain.name_keys.KeyKind``. Without a rowid in SQLite the whole
    lookup is one B-tree range scan.
    """

    __tablename__ = "member_search_keys"
    kind: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True, index=True)
    __table_args__ = ({"sqlite_with_rowid": False},)


class MemberMergeRow(Base):
    """One merge of two member records; ``detail`` lists every row that moved (JSON)."""

    __tablename__ = "member_merges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    absorbed_id: Mapped[int] = mapped_column(ForeignKey("members.id"), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    detail: Mapped[str] = mapped_column(Text)


class CardRow(Base):
    """A membership card; a lost card is blocked, never deleted."""

    __tablename__ = "cards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_no: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    issued_at: Mapped[datetime] = mapped_column(DateTime)


class StaffRow(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    badge_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    """A manager's staff card: swiping it approves like the PIN."""


class OrderRow(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    till_id: Mapped[str] = mapped_column(String(32))
    business_day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("tiers.id"))
    service_type: Mapped[str] = mapped_column(String(16))
    table_no: Mapped[str] = mapped_column(String(16), default="")
    party_size: Mapped[int] = mapped_column(Integer, default=1)
    subtotal_fen: Mapped[int] = mapped_column(Money)
    discount_fen: Mapped[int] = mapped_column(Money)
    total_fen: Mapped[int] = mapped_column(Money)
    offer_discount_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Part of ``discount_fen``: what offers and coupons took off (the rest is the tier's)."""
    points_earned: Mapped[int] = mapped_column(Integer, default=0)
    points_value_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    renewal_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    upgrade_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    top_up_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    due_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """total - points_value + renewal + upgrade + top_up: what the tenders paid."""
    qualifying_spend_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """What counts towards tier qualification and free renewal (the points earn base)."""
    refunded_spend_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Qualifying spend taken back by refunds of some of its lines."""
    status: Mapped[str] = mapped_column(String(16), default="paid")
    """``paid``, ``part_refunded`` (some lines refunded) or ``refunded``."""
    created_at: Mapped[datetime] = mapped_column(DateTime)
    lines: Mapped[list[OrderLineRow]] = relationship(
        cascade="all, delete-orphan", order_by="OrderLineRow.position"
    )
    payments: Mapped[list[PaymentRow]] = relationship(cascade="all, delete-orphan")
    __table_args__ = (
        UniqueConstraint("till_id", "business_day", "sequence", name="till_day_sequence"),
        CheckConstraint("total_fen = subtotal_fen - discount_fen", name="total_adds_up"),
    )


class OrderLineRow(Base):
    """An order line with the name and price as sold, so later menu edits change nothing."""

    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(ForeignKey("menu_items.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("menu_categories.id"))
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Money)
    gross_fen: Mapped[int] = mapped_column(Money)
    discount_fen: Mapped[int] = mapped_column(Money)
    offer_discount_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Part of ``discount_fen``: this line's share of the order's offers."""
    net_fen: Mapped[int] = mapped_column(Money)
    discount_bp: Mapped[int] = mapped_column(Integer)
    discount_rule: Mapped[str] = mapped_column(String(32))
    refunded_quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    __table_args__ = (
        CheckConstraint("net_fen = gross_fen - discount_fen", name="net_adds_up"),
        CheckConstraint(
            "refunded_quantity >= 0 AND refunded_quantity <= quantity", name="refund_within_sold"
        ),
    )


class PaymentRow(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    method: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(Money)
    tendered_fen: Mapped[int] = mapped_column(Money)
    change_fen: Mapped[int] = mapped_column(Money, default=0)
    reference: Mapped[str] = mapped_column(String(64), default="")


class RefundRow(Base):
    """A refund of some units of an order's lines, or of all that is left of it.

    ``completes_order_id`` is set (unique) on the refund that completes the order, so an
    order is completed once, also by two tills at once; ``order_lines.refunded_quantity``
    never exceeds the quantity sold.
    """

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    completes_order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), unique=True)
    till_id: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(24))
    """How money goes back to the guest (the order's cash or card payment)."""
    amount_fen: Mapped[int] = mapped_column(Money)
    spend_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Qualifying spend this refund takes back."""
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    lines: Mapped[list[RefundLineRow]] = relationship(cascade="all, delete-orphan")


class RefundLineRow(Base):
    __tablename__ = "refund_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    net_fen: Mapped[int] = mapped_column(Money)


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


class OrderOfferRow(Base):
    """An offer or coupon applied to a paid order, and what it took off."""

    __tablename__ = "order_offers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"))
    coupon_id: Mapped[int | None] = mapped_column(ForeignKey("member_coupons.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    amount_fen: Mapped[int] = mapped_column(Money)
    __table_args__ = (Index("ix_order_offers_member", "member_id", "offer_id"),)


class PublicHolidayRow(Base):
    """A day offers treat as a holiday (法定节假日), as the manager enters them."""

    __tablename__ = "public_holidays"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    till_id: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(48), index=True)
    subject: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class PrintJobRow(Base):
    """The print outbox: a slip waits here until a device has taken it.

    Created in the same transaction as the order it prints, so a receipt exists as soon
    as the sale does, whatever the printer is doing. ``document`` is the receipt as
    JSON (not bytes), so a job can be redirected to a printer of another width.
    """

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(32))
    printer_url: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    document: Mapped[str] = mapped_column(Text)
    open_drawer: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    fault: Mapped[str] = mapped_column(String(20), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (Index("ix_print_jobs_pending", "till_id", "status", "id"),)
