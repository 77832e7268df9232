"""Keys made on a till before it sends a checkout, refund or adjustment: each commits once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class RequestKeyRow(Base):
    """A request committed under a till's key, written in the same transaction as its
    effects; the primary key is the unique constraint that keeps a retry from committing
    it twice. ``outcome`` (JSON) is what a retry with the same key gets back."""

    __tablename__ = "request_keys"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    fingerprint: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    """Keys older than ``db.request_keys.KEEP_DAYS`` are pruned by the daily work."""
    outcome: Mapped[str] = mapped_column(Text)
