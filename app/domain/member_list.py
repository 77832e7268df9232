"""The member list as storage reads it: a resolved filter (``Criteria``), the sort, the
plan, and the rows and positions that come back (``db.member_list`` runs them as SQL)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple


@dataclass(frozen=True)
class TextMatch:
    """Members the till's search finds for a text, as conditions (any of them matches)."""

    member_ids: tuple[int, ...] = ()
    phone_last4: str | None = None
    phone_prefix: str | None = None
    key_prefixes: tuple[tuple[int, str], ...] = ()
    """(``member_search_keys.kind``, prefix) pairs."""


@dataclass(frozen=True)
class Criteria:
    """A resolved filter: ids, days and amounts, nothing left to interpret.

    Merged-away members never match; erased members only with ``include_erased``.
    """

    tier_ids: tuple[int, ...] | None = None
    expires_low: date | None = None
    expires_high: date | None = None
    expires_never: bool = True
    """Whether members whose membership never ends (``expires_on`` NULL) match."""
    segments: tuple[str, ...] | None = None
    last_visit_before: date | None = None
    last_visit_after: date | None = None
    min_spend: int | None = None
    max_spend: int | None = None
    birth_month: int | None = None
    marketing_only: bool = False
    include_erased: bool = False
    text: TextMatch | None = None
    store_ids: tuple[int, ...] | None = None
    """Members who joined at these stores (``None``: any store)."""
    unplaced_too: bool = False
    """With ``store_ids``: also members with no store, who are the first store's."""
    member_ids: tuple[int, ...] | None = None
    """A selection: only these members (still subject to everything above)."""
    nothing: bool = False
    """Matches nobody (an empty status window, a text nobody answers to)."""


@dataclass(frozen=True)
class Sort:
    column: str
    """``member_no``, ``tier``, ``joined_on``, ``expires_on``, ``last_visit_on``, ``spend``
    or ``value``."""
    descending: bool = False
    tier_order: tuple[int, ...] = ()
    """Tier ids by rank, lowest first: the buckets of the ``tier`` sort."""


class Plan(enum.Enum):
    """How the database walks a list: see ``db.member_list``."""

    WALK_SORT = "walk_sort"
    FILTER_FIRST = "filter_first"


def plan_for(exact: bool) -> Plan:
    """``FILTER_FIRST`` when a capped count found all the matches, else ``WALK_SORT``."""
    return Plan.FILTER_FIRST if exact else Plan.WALK_SORT


class Position(NamedTuple):
    bucket: int
    key: Any
    member_id: int


class ListRow(NamedTuple):
    member_id: int
    member_no: str
    name: str
    phone: str
    tier_id: int
    segment: str
    joined_on: date
    expires_on: date | None
    last_visit_on: date | None
    visits: int
    spend_fen: int
    marketing_consent: bool
    birthday: date | None
    erased_at: datetime | None
    value_fen: int | None = None
    """The stored lifetime value estimate (``None``: not valued)."""


class PageRow(NamedTuple):
    row: ListRow
    position: Position


@dataclass(frozen=True)
class TierName:
    code: str
    rank: int
    name_zh: str
    name_en: str
