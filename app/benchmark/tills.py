"""``pos bench tills``: several tills, each its own process and till id, selling at once
on one database; throughput, latency and the anomalies that must never happen.

Distinct members (the normal case) give each till members of its own; ``contended``
puts every till on the same few members. Tills sell back to back (the most the database
takes), or with ``rate`` on a schedule, as customers come (``app.benchmark.pace``): the
latency of a till among busy neighbours rather than of one waiting for a core. Anomalies,
all of which must be 0:

- balance ≠ ledger: a member's stored value moved by another amount than the tills
  were told (payments, top-ups with their bonus, refunds);
- negative balance: stored value (principal or bonus) or points below zero;
- duplicate order number, duplicate receipt (two receipt jobs for one order);
- lost update: a member's visit counter moved by another count than the tills' sales
  and refunds (a read-modify-write that lost a neighbour's change);
- deadlock; failed: any other error a till hit (refusals a cashier would see, such as
  too little stored value left, are counted apart).
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.benchmark.pace import phases
from app.benchmark.till_worker import Plan, Report, work
from app.errors import TillError
from app.till_database import prepare_database
from db.engine import create_db_engine
from db.till_bench import (
    MemberState,
    bench_members,
    duplicate_order_numbers,
    duplicate_receipts,
    member_states,
)

CONTENDED_MEMBERS = 3
MEMBERS_PER_TILL = 5
TILL_PREFIX = "BENCH"
_CONTEXT = multiprocessing.get_context("spawn")  # a fresh interpreter per till


class BenchRefused(TillError):
    pass


@dataclass(frozen=True)
class TillsResult:
    tills: int
    ops_per_till: int
    contended: bool
    members: int
    operations: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    by_kind: dict[str, dict[str, float]]
    refused: int
    refusals: dict[str, int]
    anomaly_counts: dict[str, int]
    failures: tuple[str, ...]
    rate: float = 0.0
    """Operations a second offered across the tills; 0: back to back."""
    late_ms: dict[str, float] = field(default_factory=dict)
    """How late the starts were against the schedule (percentiles; paced runs only)."""
    schedules_apart_ms: float = 0.0
    """How far apart the tills' schedules began (paced runs only)."""

    @property
    def throughput(self) -> float:
        return self.operations / self.seconds if self.seconds else 0.0

    @property
    def anomalies(self) -> int:
        return sum(self.anomaly_counts.values())

    def as_json(self) -> dict[str, object]:
        return {
            "kind": "tills",
            "tills": self.tills,
            "ops_per_till": self.ops_per_till,
            "contended": self.contended,
            "members": self.members,
            "operations": self.operations,
            "seconds": round(self.seconds, 3),
            "throughput_ops_s": round(self.throughput, 1),
            "latency_ms": {"p50": self.p50_ms, "p95": self.p95_ms, "p99": self.p99_ms},
            "by_kind": self.by_kind,
            "refused": self.refused,
            "refusals": self.refusals,
            "anomalies": self.anomalies,
            "anomaly_counts": self.anomaly_counts,
            "failures": list(self.failures[:20]),
            "rate_ops_s": self.rate,
            "late_ms": self.late_ms,
            "schedules_apart_ms": self.schedules_apart_ms,
        }


def run(
    url: str,
    tills: int,
    ops: int,
    contended: bool,
    seed: int,
    progress: Callable[[str], None],
    demo_members: int = 200,
    rate: float = 0.0,
) -> TillsResult:
    """``tills`` processes doing ``ops`` operations each on ``url`` (the demo restaurant
    with ``demo_members`` is made there first when the database is new), back to back or
    ``rate`` operations a second across the tills."""
    prepare_database(url, demo_members, date.today()).dispose()
    wanted = CONTENDED_MEMBERS if contended else tills * MEMBERS_PER_TILL
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            members = bench_members(connection, wanted)
            if len(members) < wanted:
                raise BenchRefused(f"{url} has {len(members)} members; the bench needs {wanted}")
            before = member_states(connection, [m for m, _ in members])
        interval = tills / rate if rate > 0 else 0.0
        plans = [
            _plan(url, index, ops, members, contended, seed, interval, phase)
            for index, phase in enumerate(phases(tills, interval))
        ]  # fmt: skip
        reports, seconds = _run_tills(plans, progress)
        with engine.connect() as connection:
            after = member_states(connection, [m for m, _ in members])
            doubled_orders = duplicate_order_numbers(connection)
            doubled_receipts = duplicate_receipts(connection, [p.till_id for p in plans])
    finally:
        engine.dispose()
    counts = anomalies(before, after, reports, doubled_orders, doubled_receipts)
    latencies = [ms for r in reports for values in r.latencies_ms.values() for ms in values]
    kinds = sorted({kind for r in reports for kind in r.latencies_ms})
    by_kind = {
        kind: _percentiles([ms for r in reports for ms in r.latencies_ms.get(kind, [])])
        for kind in kinds
    }
    overall = _percentiles(latencies)
    refusals = _merged([r.refused for r in reports])
    refused = sum(refusals.values())
    return TillsResult(
        tills, ops, contended, len(members), len(latencies) + refused,
        seconds, overall["p50"], overall["p95"], overall["p99"], by_kind, refused, refusals,
        counts,
        tuple(f for r in reports for f in r.failures),
        rate,
        _percentiles([ms for r in reports for ms in r.late_ms]) if rate > 0 else {},
        _apart_ms([r.started_at for r in reports]),
    )  # fmt: skip


