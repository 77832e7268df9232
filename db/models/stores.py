"""Stores (restaurants of a chain) and the tills registered to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class StoreRow(Base):
    """A restaurant of the chain. ``receipt_header`` and ``cutoff_hour`` left ``None``
    follow the restaurant profile's (the settings), as a single restaurant always has."""

    __tablename__ = "stores"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    receipt_header: Mapped[str | None] = mapped_column(Text)
    cutoff_hour: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(64), default="", server_default="")
    """A label for chain views later (region or city); empty: none."""
    created_at: Mapped[datetime] = mapped_column(DateTime)


class TillRow(Base):
    """A till id the database has given out or checked: one machine (data folder) each.

    ``token`` is the random registration token kept in that machine's data folder;
    ``None``: no machine holds the id (registered by the migration from old orders, or
    released), so the next till that asks for it takes it.
    """

    __tablename__ = "tills"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(32), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    token: Mapped[str | None] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)


class OfferStoreExclusionRow(Base):
    """An offer that does not run in a store (offers run chain-wide unless excluded)."""

    __tablename__ = "offer_store_exclusions"
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
