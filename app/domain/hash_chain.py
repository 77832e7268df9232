"""Hash chains over append-only rows (audit events, ledger entries): tamper evidence.

Each row of a stream keeps ``link(previous row's hash, its facts)``; the stream's head
keeps its length and last hash. Walking a stream in id order finds the first row whose
hash does not follow, and the head tells a changed row from a deleted or inserted one.
This shows edits made with a SQL tool that do not also rewrite the chain; someone who
recomputes the whole chain and its head is not detected (only a copy kept elsewhere shows
that).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

GENESIS = "0" * 64
"""The hash before a stream's first row."""

Fact = str | int | None


def canonical(facts: Mapping[str, Fact | datetime | date]) -> str:
    """The one encoding of a row's facts: JSON with sorted keys, ISO times, integers."""
    return _ENCODER.encode(facts)


def _plain(value: object) -> str:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a chained row")


def link(previous: str, facts: Mapping[str, Fact | datetime | date]) -> str:
    """The hash of a row whose predecessor's hash is ``previous`` (sha256, hex)."""
    return hashlib.sha256(f"{previous}\n{canonical(facts)}".encode()).hexdigest()


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
)


class BreakKind(enum.Enum):
    CHANGED = "changed"
    MISSING = "missing"
    INSERTED = "inserted"
    MOVED = "moved"
    HEAD = "head mismatch"


@dataclass(frozen=True)
class Head:
    length: int
    last_hash: str


@dataclass(frozen=True)
class Break:
    """The first broken link of a stream: the row (``None`` when the rows are intact but
    the head disagrees) and what is wrong, in words."""

    stream: str
    row_id: int | None
    kind: BreakKind
    explanation: str

    def describe(self) -> str:
        where = f"row {self.row_id}" if self.row_id is not None else "its head"
        return f"{self.stream}: {where}: {self.kind.value}: {self.explanation}"


class StreamWalker:
    """Checks one stream's rows fed in id order, then its head (``finish``)."""

    def __init__(self, stream: str) -> None:
        self.stream = stream
        self._previous = GENESIS
        self._count = 0
        self._first: tuple[int, str | None, bool] | None = None  # row, stored hash, moved

    def feed(
        self,
        row_id: int,
        facts: Mapping[str, Fact | datetime | date],
        stored: str | None,
        *,
        owner_ok: bool = True,
    ) -> None:
        """One row; ``owner_ok`` is false when the row now belongs to another member than
        the one it was written for (and no merge explains it)."""
        self._count += 1
        if self._first is None:
            if stored != link(self._previous, facts):
                self._first = (row_id, stored, False)
            elif not owner_ok:
                self._first = (row_id, stored, True)
        self._previous = stored if stored is not None else self._previous

    def finish(self, head: Head | None) -> Break | None:
        length = head.length if head is not None else 0
        if self._first is not None:
            row_id, stored, moved = self._first
            return Break(self.stream, row_id, *self._why(stored, moved, length))
        if self._count and head is None:
            return Break(self.stream, None, BreakKind.HEAD, f"{self._count} rows but no chain head")
        if self._count < length:
            missing = length - self._count
            return Break(
                self.stream, None, BreakKind.MISSING, f"the last {missing} row(s) are gone"
            )
        if self._count > length:
            return Break(self.stream, None, BreakKind.INSERTED, "more rows than the chain holds")
        if head is not None and self._count and head.last_hash != self._previous:
            return Break(self.stream, None, BreakKind.HEAD, "the last row is not the chain's")
        return None

    def _why(self, stored: str | None, moved: bool, length: int) -> tuple[BreakKind, str]:
        if moved:
            return BreakKind.MOVED, "its member was changed (no merge explains it)"
        if stored is None:
            return BreakKind.INSERTED, "a row without a chain hash (written outside the till)"
        if self._count > length:
            return BreakKind.INSERTED, f"{self._count - length} more row(s) than the chain holds"
        if self._count < length:
            return BreakKind.MISSING, f"{length - self._count} row(s) before it were deleted"
        return BreakKind.CHANGED, "its contents or order differ from what was written"


def digest(heads: Mapping[str, Head]) -> str:
    """A short digest of every stream's head, to write down and compare later."""
    text = "\n".join(f"{s} {h.length} {h.last_hash}" for s, h in sorted(heads.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
