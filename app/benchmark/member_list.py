"""Time the floor manager's member list against bare sqlite3, measured in the same run.

What is timed, through ``MemberListService`` exactly as the Members tab calls it:

- ``open``: the list as it opens (capped count and first page, no filter);
- ``expiring_90``: apply "expiring within 90 days" (count and first page);
- ``gold_up_expiring_90``: apply "Gold and above, expiring within 90 days";
- ``scroll_page``: each of 50 pages scrolled after the first, by keyset;
- ``count_exact``: the exact count the tab runs in the background beyond 10,000;
- ``export_csv``: the whole result of "expiring within N days", N the fewest days that
  give at least ``EXPORT_ROWS`` members, to a CSV file (a total, not a percentile).

Baselines, on a plain ``sqlite3`` connection to the same file: for the list operations
a bare ``SELECT`` of the same columns, ``LIMIT`` one page, by primary key after a random
id (the cheapest page there is); for the export, the same rows selected by the expiry
index and written with the ``csv`` module. Service and baseline run alternately, after
one untimed warm-up each, so they see the same page cache.
"""

from __future__ import annotations

import csv
import gc
import json
import random
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from time import perf_counter_ns

from app.benchmark.lookup import percentile_ms
from app.benchmark.population import Population
from app.clock import Clock
from app.domain.member_filters import MemberFilter, Status
from app.domain.staff import Role, StaffMember
from app.services.auth import AuthService
from app.services.member_list import PAGE_SIZE, ListExport, MemberListService
from app.services.members import MemberService
from db.engine import create_db_engine, session_factory
from db.member_list_query import SqlMemberListReader
from db.member_search import SqlMemberLookups
from db.unit_of_work import SqlUnitOfWork

EXPORT_ROWS = 100_000
SCROLL_PAGES = 50
COLUMNS = (
    "id, member_no, name, phone, tier_id, segment, joined_on, expires_on, last_visit_on,"
    " visits, spend_fen, marketing_consent, birthday, erased_at"
)
FILTERS = {
    "open": MemberFilter(),
    "expiring_90": MemberFilter(status=Status.EXPIRING, expiring_days=90),
    "gold_up_expiring_90": MemberFilter(
        tiers=frozenset({"GOLD", "PLATINUM"}), status=Status.EXPIRING, expiring_days=90
    ),
}


@dataclass(frozen=True)
class Measured:
    """One operation's latencies in milliseconds (``runs`` 1: a total) and its baseline."""

    kind: str
    runs: int
    p50_ms: float
    p99_ms: float
    baseline_p50_ms: float
    baseline_p99_ms: float
    rows: int
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.p99_ms / self.baseline_p99_ms if self.baseline_p99_ms else 0.0

    @property
    def ratio_p50(self) -> float:
        """Steadier than the p99 ratio: one slow baseline page moves that a lot."""
        return self.p50_ms / self.baseline_p50_ms if self.baseline_p50_ms else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "runs": self.runs,
            "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
            "baseline_p50_ms": round(self.baseline_p50_ms, 3),
            "baseline_p99_ms": round(self.baseline_p99_ms, 3),
            "ratio": round(self.ratio, 2),
            "ratio_p50": round(self.ratio_p50, 2),
            "rows": self.rows,
            "note": self.note,
        }


class _Noon:
    """A clock stopped at noon of the benchmark's day."""

    def __init__(self, day: date) -> None:
        self._now = datetime.combine(day, time(12))

    def now(self) -> datetime:
        return self._now


