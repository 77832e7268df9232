"""Members, their search keys, cards and merges."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from db.models.base import Base, Money


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
    joined_on: Mapped[date] = mapped_column(Date, index=True)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    preferences: Mapped[str] = mapped_column(Text, default="")
    allergies: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    source_channel: Mapped[str] = mapped_column(String(32), default="till")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    segment: Mapped[str] = mapped_column(String(24), default="", server_default="", index=True)
    """The member's marketing segment (champions, at risk, ...) that offers can target."""
    birth_month: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    """The birthday's month, kept with it so "birthday this month" uses an index."""
    last_visit_on: Mapped[date | None] = mapped_column(Date, index=True)
    visits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    spend_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0", index=True)
    """Visits (paid orders not wholly refunded) and what they paid for food, net of
    refunds: kept by checkout and refunds in their own transactions, for list filters."""
    value_fen: Mapped[int | None] = mapped_column(Money, index=True)
    """The member's lifetime value estimate (``app.domain.member_value``) for the list's
    sort: worked out by the daily job and at each visit (migration 0020); ``None`` when
    not valued (not yet, or the member declined automated decisions)."""
    enrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    joined_store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"), index=True)
    """The store whose till enrolled the member (migration 0018); ``None``: the first
    store's, as every row written before stores existed or in bulk (demo, imports)."""
    consent_third_party: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    consent_automated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    consent_sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """With ``marketing_consent``: what the member agreed to (direct marketing, disclosure
    to third parties, automated decisions such as segments, sensitive data such as
    allergies)."""
    consent_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)
    """Set when the member asked to be forgotten: the profile is pseudonymised, the
    financial records stay for the accounts."""
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


@event.listens_for(MemberRow, "before_insert")
@event.listens_for(MemberRow, "before_update")
def _keep_birth_month(_mapper: object, _connection: object, member: MemberRow) -> None:
    member.birth_month = member.birthday.month if member.birthday else None
