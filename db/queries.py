"""Reads and small writes the services need; every function takes the caller's session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import programme_rows, stores
from db.models import (
    CardRow,
    MemberRow,
    MenuCategoryRow,
    MenuItemRow,
    SettingRow,
    TierRow,
)


def settings(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(SettingRow))}


def categories(session: Session) -> Sequence[MenuCategoryRow]:
    return session.scalars(select(MenuCategoryRow).order_by(MenuCategoryRow.sort_order)).all()


def active_items(session: Session) -> Sequence[MenuItemRow]:
    query = (
        select(MenuItemRow)
        .where(MenuItemRow.active.is_(True))
        .order_by(MenuItemRow.category_id, MenuItemRow.sort_order, MenuItemRow.id)
    )
    return session.scalars(query).all()


def tiers(session: Session) -> Sequence[TierRow]:
    return programme_rows.tier_rows(session)


def member_by_id(session: Session, member_id: int) -> MemberRow | None:
    return session.get(MemberRow, member_id)


def member_by_phone(session: Session, phone: str) -> MemberRow | None:
    return session.scalar(select(MemberRow).where(MemberRow.phone == phone))


def card_by_number(session: Session, card_no: str) -> CardRow | None:
    return session.scalar(select(CardRow).where(CardRow.card_no == card_no))


class SqlRestaurant:
    def __init__(self, session: Session) -> None:
        self._session = session

    def settings(self) -> dict[str, str]:
        """Every setting (restaurant name, receipt header, loyalty rules ...) by key."""
        return settings(self._session)

    def set_setting(self, key: str, value: str) -> None:
        self._session.merge(SettingRow(key=key, value=value))

    def name_default_store(self, name: str, address: str) -> str | None:
        return stores.name_default_store(self._session, name, address)
