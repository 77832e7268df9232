"""Reads and small writes the services need; every function takes the caller's session."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from db import chained_writes, programme_rows, stores
from db.models import (
    CardRow,
    MemberRow,
    MenuCategoryRow,
    MenuItemRow,
    SettingRow,
    TierRow,
)

_SETTINGS = "queries.settings"
_SETTINGS_QUERY = select(SettingRow.key, SettingRow.value)


def settings(session: Session) -> dict[str, str]:
    """Every setting by key, read once per transaction (a checkout prices with them and
    prints them on the receipt) until a write in it may have changed one."""
    cached: dict[str, str] | None = session.info.get(_SETTINGS)
    if cached is None:  # columns, not rows: a row kept in the session would not be read again
        rows = chained_writes.connection(session).execute(_SETTINGS_QUERY)
        cached = {key: value for key, value in rows}
        session.info[_SETTINGS] = cached
    return dict(cached)


def forget_settings(session: Session) -> None:
    """For a write to ``settings`` that bypasses the session."""
    session.info.pop(_SETTINGS, None)


@event.listens_for(Session, "after_flush")
def _forget_written_settings(session: Session, _context: Any) -> None:
    written = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(row, SettingRow) for row in written):
        session.info.pop(_SETTINGS, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_settings_on_bulk_write(state: ORMExecuteState) -> None:
    if state.is_select:
        return
    table = getattr(state.statement, "table", None)  # none on text(): it may touch them
    if getattr(table, "name", SettingRow.__tablename__) == SettingRow.__tablename__:
        state.session.info.pop(_SETTINGS, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_settings(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_SETTINGS, None)


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
