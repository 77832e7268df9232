"""Member-list filters saved by name, kept through the unit of work; the names' rules are
``app.domain.saved_filters`` (one name, one filter, for everyone)."""

from __future__ import annotations

from datetime import datetime

from app.domain.member_filters import MemberFilter
from app.domain.saved_filters import (
    MAX_NAME_LENGTH,
    SavedFilter,
    SavedFilterProblem,
    SavedFilterRefused,
    checked_name,
)
from app.unit_of_work import UnitOfWork

__all__ = [
    "MAX_NAME_LENGTH",
    "SavedFilter",
    "SavedFilterProblem",
    "SavedFilterRefused",
    "delete",
    "listed",
    "save",
]


def listed(uow: UnitOfWork) -> list[SavedFilter]:
    """Every saved filter by name (one this till cannot read is left out)."""
    return uow.saved_filters.listed()


def save(
    uow: UnitOfWork, name: str, member_filter: MemberFilter, staff_id: int, at: datetime
) -> SavedFilter:
    """Add a filter under ``name`` (outer spaces dropped; unique whatever the case)."""
    cleaned = checked_name(name, uow.saved_filters.names())
    return uow.saved_filters.add(cleaned, member_filter, staff_id, at)


def delete(uow: UnitOfWork, filter_id: int) -> str:
    """Remove a saved filter; returns its name."""
    name = uow.saved_filters.delete(filter_id)
    if name is None:
        raise SavedFilterRefused(SavedFilterProblem.NOT_FOUND, str(filter_id))
    return name
