"""Time member identification through the service, against the same SQL through bare sqlite3.

Per kind, every query first runs once through a second, recording instance of the
service, whose driver connections note each statement and its parameters as the
database receives them. That catches SQL sent through SQLAlchemy and SQL sent straight
on a driver cursor alike (an engine's ``before_cursor_execute`` event only sees the
former). Then the measured service and a replay of the recorded statements through a
plain ``sqlite3`` connection each run every query once untimed (the warm-up), and
finally both are timed alternately, query by query, so they see the same page cache
and the same load on the machine.
"""

from __future__ import annotations

import gc
import json
import math
import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter_ns
from typing import Any, NamedTuple

from sqlalchemy import and_, event, func, select

from app.benchmark.population import Population
from app.domain.members import MemberId, MemberSummary
from app.domain.name_keys import COMPOUND_SURNAMES, KeyKind, is_han, name_keys, reading
from app.services.members import Identification, MemberService
from db.engine import create_db_engine
from db.member_search import SqlMemberLookups
from db.models import CardRow, MemberRow

EXACT = ("card", "phone", "member_no")
TYPED = ("last4", "name_prefix", "pinyin_initials", "pinyin")
AS_YOU_TYPE = ("last4", "name_prefix", "pinyin_initials")
"""The kinds a cashier types into the search box one key at a time."""
SERVICE_KINDS = (*EXACT, *TYPED, "swipe", "load")
TYPED_PER_KIND = 100  # x3 kinds: the keystroke-to-paint sample
KEYSTROKE = "keystroke_to_paint"
KEYSTROKE_DAILY = f"{KEYSTROKE}_during_daily_work"  # pos bench daily
SAMPLE_CHUNK = 10_000  # ids per sampling query, well under SQLite's bound-parameter limit
SWIPE_EXPIRY = "2712"  # track 2 after the card number: expiry YYMM

Statement = tuple[str, Any]
"""SQL as the driver received it, with its parameters."""


@dataclass(frozen=True)
class Target:
    p99_ms: float
    ratio: float | None = None

    def __str__(self) -> str:
        ratio = f", <={self.ratio:g}x" if self.ratio is not None else ""
        return f"p99<={self.p99_ms:g}ms{ratio}"


TARGETS = {
    **dict.fromkeys(EXACT, Target(1.0, 3.0)),
    **dict.fromkeys(TYPED, Target(5.0)),
    KEYSTROKE: Target(30.0),
    KEYSTROKE_DAILY: Target(30.0),
}
BASELINES = {KEYSTROKE: "searched on the GUI thread", KEYSTROKE_DAILY: "with no daily work"}
"""What a kind's baseline is, when it is not the same SQL through bare sqlite3."""


class Probe(NamedTuple):
    """One query: what the cashier types (or the reader sends), and whose row it came from."""

    text: str
    member_id: int


@dataclass(frozen=True)
class Timing:
    """Latencies of one kind of identification, in milliseconds."""

    kind: str
    queries: int
    hit_rate: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    baseline_p50_ms: float | None = None
    baseline_p99_ms: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline_p99_ms:
            return None
        return self.p99_ms / self.baseline_p99_ms

    @property
    def target(self) -> Target | None:
        return TARGETS.get(self.kind)

    @property
    def met(self) -> bool | None:
        """Whether the target is met; a wrong hit rate fails it however fast it was."""
        target = self.target
        if target is None:
            return None
        found = self.hit_rate == 1.0 if self.kind in EXACT else self.hit_rate > 0
        fast = self.p99_ms <= target.p99_ms
        close = target.ratio is None or (self.ratio is not None and self.ratio <= target.ratio)
        return found and fast and close

    def summary(self) -> str:
        baseline = self.baseline_p99_ms
        what = BASELINES.get(self.kind, "bare sqlite3")
        against = "" if baseline is None else f", {what} p99 {baseline:.3f} ms"
        return (
            f"{self.kind}: {self.queries} queries, {self.hit_rate:.0%} found, "
            f"p99 {self.p99_ms:.3f} ms{against}"
        )

    def as_json(self) -> dict[str, object]:
        target, ratio = self.target, self.ratio
        return {
            "kind": self.kind,
            "queries": self.queries,
            "hit_rate": round(self.hit_rate, 4),
            "p50_ms": _rounded(self.p50_ms),
            "p95_ms": _rounded(self.p95_ms),
            "p99_ms": _rounded(self.p99_ms),
            "baseline_p50_ms": _rounded(self.baseline_p50_ms),
            "baseline_p99_ms": _rounded(self.baseline_p99_ms),
            "ratio": None if ratio is None else round(ratio, 2),
            "target_ms": None if target is None else target.p99_ms,
            "target_ratio": None if target is None else target.ratio,
            "met": self.met,
        }


