"""Paid orders: lines, payments, refunds, the offers and manual discounts they used."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Money


class OrderRow(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    till_id: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"), index=True)
    """The till's store when the order was paid (``db/store_stamps.py``)."""
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
    manual_discount_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Part of ``discount_fen``: what approved manual discounts took off."""
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
    manual_discount_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Part of ``discount_fen``: this line's share of the manual discounts."""
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
    till_id: Mapped[str | None] = mapped_column(String(32))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    """The order's till and store (``db/store_stamps.py``)."""
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
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(24))
    """How money goes back to the guest (the order's cash or card payment)."""
    amount_fen: Mapped[int] = mapped_column(Money)
    spend_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """Qualifying spend this refund takes back."""
    renewal_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    upgrade_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    top_up_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """The renewal fee, upgrade fee and top-up this refund gave back (each at most once)."""
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    lines: Mapped[list[RefundLineRow]] = relationship(cascade="all, delete-orphan")


class RefundLineRow(Base):
    __tablename__ = "refund_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    net_fen: Mapped[int] = mapped_column(Money)


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


class ManualDiscountGrantRow(Base):
    """A manual discount approved at a till, used once: by the order in ``order_id``."""

    __tablename__ = "manual_discount_grants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    till_id: Mapped[str] = mapped_column(String(32))
    requester_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("menu_items.id"))
    reason_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    limit_fen: Mapped[int] = mapped_column(Money)
    """The amount approved: the discount never takes more."""
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    """What it took off the order that used it."""
    __table_args__ = (
        CheckConstraint("amount_fen >= 0 AND amount_fen <= limit_fen", name="within_limit"),
    )
