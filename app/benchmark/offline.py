"""``pos bench offline``: the time to build a till's local copy of N members, and member
lookup latency through the same service online (on the server) and offline (on the copy),
query by query in the same run.

Each lookup path (card, full phone, last four, member number, name, pinyin initials)
gets the same queries on both sides, drawn from members picked at random; both sides run
every query once untimed, then are timed alternately (which side goes first alternates
too), so they see the same page cache and the same load. ``ratio`` is offline's median
over online's. ``resync`` and ``stall`` are left for the journal's part of the bench and
the stall figure (``None`` here).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter_ns
from typing import Any

from sqlalchemy import Engine, func, select

from app.clock import SystemClock
from app.domain.name_keys import KeyKind, name_keys
from app.offline.local_copy import LocalCopy
from app.services.members import MemberService
from db.member_search import SqlMemberLookups
from db.models import CardRow, MemberRow

PATHS = ("card", "phone", "last4", "member_no", "name", "pinyin_initials")


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p99_ms: float

    @classmethod
    def of(cls, samples_ns: list[int]) -> Latency:
        ordered = sorted(samples_ns)

        def at(share: float) -> float:
            return ordered[min(len(ordered) - 1, int(share * len(ordered)))] / 1e6

        return cls(round(at(0.5), 3), round(at(0.99), 3))


@dataclass(frozen=True)
class PathResult:
    online: Latency
    offline: Latency

    @property
    def ratio(self) -> float:
        return round(self.offline.p50_ms / self.online.p50_ms, 2) if self.online.p50_ms else 0.0


@dataclass(frozen=True)
class OfflineBench:
    members: int
    server: str
    build_s: float
    copy_bytes: int
    lookup: dict[str, PathResult]
    resync: dict[str, Any] | None = None
    """``app.benchmark.offline_resync``'s figures, when the run replayed a journal."""
    stall: dict[str, Any] | None = None
    """``app.benchmark.offline_stall``'s figures (a PostgreSQL server stalled: seconds to
    the next sale paid on the copy), when the run had a server to stall."""

    def as_json(self) -> dict[str, Any]:
        return {
            "members": self.members,
            "server": self.server,
            "build_s": round(self.build_s, 2),
            "copy_bytes": self.copy_bytes,
            "lookup": {
                path: {
                    "online": vars(result.online),
                    "offline": vars(result.offline),
                    "ratio": result.ratio,
                }
                for path, result in self.lookup.items()
            },
            "resync": self.resync,
            "stall": self.stall,
        }


def measure(
    server: Engine, copy_path: Path, queries: int, seed: int, progress: Callable[[str], None]
) -> OfflineBench:
    """Build the copy at ``copy_path`` from ``server`` and time lookups on both."""
    copy = LocalCopy(server, copy_path, SystemClock())
    progress(f"building the local copy at {copy_path}")
    built = copy.build()
    progress(f"  built in {built.seconds:.1f} s ({built.rows['members']:,} members)")
    online, offline = MemberService(SqlMemberLookups(server)), copy.members()
    try:
        asked = sample_queries(copy.engine(), queries, seed)
        results = {}
        for path in PATHS:
            results[path] = _time(online, offline, asked[path])
            progress(f"  {path}: {results[path].ratio}x")
        return OfflineBench(
            built.rows["members"],
            server.dialect.name,
            built.seconds,
            copy.status().size_bytes,
            results,
        )
    finally:
        online.close()
        offline.close()
        copy.close()


def sample_queries(engine: Engine, per_path: int, seed: int) -> dict[str, list[str]]:
    """Up to ``per_path`` queries per lookup path, from members picked at random."""
    chosen = random.Random(seed)
    with engine.connect() as connection:
        highest = int(connection.execute(select(func.max(MemberRow.id))).scalar_one() or 0)
        ids = chosen.sample(range(1, highest + 1), min(per_path, highest))
        members = connection.execute(
            select(MemberRow.phone, MemberRow.member_no, MemberRow.name).where(
                MemberRow.id.in_(ids), MemberRow.erased_at.is_(None)
            )
        ).all()
        cards = connection.execute(select(CardRow.card_no).where(CardRow.member_id.in_(ids)))
        card_numbers = list(cards.scalars())
    initials = [
        key for *_rest, name in members for kind, key in name_keys(name) if kind == KeyKind.INITIALS
    ]
    return {
        "card": card_numbers,
        "phone": [phone for phone, _no, _name in members],
        "last4": [phone[-4:] for phone, _no, _name in members],
        "member_no": [number for _phone, number, _name in members],
        "name": [name for *_rest, name in members],
        "pinyin_initials": initials[:per_path],
    }


def _time(online: MemberService, offline: MemberService, asked: list[str]) -> PathResult:
    for query in asked:  # warm-up: caches, compiled statements, connections
        online.identify(query)
        offline.identify(query)
    on: list[int] = []
    off: list[int] = []
    for turn, query in enumerate(asked):
        sides = ((online, on), (offline, off)) if turn % 2 == 0 else ((offline, off), (online, on))
        for service, samples in sides:
            started = perf_counter_ns()
            service.identify(query)
            samples.append(perf_counter_ns() - started)
    return PathResult(Latency.of(on), Latency.of(off))


def render(result: OfflineBench) -> str:
    lines = [
        f"local copy of {result.members:,} members from {result.server}: built in "
        f"{result.build_s:.1f} s, {result.copy_bytes / 2**20:.0f} MiB",
        f"{'lookup':<16}{'online p50/p99 ms':>20}{'offline p50/p99 ms':>21}{'ratio':>8}",
    ]
    for path, timed in result.lookup.items():
        on, off = timed.online, timed.offline
        lines.append(
            f"{path:<16}{on.p50_ms:>11.3f} /{on.p99_ms:>7.3f}"
            f"{off.p50_ms:>12.3f} /{off.p99_ms:>7.3f}{timed.ratio:>7.2f}x"
        )
    if result.resync is not None:
        done = result.resync
        lines.append(
            f"resync of {done['orders']:,} offline orders: {done['resync_seconds']:.1f} s, "
            f"{done['orders_per_second']:.1f} orders/s, {done['overdrafts']} overdrafts, "
            f"{done['anomalies']} anomalies"
        )
    if result.stall is not None:
        stall = result.stall
        lines.append(
            f"server stalled: next sale paid offline after {stall['median_s']:.2f} s "
            f"(median of {stall['runs']}, max {stall['max_s']:.2f} s; "
            f"{', '.join(sorted(set(stall['cut_by'])))})"
        )
    return "\n".join(lines)


def write_json(path: Path, result: OfflineBench) -> None:
    path.write_text(json.dumps(result.as_json(), indent=2) + "\n", encoding="utf-8")
