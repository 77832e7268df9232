"""A date kept in ``settings`` that records how far a daily job has got.

Claiming it writes the row first, which takes the write lock on SQLite and the row lock
on PostgreSQL, so the same job on several tills runs one after another and the second
finds the work done.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import SettingRow


def claim(session: Session, key: str) -> date | None:
    """Lock the watermark ``key`` and read it (``None``: the job never ran)."""
    _write(session, key, SettingRow.value)
    value = session.scalar(select(SettingRow.value).where(SettingRow.key == key))
    if value is None:
        session.add(SettingRow(key=key, value=""))
        session.flush()
        return None
    return date.fromisoformat(value) if value else None


def peek(session: Session, key: str) -> date | None:
    """Read the watermark ``key`` without locking it (``None``: the job never ran)."""
    value = session.scalar(select(SettingRow.value).where(SettingRow.key == key))
    return date.fromisoformat(value) if value else None


def advance(session: Session, key: str, day: date) -> None:
    _write(session, key, day.isoformat())


def claim_text(session: Session, key: str) -> str:
    """Lock the row ``key`` and read its text ("" when it is new)."""
    _write(session, key, SettingRow.value)
    value = session.scalar(select(SettingRow.value).where(SettingRow.key == key))
    if value is None:
        session.add(SettingRow(key=key, value=""))
        session.flush()
        return ""
    return value


def set_text(session: Session, key: str, value: str) -> None:
    if session.scalar(select(SettingRow.key).where(SettingRow.key == key)) is None:
        session.add(SettingRow(key=key, value=value))
        session.flush()
    else:
        _write(session, key, value)


def _write(session: Session, key: str, value: object) -> None:
    session.execute(
        update(SettingRow)
        .where(SettingRow.key == key)
        .values(value=value)
        .execution_options(synchronize_session=False)
    )


class SqlWatermarks:
    """The unit of work's watermarks (``app.unit_of_work.Watermarks``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, key: str) -> date | None:
        return claim(self._session, key)

    def peek(self, key: str) -> date | None:
        return peek(self._session, key)

    def advance(self, key: str, day: date) -> None:
        advance(self._session, key, day)

    def claim_text(self, key: str) -> str:
        return claim_text(self._session, key)

    def peek_text(self, key: str) -> str:
        value = self._session.scalar(select(SettingRow.value).where(SettingRow.key == key))
        return value or ""

    def set_text(self, key: str, value: str) -> None:
        set_text(self._session, key, value)
