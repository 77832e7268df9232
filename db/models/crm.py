"""What the floor manager keeps about members beyond sales: complaints, feedback,
no-shows, contacts, profile edits, and saved list filters."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Money


class ComplaintRow(Base):
    """A complaint followed through to a resolution promised by a date."""

    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    opened_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    category: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    promised_on: Mapped[date | None] = mapped_column(Date)
    compensation_fen: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    compensation_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    """``open`` or ``resolved``; an open complaint past ``promised_on`` is overdue."""
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        Index("ix_complaints_status_promised", "status", "promised_on"),
        CheckConstraint("compensation_fen >= 0", name="compensation_not_negative"),
    )


class FeedbackRow(Base):
    """A guest's satisfaction with a visit: 1 (poor) to 5 (excellent), and a comment."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score_1_to_5"),)


class NoShowRow(Base):
    """A booking the member did not keep: ``kind`` is ``no_show`` or ``cancellation``."""

    __tablename__ = "no_shows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    booked_for: Mapped[datetime] = mapped_column(DateTime)
    party_size: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class ContactRow(Base):
    """Staff contacted the member (a renewal call, a win-back message) and what came of it."""

    __tablename__ = "member_contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    channel: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class MemberChangeRow(Base):
    """One edited field of a member's profile, before and after: the edit history."""

    __tablename__ = "member_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str] = mapped_column(Text, default="", server_default="")
    new_value: Mapped[str] = mapped_column(Text, default="", server_default="")


class SavedFilterRow(Base):
    """A member-list filter a manager saved by name; ``spec`` is its JSON."""

    __tablename__ = "saved_filters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    spec: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