def timing(
    kind: str, durations_ns: Sequence[int], hits: int, baseline_ns: Sequence[int] = ()
) -> Timing:
    ordered, baseline = sorted(durations_ns), sorted(baseline_ns)
    return Timing(
        kind=kind,
        queries=len(ordered),
        hit_rate=hits / len(ordered) if ordered else 0.0,
        p50_ms=percentile_ms(ordered, 0.50),
        p95_ms=percentile_ms(ordered, 0.95),
        p99_ms=percentile_ms(ordered, 0.99),
        baseline_p50_ms=percentile_ms(baseline, 0.50) if baseline else None,
        baseline_p99_ms=percentile_ms(baseline, 0.99) if baseline else None,
    )


def percentile_ms(ordered_ns: Sequence[int], share: float) -> float:
    """Nearest-rank percentile of sorted nanosecond durations, in milliseconds."""
    if not ordered_ns:
        return 0.0
    rank = min(max(math.ceil(share * len(ordered_ns)), 1), len(ordered_ns))
    return ordered_ns[rank - 1] / 1e6


class _Member(NamedTuple):
    member_id: int
    member_no: str
    name: str
    phone: str
    card_no: str


class LookupBench:
    """The till's member service and a plain sqlite3 connection on one database file."""

    def __init__(self, path: Path, seed: int) -> None:
        url = f"sqlite:///{path}"
        self._engine, self._recording_engine = create_db_engine(url), create_db_engine(url)
        self._recorded: list[Statement] = []
        event.listen(self._recording_engine, "do_connect", self._connect_recording)
        self.service = MemberService(SqlMemberLookups(self._engine))
        self._recording = MemberService(SqlMemberLookups(self._recording_engine))
        self._raw = sqlite3.connect(path)
        self._rng = random.Random(f"{seed}/queries")
        with self._engine.connect() as connection:
            self._max_id = int(connection.scalar(select(func.max(MemberRow.id))) or 0)

    def __enter__(self) -> LookupBench:
        return self

    def __exit__(self, *_: object) -> None:
        self._raw.close()
        self._engine.dispose()
        self._recording_engine.dispose()

    def probes(self, kind: str, count: int) -> list[Probe]:
        """``count`` queries of ``kind`` made from random members' real rows."""
        chinese_only = kind in ("name_prefix", "pinyin_initials", "pinyin")
        members = self._sample(count, chinese_only)
        return [Probe(_typed(kind, member, self._rng), member.member_id) for member in members]

    def measure_all(self, count: int, progress: Callable[[str], None]) -> list[Timing]:
        """Every service kind, ``count`` queries each."""
        timings: list[Timing] = []
        for kind in SERVICE_KINDS:
            timings.append(self.measure(kind, count))
            progress(timings[-1].summary())
        return timings

    def typed(self, per_kind: int = TYPED_PER_KIND) -> list[str]:
        """Queries for the search box, ``per_kind`` of each search-as-you-type kind."""
        return [probe.text for kind in AS_YOU_TYPE for probe in self.probes(kind, per_kind)]

    def measure(self, kind: str, count: int) -> Timing:
        probes = self.probes(kind, count)
        measured = _operation(self.service, kind)
        recording = _operation(self._recording, kind)
        recording(probes[0])  # connects: the connection's own set-up is not the query's
        captured: list[list[Statement]] = []
        for probe in probes:
            self._recorded.clear()
            recording(probe)
            if not self._recorded:
                raise RuntimeError(f"no SQL reached the database for {kind} {probe.text!r}")
            captured.append(list(self._recorded))
        hits = 0
        for probe, statements in zip(probes, captured, strict=True):
            hits += _hit(kind, probe, measured(probe))
            self._replay(statements)
        gc.collect()
        gc.freeze()  # as the till does once it has started (ui/app.py)
        service_ns: list[int] = []
        baseline_ns: list[int] = []
        for probe, statements in zip(probes, captured, strict=True):
            started = perf_counter_ns()
            measured(probe)
            service_ns.append(perf_counter_ns() - started)
            started = perf_counter_ns()
            self._replay(statements)
            baseline_ns.append(perf_counter_ns() - started)
        return timing(kind, service_ns, hits, baseline_ns)

    def _connect_recording(self, *args: Any) -> None:
        """``do_connect``: open the recording engine's connections with a recording class."""
        _dialect, _record, _cargs, options = args
        options["factory"] = _recording_connection(self._recorded)

    def _replay(self, statements: list[Statement]) -> None:
        cursor = self._raw.cursor()
        for sql, parameters in statements:
            cursor.execute(sql, parameters).fetchall()

    def _sample(self, count: int, chinese_only: bool) -> list[_Member]:
        found: list[_Member] = []
        query = (
            select(
                MemberRow.id, MemberRow.member_no, MemberRow.name, MemberRow.phone, CardRow.card_no
            )
            .join(CardRow, and_(CardRow.member_id == MemberRow.id, CardRow.status == "active"))
            .order_by(MemberRow.id)
        )
        with self._engine.connect() as connection:
            for _ in range(100):
                if len(found) >= count or not self._max_id:
                    break
                draws = min(2 * count, SAMPLE_CHUNK)
                ids = [self._rng.randint(1, self._max_id) for _ in range(draws)]
                rows = connection.execute(query.where(MemberRow.id.in_(ids)))
                members = [_Member(*row) for row in rows]
                self._rng.shuffle(members)
                found += [m for m in members if not chinese_only or all(map(is_han, m.name))]
        if len(found) < count:
            raise ValueError(f"the database has too few members for {count} queries")
        return found[:count]


