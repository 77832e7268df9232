"""Members' search keys in SQL: written with a name, rebuilt for a new key version."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.orm import Session

from app.domain.name_keys import KEYS_VERSION, name_keys
from db.models import MemberRow, MemberSearchKeyRow, SettingRow

log = logging.getLogger(__name__)

VERSION_SETTING = "search_keys_version"
BATCH = 20_000


def key_rows(member_id: int, name: str) -> list[dict[str, object]]:
    return [
        {"kind": int(kind), "key": key, "member_id": member_id}
        for kind, key in sorted(name_keys(name))
    ]


def write_member_keys(session: Session, member_id: int, name: str) -> None:
    """Replace one member's keys, in the caller's transaction (enrolment, renaming)."""
    session.execute(delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id == member_id))
    rows = key_rows(member_id, name)
    if rows:
        session.execute(insert(MemberSearchKeyRow), rows)


def ensure_search_keys(engine: Engine) -> bool:
    """Rebuild every member's keys when they were built by another version (or never).

    Returns whether it rebuilt. Runs at start-up: a million members take about a minute.
    """
    with engine.begin() as connection:
        current = connection.scalar(
            select(SettingRow.value).where(SettingRow.key == VERSION_SETTING)
        )
        if current == KEYS_VERSION:
            return False
        log.info("building member search keys (version %s)", KEYS_VERSION)
        connection.execute(delete(MemberSearchKeyRow))
        members = connection.execute(
            select(MemberRow.id, MemberRow.name).where(
                MemberRow.merged_into_id.is_(None), MemberRow.erased_at.is_(None)
            )
        ).all()
        insert_keys(connection, ((row.id, row.name) for row in members))
        mark_keys_current(connection, current is None)
    return True


def insert_keys(connection: Connection, members: Iterable[tuple[int, str]]) -> None:
    batch: list[dict[str, object]] = []
    for member_id, name in members:
        batch.extend(key_rows(member_id, name))
        if len(batch) >= BATCH:
            connection.execute(insert(MemberSearchKeyRow), batch)
            batch.clear()
    if batch:
        connection.execute(insert(MemberSearchKeyRow), batch)


def mark_keys_current(connection: Connection, new: bool) -> None:
    if new:
        connection.execute(insert(SettingRow), {"key": VERSION_SETTING, "value": KEYS_VERSION})
    else:
        connection.execute(
            update(SettingRow).where(SettingRow.key == VERSION_SETTING).values(value=KEYS_VERSION)
        )
