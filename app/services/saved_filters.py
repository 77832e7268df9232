"""Member-list filters saved by name (``saved_filters``): one name, one filter, for everyone."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.member_filters import InvalidFilter, MemberFilter, from_json, to_json
from app.errors import TillError
from db.models import SavedFilterRow

log = logging.getLogger(__name__)

MAX_NAME_LENGTH = 64


class SavedFilterProblem(enum.Enum):
    BLANK_NAME = "a saved filter needs a name"
    NAME_TOO_LONG = "a saved filter's name has at most 64 characters"
    DUPLICATE_NAME = "a saved filter with this name exists"
    NOT_FOUND = "no such saved filter"


class SavedFilterRefused(TillError):
    def __init__(self, problem: SavedFilterProblem, name: str = "") -> None:
        super().__init__(f"{problem.value}: {name}" if name else problem.value)
        self.problem = problem


@dataclass(frozen=True)
class SavedFilter:
    filter_id: int
    name: str
    filter: MemberFilter
    created_at: datetime


def listed(session: Session) -> list[SavedFilter]:
    """Every saved filter by name; one this till cannot read (a newer version's) is
    left out with a warning rather than breaking the list."""
    found: list[SavedFilter] = []
    rows = session.scalars(select(SavedFilterRow).order_by(SavedFilterRow.name))
    for row in rows:
        try:
            member_filter = from_json(row.spec)
        except InvalidFilter as exc:
            log.warning("saved filter %r cannot be read: %s", row.name, exc)
            continue
        found.append(SavedFilter(row.id, row.name, member_filter, row.created_at))
    return found


def save(
    session: Session, name: str, member_filter: MemberFilter, staff_id: int, at: datetime
) -> SavedFilter:
    """Add a filter under ``name`` (outer spaces dropped; unique whatever the case)."""
    cleaned = name.strip()
    if not cleaned:
        raise SavedFilterRefused(SavedFilterProblem.BLANK_NAME)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise SavedFilterRefused(SavedFilterProblem.NAME_TOO_LONG, cleaned[:20])
    taken = {existing.casefold() for existing in session.scalars(select(SavedFilterRow.name))}
    if cleaned.casefold() in taken:
        raise SavedFilterRefused(SavedFilterProblem.DUPLICATE_NAME, cleaned)
    row = SavedFilterRow(
        name=cleaned, spec=to_json(member_filter), created_by=staff_id, created_at=at
    )
    session.add(row)
    session.flush()  # a name taken by another till meanwhile fails here (unique index)
    return SavedFilter(row.id, row.name, member_filter, at)


def delete(session: Session, filter_id: int) -> str:
    """Remove a saved filter; returns its name."""
    row = session.get(SavedFilterRow, filter_id)
    if row is None:
        raise SavedFilterRefused(SavedFilterProblem.NOT_FOUND, str(filter_id))
    session.delete(row)
    return row.name
