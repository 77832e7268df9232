"""Member-list filters saved by name: one name, one filter, for everyone; names are
unique whatever their case."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.member_filters import MemberFilter
from app.errors import TillError

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


def checked_name(name: str, taken: Iterable[str]) -> str:
    """``name`` without its outer spaces; ``SavedFilterRefused`` when it is blank, too
    long, or one of ``taken`` in any case."""
    cleaned = name.strip()
    if not cleaned:
        raise SavedFilterRefused(SavedFilterProblem.BLANK_NAME)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise SavedFilterRefused(SavedFilterProblem.NAME_TOO_LONG, cleaned[:20])
    if cleaned.casefold() in {existing.casefold() for existing in taken}:
        raise SavedFilterRefused(SavedFilterProblem.DUPLICATE_NAME, cleaned)
    return cleaned
