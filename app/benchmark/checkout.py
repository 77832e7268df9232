"""``pos bench checkout``: commit latency of member checkouts through the real checkout
service, against the same rows written by a bare ``sqlite3`` transaction, in one run.

Each run sells a member a few dishes through ``CheckoutService.check_out`` (cash; stored
value when the member holds enough; points redeemed when the member may), timed from the
call to its return: pricing again under the member's lock, the order, its lines,
payments, ledger entries, audit event and receipt job, and the commit. Then the rows that
checkout wrote are read back and written again, as a new order, by one plain ``sqlite3``
transaction (``BEGIN IMMEDIATE``, the member's lock, the same inserts, ``COMMIT``) with the
till's own ``synchronous`` setting: the bare cost of those rows. The two alternate run by
run, so they see the same page cache and the same load on the machine; each waits for
the receipt to be printed first (the simulator's spooler thread shares the database).
The first ``WARM_UP`` runs are not counted. The orders stay in the database (real sales).
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from time import perf_counter_ns
from typing import Any

from sqlalchemy import event

from app.bootstrap import Till, build_till
from app.clock import SystemClock
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.domain.points import max_redeemable
from app.till_config import TillConfig
from db.engine import SQLITE_SYNCHRONOUS

WARM_UP = 10
TILL_ID = "BENCH"
BARE_TILL_ID = "BARE"
CASHIER = ("wangfang", "1111")


@dataclass(frozen=True)
class CheckoutTimes:
    members: int
    runs: int
    synchronous: str
    p50_ms: float
    p99_ms: float
    bare_p50_ms: float
    bare_p99_ms: float
    statements: float
    """Statements the service sent per checkout (mean)."""

    @property
    def ratio_p50(self) -> float:
        return self.p50_ms / self.bare_p50_ms

    @property
    def ratio_p99(self) -> float:
        return self.p99_ms / self.bare_p99_ms

    def as_json(self) -> dict[str, object]:
        return {"kind": "checkout", **asdict(self), "ratio_p50": self.ratio_p50,
                "ratio_p99": self.ratio_p99}  # fmt: skip


def measure(
    path: Path, members: int, runs: int, seed: int, progress: Callable[[str], None]
) -> CheckoutTimes:
    """``runs`` timed checkouts (after ``WARM_UP``) on the bench database at ``path``."""
    till = build_till(TillConfig(f"sqlite:///{path}", till_id=TILL_ID), SystemClock())
    statements = [0]
    engine = till._engine
    assert engine is not None
    event.listen(engine, "before_cursor_execute", lambda *_: _count(statements))
    try:
        with closing(sqlite3.connect(path, isolation_level=None, timeout=15)) as bare:
            bare.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
            bare.execute("PRAGMA foreign_keys=ON")
            rng = random.Random(seed)
            phones = _phones(bare, rng, WARM_UP + runs)
            service_ns: list[int] = []
            bare_ns: list[int] = []
            sent: list[int] = []
            for index, phone in enumerate(phones):
                order_no, took, count = _sell(till, phone, rng, index, statements)
                sent.append(count)
                _wait_for_printing(bare)
                copied = _bare_copy(bare, order_no, f"{BARE_TILL_ID}-{order_no}")
                if index >= WARM_UP:
                    service_ns.append(took)
                    bare_ns.append(copied)
                if index and index % 100 == 0:
                    progress(f"{index} checkouts")
    finally:
        till.close()
    return CheckoutTimes(
        members, runs, SQLITE_SYNCHRONOUS, _ms(service_ns, 50), _ms(service_ns, 99),
        _ms(bare_ns, 50), _ms(bare_ns, 99), statistics.mean(sent[WARM_UP:] or sent),
    )  # fmt: skip


def _wait_for_printing(bare: sqlite3.Connection) -> None:
    """Until the receipt is printed (on the simulator), so the next checkout does not share
    the database with the spooler: at a till the next guest comes seconds later."""
    query = "SELECT count(*) FROM print_jobs WHERE till_id = ? AND status IN ('queued', 'printing')"
    for _ in range(2_000):
        if bare.execute(query, (TILL_ID,)).fetchone()[0] == 0:
            return
        time.sleep(0.005)


def _count(statements: list[int]) -> None:
    statements[0] += 1


def _phones(bare: sqlite3.Connection, rng: random.Random, count: int) -> list[str]:
    top = bare.execute("SELECT max(id) FROM members").fetchone()[0]
    phones: list[str] = []
    while len(phones) < count:
        row = bare.execute(
            "SELECT phone FROM members WHERE id >= ? AND merged_into_id IS NULL"
            " AND erased_at IS NULL AND phone IS NOT NULL ORDER BY id LIMIT 1",
            (rng.randint(1, top),),
        ).fetchone()
        if row is not None and row[0] not in phones:
            phones.append(row[0])
    return phones


def _sell(
    till: Till, phone: str, rng: random.Random, index: int, statements: list[int]
) -> tuple[str, int, int]:
    """One checkout through the service: (order number, nanoseconds it took, statements
    it sent)."""
    catalog = till.catalog.load()
    draft = OrderDraft()
    for item in rng.sample(catalog.items, 3):
        draft.add(item)
    found = till.members.identify(phone).member
    assert found is not None, phone
    draft.set_member(found)
    staff = till.auth.log_in(*CASHIER)
    kind = index % 3
    rules = till.loyalty.rules()
    bill = build_bill(draft, rules, till.clock.now())
    if kind == 2 and max_redeemable(found.points, bill.due, rules.points) > 0:
        draft.redeem_points = True
        bill = build_bill(draft, rules, till.clock.now())
    method = PaymentMethod.CASH
    if kind == 1 and found.stored_value >= bill.due:
        method = PaymentMethod.STORED_VALUE
    before = statements[0]
    started = perf_counter_ns()
    done = till.checkout.check_out(draft, Tender(method, bill.due), staff)
    return done.order_no, perf_counter_ns() - started, statements[0] - before


def _bare_copy(bare: sqlite3.Connection, order_no: str, new_no: str) -> int:
    """The rows the checkout ``order_no`` wrote, written again as ``new_no`` by one bare
    transaction; nanoseconds from ``BEGIN`` to the end of ``COMMIT``."""
    bare.row_factory = sqlite3.Row
    order = dict(bare.execute("SELECT * FROM orders WHERE order_no = ?", (order_no,)).fetchone())
    children = {
        table: [dict(row) for row in bare.execute(f"SELECT * FROM {table} WHERE order_id = ?",
                                                    (order["id"],))]
        for table in _ORDER_TABLES
    }  # fmt: skip
    audit = [dict(r) for r in bare.execute("SELECT * FROM audit_events WHERE subject = ?",
                                           (order_no,))]  # fmt: skip
    bare.row_factory = None
    del order["id"]
    order.update(order_no=new_no, till_id=BARE_TILL_ID)
    started = perf_counter_ns()
    bare.execute("BEGIN IMMEDIATE")
    bare.execute("UPDATE members SET ledger_version = ledger_version + 1 WHERE id = ?",
                 (order["member_id"],))  # fmt: skip
    order_id = _insert(bare, "orders", [order])
    for table, rows in children.items():
        for row in rows:
            del row["id"]
            row["order_id"] = order_id
        _insert(bare, table, rows)
    for row in audit:
        del row["id"]
        row["subject"] = new_no
    _insert(bare, "audit_events", audit)
    bare.execute("COMMIT")
    return perf_counter_ns() - started


_ORDER_TABLES = ("order_lines", "payments", "points_ledger", "stored_value_ledger",
                 "order_offers", "membership_renewals", "tier_changes", "print_jobs")  # fmt: skip


def _insert(bare: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]]) -> int:
    last = 0
    for row in rows:
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = bare.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                              tuple(row.values()))  # fmt: skip
        last = cursor.lastrowid or 0
    return last


def _ms(samples: Sequence[int], percentile: int) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(percentile / 100 * len(ordered)) - 1))
    return ordered[index] / 1e6


def render(times: CheckoutTimes) -> str:
    return (
        f"checkout at {times.members} members, {times.runs} runs, synchronous="
        f"{times.synchronous}: p50 {times.p50_ms:.2f} ms, p99 {times.p99_ms:.2f} ms; bare "
        f"sqlite3 p50 {times.bare_p50_ms:.2f} ms, p99 {times.bare_p99_ms:.2f} ms; "
        f"ratio p50 {times.ratio_p50:.1f}x, p99 {times.ratio_p99:.1f}x; "
        f"{times.statements:.0f} statements a checkout"
    )


def write_json(path: Path, times: CheckoutTimes) -> None:
    path.write_text(json.dumps([times.as_json()], indent=2) + "\n", encoding="utf-8")