class MemberListBench:
    """The member list service and a plain sqlite3 connection on one benchmark file."""

    def __init__(self, path: Path, seed: int, today: date) -> None:
        url = f"sqlite:///{path}"
        self._engine = create_db_engine(url)
        sessions = session_factory(self._engine)
        clock: Clock = _Noon(today)
        self._members = MemberService(SqlMemberLookups(self._engine))
        auth = AuthService(partial(SqlUnitOfWork, sessions), clock, "BENCH")
        self.service = MemberListService(
            partial(SqlUnitOfWork, sessions),
            partial(SqlMemberListReader, sessions),
            clock,
            "BENCH",
            auth,
            self._members,
        )
        managers = [s for s in auth.staff_on_duty() if s.role is Role.MANAGER]
        self.staff: StaffMember = managers[0]
        self._raw = sqlite3.connect(path)
        self._rng = random.Random(f"{seed}/member-list")
        self._max_id = int(self._raw.execute("SELECT max(id) FROM members").fetchone()[0] or 0)
        self.today = today

    def __enter__(self) -> MemberListBench:
        return self

    def __exit__(self, *_: object) -> None:
        self._raw.close()
        self._members.close()
        self._engine.dispose()

    def measure_all(self, runs: int, progress: Callable[[str], None]) -> list[Measured]:
        results = [self.apply(kind, f, runs) for kind, f in FILTERS.items()]
        for result in results:
            progress(_line(result))
        results.append(self.scroll(runs))
        progress(_line(results[-1]))
        results.append(self.count_exact(max(3, runs // 10)))
        progress(_line(results[-1]))
        results.append(self.export())
        progress(_line(results[-1]))
        return results

    def apply(self, kind: str, member_filter: MemberFilter, runs: int) -> Measured:
        """Count (capped) and the first page, as applying a filter does."""
        service, staff = self.service, self.staff

        def operation() -> int:
            prepared = service.prepare(staff, member_filter)
            return len(service.page(staff, prepared, None, PAGE_SIZE))

        return self._timed(kind, operation, runs)

    def scroll(self, runs: int) -> Measured:
        """Pages 2 to 51 of the list sorted by member number, one at a time."""
        service, staff = self.service, self.staff
        prepared = service.prepare(staff, MemberFilter())
        first = service.page(staff, prepared, None, PAGE_SIZE)
        pages = [first[-1].position]

        def operation() -> int:
            page = service.page(staff, prepared, pages[-1], PAGE_SIZE)
            pages.append(page[-1].position if len(page) == PAGE_SIZE else first[-1].position)
            return len(page)  # a short list starts again after its first page

        result = self._timed("scroll_page", operation, SCROLL_PAGES * max(1, runs // 10))
        return replace(result, note=f"{SCROLL_PAGES} pages per run after the first")

    def count_exact(self, runs: int) -> Measured:
        service, staff = self.service, self.staff
        prepared = service.prepare(staff, MemberFilter())
        return self._timed("count_exact", lambda: service.exact_count(staff, prepared), runs)

    def export(self) -> Measured:
        """The whole "expiring within N days" list to CSV, against sqlite3 + csv."""
        days = self._days_for(EXPORT_ROWS)
        member_filter = MemberFilter(status=Status.EXPIRING, expiring_days=days)
        low, high = self.today.isoformat(), (self.today + timedelta(days=days)).isoformat()
        with tempfile.TemporaryDirectory() as folder:
            target, plain = Path(folder) / "members.csv", Path(folder) / "baseline.csv"
            gc.collect()
            started = perf_counter_ns()
            result = self.service.export(self.staff, member_filter, None, ListExport.CSV, target)
            took = perf_counter_ns() - started
            started = perf_counter_ns()
            self._plain_export(plain, low, high)
            baseline = perf_counter_ns() - started
        note = f"expiring within {days} days, {target.name}"
        took_ms, baseline_ms = took / 1e6, baseline / 1e6
        return Measured(
            "export_csv", 1, took_ms, took_ms, baseline_ms, baseline_ms, result.rows, note
        )

    def _days_for(self, rows: int) -> int:
        """The fewest days of "expiring within" that give at least ``rows`` members."""
        low, high = 0, 3660
        while low < high:
            middle = (low + high) // 2
            end = (self.today + timedelta(days=middle)).isoformat()
            found = self._raw.execute(
                "SELECT count(*) FROM members WHERE expires_on BETWEEN ? AND ?"
                " AND merged_into_id IS NULL AND erased_at IS NULL",
                (self.today.isoformat(), end),
            ).fetchone()[0]
            low, high = (middle + 1, high) if found < rows else (low, middle)
        return low

    def _plain_export(self, path: Path, low: str, high: str) -> None:
        cursor = self._raw.execute(
            f"SELECT {COLUMNS} FROM members WHERE expires_on BETWEEN ? AND ?"
            " AND merged_into_id IS NULL AND erased_at IS NULL ORDER BY expires_on, id",
            (low, high),
        )
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([d[0] for d in cursor.description])
            while batch := cursor.fetchmany(1000):
                writer.writerows(batch)

    def _baseline_page(self) -> int:
        after = self._rng.randint(0, max(self._max_id - PAGE_SIZE, 0))
        rows = self._raw.execute(
            f"SELECT {COLUMNS} FROM members WHERE id > ? ORDER BY id LIMIT ?", (after, PAGE_SIZE)
        ).fetchall()
        return len(rows)

    def _timed(self, kind: str, operation: Callable[[], int], runs: int) -> Measured:
        rows = operation()  # warm-up
        self._baseline_page()
        gc.collect()
        measured: list[int] = []
        baseline: list[int] = []
        for _ in range(runs):
            started = perf_counter_ns()
            rows = operation()
            measured.append(perf_counter_ns() - started)
            started = perf_counter_ns()
            self._baseline_page()
            baseline.append(perf_counter_ns() - started)
        measured.sort()
        baseline.sort()
        return Measured(
            kind,
            runs,
            percentile_ms(measured, 0.5),
            percentile_ms(measured, 0.99),
            percentile_ms(baseline, 0.5),
            percentile_ms(baseline, 0.99),
            rows,
        )


def _line(m: Measured) -> str:
    return (
        f"{m.kind}: {m.runs} runs, p50 {m.p50_ms:.2f} ms, p99 {m.p99_ms:.2f} ms"
        f" (bare sqlite3 page p99 {m.baseline_p99_ms:.2f} ms, {m.ratio:.1f}x), {m.rows:,} rows"
    )


HEADER = (
    "kind",
    "runs",
    "rows",
    "p50 ms",
    "p99 ms",
    "base p50 ms",
    "base p99 ms",
    "ratio p50",
    "ratio p99",
)


def render_table(results: Sequence[Measured]) -> str:
    rows = [HEADER] + [
        (
            m.kind,
            str(m.runs),
            f"{m.rows:,}",
            f"{m.p50_ms:.2f}",
            f"{m.p99_ms:.2f}",
            f"{m.baseline_p50_ms:.2f}",
            f"{m.baseline_p99_ms:.2f}",
            f"{m.ratio_p50:.1f}x",
            f"{m.ratio:.1f}x",
        )
        for m in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    notes = [f"{m.kind}: {m.note}" for m in results if m.note]
    return "\n".join(lines + notes)


def write_json(path: Path, population: Population, results: Sequence[Measured]) -> None:
    generation = {"kind": "generation", "members": population.members, "seed": population.seed}
    document = [*(m.as_json() for m in results), generation]
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
