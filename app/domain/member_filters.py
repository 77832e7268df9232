"""The floor manager's member-list filter: what it can say, its rules, and its JSON.

A ``MemberFilter`` is a value: tiers (by code), membership status, segments, last
visit, spend, birthday this month, marketing consent, free text as typed at the till,
and the sort. ``validate`` refuses what cannot mean anything (an empty spend range, a
negative amount, text the till's search cannot read); ``to_json``/``from_json`` keep
it in ``saved_filters.spec`` with a ``version`` field.

Status, for a membership ending ``expires_on`` (``None``: never ends), on ``today``:

- active: ``expires_on`` is ``None`` or ``today <= expires_on``;
- expiring within N days: ``today <= expires_on <= today + N``;
- in grace: expired within the grace renewal offer's window of G days
  (``today - G <= expires_on < today``), as ``app.domain.renewal`` offers it;
- lapsed: expired longer ago (``expires_on < today - G``): the win-back offer's members.

Last visit bounds are strict (``before``: earlier than the day; ``after``: later than the
day); a member who never visited matches neither. Spend bounds are inclusive, in minor
units, what the member paid for food net of refunds.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from app.domain.member_search import plan_lookups
from app.domain.money import parse_money
from app.domain.phone import clean_lookup_text
from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.store_scope import CHAIN, StoreScope

SPEC_VERSION = 1
DEFAULT_EXPIRING_DAYS = 90
MAX_EXPIRING_DAYS = 3660
MAX_CODE_LENGTH = 24
MAX_TEXT_LENGTH = 64


class Status(enum.Enum):
    ANY = "any"
    ACTIVE = "active"
    EXPIRING = "expiring"
    IN_GRACE = "in_grace"
    LAPSED = "lapsed"


class SortKey(enum.Enum):
    """What the list sorts by: columns with an index of their own, so a page of a
    million members is an index range read (tier: by rank, then member id)."""

    MEMBER_NO = "member_no"
    TIER = "tier"
    JOINED_ON = "joined_on"
    EXPIRES_ON = "expires_on"
    LAST_VISIT = "last_visit_on"
    SPEND = "spend"
    VALUE = "value"
    """The member's lifetime value estimate as stored (``members.value_fen``)."""


class FilterProblem(enum.Enum):
    EXPIRING_DAYS = "the days for 'expiring within' must be 0 to 3660"
    VISIT_RANGE_EMPTY = "no day is both after the first and before the second last-visit date"
    SPEND_NEGATIVE = "a spend bound cannot be negative"
    SPEND_RANGE_EMPTY = "the lowest spend is above the highest"
    SPEND_UNREADABLE = "a spend bound is not an amount"
    TEXT_UNREADABLE = "the search text is neither a phone, a member number nor a name"
    BAD_CODE = "a tier or segment code is empty or too long"
    BAD_SPEC = "the saved filter cannot be read"
    NEWER_SPEC = "the saved filter was written by a newer version of the till"