def _operation(
    service: MemberService, kind: str
) -> Callable[[Probe], Identification | MemberSummary]:
    if kind == "swipe":
        return lambda probe: service.identify_read(probe.text)
    if kind == "load":
        return lambda probe: service.load(MemberId(probe.member_id))
    return lambda probe: service.search(probe.text)


def _recording_connection(statements: list[Statement]) -> type[sqlite3.Connection]:
    """A driver connection class whose cursors append each statement they run."""

    class RecordingCursor(sqlite3.Cursor):
        def execute(self, sql: str, parameters: Any = (), /) -> RecordingCursor:
            if not sql.lstrip().upper().startswith("PRAGMA"):
                statements.append((sql, parameters))
            return super().execute(sql, parameters)

    class RecordingConnection(sqlite3.Connection):
        def cursor(self, factory: Any = RecordingCursor) -> Any:
            return super().cursor(factory)

    return RecordingConnection


def _typed(kind: str, member: _Member, rng: random.Random) -> str:
    """What a cashier would type (or a reader send) to find ``member`` by ``kind``."""
    if kind in ("card", "phone", "member_no"):
        return {"card": member.card_no, "phone": member.phone, "member_no": member.member_no}[kind]
    if kind == "swipe":
        return f";{member.card_no}={SWIPE_EXPIRY}?"
    if kind == "load":
        return str(member.member_id)
    if kind == "last4":
        return member.phone[-4:]
    if kind == "name_prefix":
        return member.name[:2]
    keys = sorted(key for key_kind, key in name_keys(member.name) if key_kind is _KEY_KIND[kind])
    key = rng.choice(keys)
    if kind == "pinyin_initials":
        return key[: rng.choice((2, 3))]
    return key[: _first_syllable_length(member.name, key) + 1]  # "zhangw" for 张伟


_KEY_KIND = {"pinyin_initials": KeyKind.INITIALS, "pinyin": KeyKind.PINYIN}


def _first_syllable_length(name: str, key: str) -> int:
    """How much of the full-pinyin ``key`` spells the surname (``zhang`` of ``zhangwei``)."""
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    given = "".join(reading(char) for char in name[surname:])
    return len(key) - len(given) if given and key.endswith(given) else min(len(key) - 1, 5)


def _hit(kind: str, probe: Probe, result: Identification | MemberSummary) -> bool:
    """Whether the query found its member (exact kinds) or anybody at all (prefixes)."""
    if isinstance(result, MemberSummary):
        found = {result.member_id}
    elif result.member is not None:
        found = {result.member.member_id}
    else:
        found = {candidate.member_id for candidate in result.candidates}
    return bool(found) if kind in TYPED else probe.member_id in found


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


TABLE_COLUMNS = (
    "kind",
    "queries",
    "hit %",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "baseline p50 ms",
    "baseline p99 ms",
    "ratio",
    "target",
    "met",
)


def render_table(timings: Sequence[Timing]) -> str:
    rows = [TABLE_COLUMNS, *(_cells(t) for t in timings)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(TABLE_COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def _cells(t: Timing) -> tuple[str, ...]:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    met = {True: "yes", False: "NO", None: "-"}[t.met]
    ratio = "-" if t.ratio is None else f"{t.ratio:.1f}x"
    target = "-" if t.target is None else str(t.target)
    return (
        t.kind,
        str(t.queries),
        f"{t.hit_rate:.1%}",
        ms(t.p50_ms),
        ms(t.p95_ms),
        ms(t.p99_ms),
        ms(t.baseline_p50_ms),
        ms(t.baseline_p99_ms),
        ratio,
        target,
        met,
    )


def write_json(path: Path, population: Population, timings: Sequence[Timing]) -> None:
    generation = {
        "kind": "generation",
        "members": population.members,
        "seconds": round(population.seconds, 1),
        "file_bytes": population.size_bytes,
        "seed": population.seed,
        "reused": population.reused,
    }
    document = [*(t.as_json() for t in timings), generation]
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
