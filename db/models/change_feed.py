"""The server's change feed: which member, or which shared table, changed at each step.

Written by triggers (migration 0016) on every table a till's local copy holds, so every
writer (the services, imports, the daily jobs, a SQL tool) is seen. Read by
``db/local_copy`` to bring a till's copy up to date (``docs/OFFLINE.md``).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class ChangeFeedRow(Base):
    """One change: ``member_id`` set for a member's own rows (the member, cards, search
    keys, ledger entries, coupons), else ``None`` and ``table_name`` names the shared
    table. ``xid`` is the writing transaction's id on PostgreSQL (``None`` on SQLite),
    so a reader can come back for what transactions still running had written."""

    __tablename__ = "change_feed"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    table_name: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[int | None] = mapped_column(Integer)
    xid: Mapped[int | None] = mapped_column(BigInteger)
    __table_args__ = (
        Index("ix_change_feed_xid", "xid", "member_id"),
        {"sqlite_autoincrement": True},
    )
