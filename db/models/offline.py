"""Offline overdrafts: what a member owes after a replayed offline sale spent a balance
that another till had spent meanwhile (the sale stands; the shortfall is owed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Money


class OfflineOverdraftRow(Base):
    """One replayed sale's shortfall, written in the replay's transaction with the ledger
    entries that credited it; ``request_key`` is the sale's (one overdraft per sale)."""

    __tablename__ = "offline_overdrafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    stored_value_fen: Mapped[int] = mapped_column(Money)
    points: Mapped[int] = mapped_column(Money)
    till_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    settled_at: Mapped[datetime | None] = mapped_column(DateTime)
