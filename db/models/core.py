"""The restaurant and the till: settings, menu, staff, the audit log and the print outbox."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Money


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
    allergens: Mapped[str] = mapped_column(String(200), default="")
    """Allergen codes joined by ``;`` (``app.domain.menu.allergen_codes``)."""
    allergen_note: Mapped[str] = mapped_column(String(200), default="")
    sold_out_on: Mapped[date | None] = mapped_column(Date)
    """The day it is sold out; any other day it is on sale again."""
    __table_args__ = (CheckConstraint("price_fen >= 0", name="price_not_negative"),)


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
    badge_hash: Mapped[str | None] = mapped_column(String(200), unique=True)
    """A manager's staff card, hashed (``hash_badge``): swiping it approves like the PIN."""
    badge_last4: Mapped[str | None] = mapped_column(String(4))
    must_change_pin: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    till_id: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    """The till's store (``db/store_stamps.py``); not hashed: the till is."""
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(48), index=True)
    subject: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    chain_hash: Mapped[str | None] = mapped_column(String(64))
    """``app.domain.hash_chain.link`` of the till's previous event and this one."""


class ChainHeadRow(Base):
    """The end of one hash chain (``db/hash_chains.py``): its length and last hash.

    Appending takes this row's lock first, so a stream's rows get their ids in chain order.
    """

    __tablename__ = "chain_heads"
    stream: Mapped[str] = mapped_column(String(48), primary_key=True)
    length: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class PrintJobRow(Base):
    """The print outbox: a slip waits here until a device has taken it.

    Created in the same transaction as the order it prints, so a receipt exists as soon
    as the sale does, whatever the printer is doing. ``document`` is the receipt as
    JSON (not bytes), so a job can be redirected to a printer of another width.
    """

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
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