def anomalies(
    before: dict[int, MemberState],
    after: dict[int, MemberState],
    reports: list[Report],
    doubled_orders: int,
    doubled_receipts: int,
) -> dict[str, int]:
    """Each kind of anomaly (the module's docstring) with how often it was seen."""
    stored, visits = _sum(reports)
    return {
        "balance_vs_ledger": sum(
            after[m].stored_value - before[m].stored_value != stored.get(m, 0) for m in after
        ),
        "negative_balance": sum(min(s.principal, s.bonus, s.points) < 0 for s in after.values()),
        "duplicate_order_number": doubled_orders,
        "duplicate_receipt": doubled_receipts,
        "lost_update": sum(after[m].visits - before[m].visits != visits.get(m, 0) for m in after),
        "deadlock": sum(r.deadlocks for r in reports),
        "failed": sum(len(r.failures) for r in reports),
    }


def _plan(
    url: str,
    index: int,
    ops: int,
    members: list[tuple[int, str]],
    contended: bool,
    seed: int,
    interval: float,
    phase: float,
) -> Plan:
    start = index * MEMBERS_PER_TILL
    own = members if contended else members[start : start + MEMBERS_PER_TILL]
    return Plan(url, f"{TILL_PREFIX}{index + 1}", ops, tuple(own), seed, interval, phase)


def _run_tills(plans: list[Plan], progress: Callable[[str], None]) -> tuple[list[Report], float]:
    barrier = _CONTEXT.Barrier(len(plans) + 1)
    results = _CONTEXT.Queue()
    processes = [
        _CONTEXT.Process(target=work, args=(plan, barrier, results), daemon=True) for plan in plans
    ]
    try:
        for process in processes:
            process.start()
        progress(f"{len(plans)} tills starting (each its own process)")
        try:
            barrier.wait(timeout=600)
        except threading.BrokenBarrierError:
            progress("a till could not start")
        started = time.perf_counter()
        progress("tills selling")
        reports: list[Report] = [results.get(timeout=1800) for _ in plans]
        seconds = time.perf_counter() - started
    except BaseException:  # interrupted or stuck: no till outlives the bench
        for process in processes:
            process.terminate()
        raise
    for process in processes:
        process.join(timeout=60)
    return reports, seconds


def _apart_ms(started: list[float | None]) -> float:
    began = [moment for moment in started if moment is not None]
    return round((max(began) - min(began)) * 1000, 1) if began else 0.0


def _sum(reports: list[Report]) -> tuple[dict[int, int], dict[int, int]]:
    stored: dict[int, int] = {}
    visits: dict[int, int] = {}
    for report in reports:
        for member, change in report.stored_value.items():
            stored[member] = stored.get(member, 0) + change
        for member, change in report.visits.items():
            visits[member] = visits.get(member, 0) + change
    return stored, visits


def _merged(tables: list[dict[str, int]]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for table in tables:
        for key, count in table.items():
            merged[key] = merged.get(key, 0) + count
    return dict(sorted(merged.items(), key=lambda item: -item[1]))


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        only = round(values[0], 2) if values else 0.0
        return {"p50": only, "p95": only, "p99": only, "count": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "count": len(values),
    }


def render(result: TillsResult) -> str:
    mode = "contended" if result.contended else "distinct"
    lines = [
        f"{result.tills} tills, {mode} members ({result.members}): {result.operations:,} "
        f"operations in {result.seconds:.1f} s = {result.throughput:.1f} ops/s "
        f"({result.refused} refused as a cashier would see)",
    ]
    if result.rate > 0:
        late = result.late_ms
        lines.append(
            f"paced: {result.rate:g} ops/s offered (each till one operation every "
            f"{1000 * result.tills / result.rate:.0f} ms, the schedules begun within "
            f"{result.schedules_apart_ms:.0f} ms); starts late by p50 {late['p50']:.1f} ms, "
            f"p99 {late['p99']:.1f} ms"
        )
    else:
        lines.append("back to back: each till starts its next operation as one ends")
    lines.append(
        f"latency ms: p50 {result.p50_ms:.1f}  p95 {result.p95_ms:.1f}  p99 {result.p99_ms:.1f}"
    )
    for kind, cut in result.by_kind.items():
        lines.append(
            f"  {kind:<13} {int(cut['count']):>6}  p50 {cut['p50']:>7.1f}  "
            f"p95 {cut['p95']:>7.1f}  p99 {cut['p99']:>7.1f}"
        )
    lines += [f"  refused {count}x: {said}" for said, count in list(result.refusals.items())[:5]]
    named = ", ".join(
        f"{name.replace('_', ' ')} {count}" for name, count in result.anomaly_counts.items()
    )
    lines.append(f"anomalies: {result.anomalies} ({named})")
    lines += [f"  {failure}" for failure in result.failures[:10]]
    return "\n".join(lines)


def write_json(path: Path, result: TillsResult) -> None:
    path.write_text(json.dumps(result.as_json(), indent=2) + "\n", encoding="utf-8")