class InvalidFilter(ValueError):
    """A filter that cannot be applied; ``problem`` says which rule, ``str()`` details it."""

    def __init__(self, problem: FilterProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem


@dataclass(frozen=True)
class MemberFilter:
    """Which members the list shows and in what order; empty sets and ``None`` mean any."""

    tiers: frozenset[str] = frozenset()
    """Tier codes (``GOLD``)."""
    status: Status = Status.ANY
    expiring_days: int = DEFAULT_EXPIRING_DAYS
    """Only with ``Status.EXPIRING``."""
    segments: frozenset[str] = frozenset()
    last_visit_before: date | None = None
    last_visit_after: date | None = None
    min_spend: int | None = None
    max_spend: int | None = None
    birthday_this_month: bool = False
    marketing_only: bool = False
    text: str = ""
    sort: SortKey = SortKey.MEMBER_NO
    descending: bool = False
    include_erased: bool = False
    """Erased members are pseudonymised; they are left out unless asked for."""
    scope: StoreScope = CHAIN
    """The stores whose members are listed: those who joined there (members are shared
    across the chain; the store that signed a member up is the one that keeps them).
    Not part of a saved filter: the Members tab's scope picker sets it."""

    def sorted_by(self, key: SortKey, descending: bool = False) -> MemberFilter:
        return replace(self, sort=key, descending=descending)


def validate(member_filter: MemberFilter) -> MemberFilter:
    """The filter as applied (text cleaned as the till cleans it); raises ``InvalidFilter``."""
    f = member_filter
    if not 0 <= f.expiring_days <= MAX_EXPIRING_DAYS:
        raise InvalidFilter(FilterProblem.EXPIRING_DAYS, str(f.expiring_days))
    for code in (*f.tiers, *f.segments):
        if not code.strip() or len(code) > MAX_CODE_LENGTH:
            raise InvalidFilter(FilterProblem.BAD_CODE, repr(code))
    before, after = f.last_visit_before, f.last_visit_after
    if before is not None and after is not None and after + timedelta(days=1) >= before:
        raise InvalidFilter(FilterProblem.VISIT_RANGE_EMPTY)
    for bound in (f.min_spend, f.max_spend):
        if bound is not None and bound < 0:
            raise InvalidFilter(FilterProblem.SPEND_NEGATIVE)
    if f.min_spend is not None and f.max_spend is not None and f.min_spend > f.max_spend:
        raise InvalidFilter(FilterProblem.SPEND_RANGE_EMPTY)
    text = clean_lookup_text(f.text, MAX_TEXT_LENGTH)
    if text and not plan_lookups(text):
        raise InvalidFilter(FilterProblem.TEXT_UNREADABLE, repr(text))
    return replace(f, text=text)


def parse_spend(text: str) -> int | None:
    """A spend bound typed as money at the till (``1,200``, ``¥99.5``); blank means none."""
    if not text.strip():
        return None
    try:
        amount = parse_money(text)
    except ValueError as exc:
        raise InvalidFilter(FilterProblem.SPEND_UNREADABLE, str(exc)) from exc
    if amount < 0:
        raise InvalidFilter(FilterProblem.SPEND_NEGATIVE)
    return amount


@dataclass(frozen=True)
class ExpiryRange:
    """The ``expires_on`` days a status allows (inclusive); ``never``: no expiry allowed."""

    low: date | None = None
    high: date | None = None
    never: bool = False

    @property
    def empty(self) -> bool:
        return self.low is not None and self.high is not None and self.low > self.high

    @property
    def unbounded(self) -> bool:
        return self.low is None and self.high is None and self.never


def expiry_range(f: MemberFilter, today: date, grace_days: int) -> ExpiryRange:
    """Where ``expires_on`` must lie for ``f.status`` on ``today`` (module docstring)."""
    if f.status is Status.ACTIVE:
        return ExpiryRange(low=today, never=True)
    if f.status is Status.EXPIRING:
        return ExpiryRange(low=today, high=today + timedelta(days=f.expiring_days))
    if f.status is Status.IN_GRACE:
        return ExpiryRange(low=today - timedelta(days=grace_days), high=today - timedelta(days=1))
    if f.status is Status.LAPSED:
        return ExpiryRange(high=today - timedelta(days=grace_days + 1))
    return ExpiryRange(never=True)


def grace_days(offers: Iterable[RenewalOffer], today: date) -> int:
    """Days after expiry in which the grace renewal is offered (0: no grace offer today);
    beyond them the win-back offer applies, as in ``app.domain.renewal``."""
    return max(
        (o.window_days for o in offers if o.kind is OfferKind.GRACE and o.valid_on(today)),
        default=0,
    )


def status_of(expires_on: date | None, today: date, grace: int) -> Status:
    """The status one membership has on ``today``: active, in grace or lapsed."""
    if expires_on is None or today <= expires_on:
        return Status.ACTIVE
    if (today - expires_on).days <= grace:
        return Status.IN_GRACE
    return Status.LAPSED


_DATES = ("last_visit_before", "last_visit_after")
_AMOUNTS = ("min_spend", "max_spend")
_FLAGS = ("birthday_this_month", "marketing_only", "descending", "include_erased")
_KEYS = {"version", "tiers", "status", "expiring_days", "segments", "text", "sort"}
_KEYS |= {*_DATES, *_AMOUNTS, *_FLAGS}


def to_json(f: MemberFilter) -> str:
    """The filter as a saved-filter spec: stable key order, sorted codes, ISO dates."""
    spec: dict[str, Any] = {
        "version": SPEC_VERSION,
        "tiers": sorted(f.tiers),
        "status": f.status.value,
        "expiring_days": f.expiring_days,
        "segments": sorted(f.segments),
        "last_visit_before": _iso(f.last_visit_before),
        "last_visit_after": _iso(f.last_visit_after),
        "min_spend": f.min_spend,
        "max_spend": f.max_spend,
        "birthday_this_month": f.birthday_this_month,
        "marketing_only": f.marketing_only,
        "text": f.text,
        "sort": f.sort.value,
        "descending": f.descending,
        "include_erased": f.include_erased,
    }
    return json.dumps(spec, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> MemberFilter:
    """A saved spec back as a validated filter; raises ``InvalidFilter`` (``BAD_SPEC`` for
    anything malformed, ``NEWER_SPEC`` for a version this till does not know)."""
    try:
        spec = json.loads(text)
    except ValueError as exc:
        raise InvalidFilter(FilterProblem.BAD_SPEC, str(exc)) from exc
    if not isinstance(spec, dict):
        raise InvalidFilter(FilterProblem.BAD_SPEC, "not an object")
    version = spec.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidFilter(FilterProblem.BAD_SPEC, f"version {version!r}")
    if version > SPEC_VERSION:
        raise InvalidFilter(FilterProblem.NEWER_SPEC, f"version {version}")
    unknown = set(spec) - _KEYS
    if unknown:
        raise InvalidFilter(FilterProblem.BAD_SPEC, f"unknown fields {sorted(unknown)}")
    try:
        read = _read(spec)
    except (TypeError, ValueError) as exc:
        raise InvalidFilter(FilterProblem.BAD_SPEC, str(exc)) from exc
    return validate(read)


def _read(spec: dict[str, Any]) -> MemberFilter:
    defaults = MemberFilter()
    values: dict[str, Any] = {
        "tiers": _codes(spec.get("tiers", [])),
        "segments": _codes(spec.get("segments", [])),
        "status": Status(spec.get("status", defaults.status.value)),
        "sort": SortKey(spec.get("sort", defaults.sort.value)),
        "expiring_days": _int(spec.get("expiring_days", defaults.expiring_days)),
        "text": _str(spec.get("text", "")),
    }
    for name in _DATES:
        raw = spec.get(name)
        values[name] = None if raw is None else date.fromisoformat(_str(raw))
    for name in _AMOUNTS:
        raw = spec.get(name)
        values[name] = None if raw is None else _int(raw)
    for name in _FLAGS:
        raw = spec.get(name, False)
        if not isinstance(raw, bool):
            raise TypeError(f"{name} is not true or false")
        values[name] = raw
    return MemberFilter(**values)


def _codes(raw: object) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
        raise TypeError("codes must be a list of strings")
    return frozenset(raw)


def _int(raw: object) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise TypeError(f"{raw!r} is not a whole number")
    return raw


def _str(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError(f"{raw!r} is not text")
    return raw


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@dataclass(frozen=True)
class ListPosition:
    """Where a page ended, in the list's sort: the sort bucket (for sorts the database
    walks in parts, such as "no date" after the dates), the row's sort value and its id.
    The next page starts strictly after it."""

    bucket: int
    key: date | int | str | None
    member_id: int
