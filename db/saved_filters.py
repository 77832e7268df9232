"""Saved member-list filters (``saved_filters``), the filter kept as its JSON (``spec``)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.member_filters import InvalidFilter, MemberFilter, from_json, to_json
from app.domain.saved_filters import SavedFilter
from db.models import SavedFilterRow

log = logging.getLogger(__name__)


class SqlSavedFilters:
    def __init__(self, session: Session) -> None:
        self._session = session

    def listed(self) -> list[SavedFilter]:
        """Every saved filter by name; one this till cannot read (a newer version's) is
        left out with a warning rather than breaking the list."""
        found: list[SavedFilter] = []
        rows = self._session.scalars(select(SavedFilterRow).order_by(SavedFilterRow.name))
        for row in rows:
            try:
                member_filter = from_json(row.spec)
            except InvalidFilter as exc:
                log.warning("saved filter %r cannot be read: %s", row.name, exc)
                continue
            found.append(SavedFilter(row.id, row.name, member_filter, row.created_at))
        return found

    def names(self) -> list[str]:
        return list(self._session.scalars(select(SavedFilterRow.name)))

    def add(
        self, name: str, member_filter: MemberFilter, staff_id: int, at: datetime
    ) -> SavedFilter:
        row = SavedFilterRow(
            name=name, spec=to_json(member_filter), created_by=staff_id, created_at=at
        )
        self._session.add(row)
        self._session.flush()  # a name taken by another till meanwhile fails here (unique index)
        return SavedFilter(row.id, row.name, member_filter, at)

    def delete(self, filter_id: int) -> str | None:
        """Remove a saved filter; its name, or ``None`` if there is none by that id."""
        row = self._session.get(SavedFilterRow, filter_id)
        if row is None:
            return None
        self._session.delete(row)
        self._session.flush()  # gone for the rest of the unit too
        return row.name
