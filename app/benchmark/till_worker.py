"""One till of ``pos bench tills``, in a process of its own: a real till (``build_till``)
selling to its members as a cashier would, reporting what each operation told it.

The mix: member checkouts paid in cash, stored-value payments, checkouts redeeming
points, top-ups and whole refunds of this till's earlier sales. Each operation is timed
from the service call to its return (the commit included), and its effect as the
service reported it is added up per member (stored value, visits), so the parent can
compare the database with what every till was told.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.synchronize import Barrier
from typing import Any

from app.benchmark.pace import Pacer
from app.bootstrap import Till, build_till
from app.clock import SystemClock
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.draft_snapshot import snapshot
from app.domain.payment import PaymentMethod, Tender
from app.domain.points import max_redeemable
from app.domain.request_keys import new_request_key
from app.domain.storage import WriteConflict
from app.errors import TillError
from app.services.checkout_types import CompletedOrder
from app.services.refund_plan import RefundPreview
from app.till_config import TillConfig

KINDS = ("checkout", "stored_value", "redeem", "top_up", "refund")
WEIGHTS = (30, 25, 15, 20, 10)
TOP_UPS = (10_000, 20_000, 50_000)
CASHIER = ("wangfang", "1111")
MANAGER = PinApproval("manager", "9999")


@dataclass(frozen=True)
class Plan:
    url: str
    till_id: str
    ops: int
    members: tuple[tuple[int, str], ...]
    """(member id, phone) this till sells to."""
    seed: int
    interval_s: float = 0.0
    """Seconds between two operation starts (``--rate``); 0: back to back."""
    phase_s: float = 0.0
    """This till's first start after the common start (``app.benchmark.pace``)."""


@dataclass
class Report:
    till_id: str
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    stored_value: dict[int, int] = field(default_factory=dict)
    """Net stored value each member gained, as the service reported it."""
    visits: dict[int, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)
    """Refusals a cashier would see (not enough stored value left, a write conflict), by
    what they said."""
    deadlocks: int = 0
    failures: list[str] = field(default_factory=list)
    late_ms: list[float] = field(default_factory=list)
    """How late each start was against the till's schedule (paced runs only)."""
    started_at: float | None = None
    """When the till's schedule began (``time.monotonic``; paced runs only)."""

    def add(self, table: dict[int, int], member: int, change: int) -> None:
        table[member] = table.get(member, 0) + change


def work(plan: Plan, barrier: Barrier, results: Any) -> None:
    """Process entry: build the till, wait for every till, work, report."""
    report = Report(plan.till_id)
    pacer = Pacer(plan.interval_s, plan.phase_s)
    till: Till | None = None
    try:
        till = build_till(TillConfig(plan.url, till_id=plan.till_id), SystemClock())
        worker = Worker(till, plan, report)
        gc.collect()  # as the till's window does once the counter is open (ui/app.py):
        gc.freeze()  # what the start made is not walked by every later collection
        barrier.wait(timeout=600)
        for _ in range(plan.ops):
            pacer.wait_turn()
            worker.one()
    except Exception as error:  # reported, not raised: the parent prints it
        barrier.abort()  # the others stop waiting for a till that will not come
        report.failures.append(f"{type(error).__name__}: {error}")
    finally:
        report.late_ms, report.started_at = pacer.late_ms, pacer.started_at
        if till is not None:
            till.close()
        results.put(report)


Sending = Callable[[dict[str, Any]], None]
"""Told each request (kind, member, key, what a retry needs) just before it is sent."""


class Worker:
    """A till selling its plan's mix, one request at a time (``one()``)."""

    def __init__(
        self, till: Till, plan: Plan, report: Report, sending: Sending | None = None
    ) -> None:
        """With ``sending``, every request carries a request key (as the till's screens
        send them) and is told to ``sending`` first, so a crash test can retry it."""
        self._till, self._plan, self._report = till, plan, report
        self._sending = sending
        self._rng = random.Random(f"{plan.seed}:{plan.till_id}")
        self._cashier = till.auth.log_in(*CASHIER)
        self._items = till.catalog.load().items
        self._rules = till.loyalty.rules()
        """As the till's screen keeps them: read at the start, then those each checkout
        priced with (``CompletedOrder.rules``)."""
        self._sold: list[tuple[str, int]] = []
        """This till's sales with items not yet refunded: (order number, member)."""

    def one(self) -> None:
        kind = self._rng.choices(KINDS, WEIGHTS)[0]
        member_id, phone = self._rng.choice(self._plan.members)
        try:
            kind = self._do(kind, member_id, phone)
        except (TillError, WriteConflict) as refusal:
            said = f"{kind}: {type(refusal).__name__}: {refusal}"[:120]
            self._report.refused[said] = self._report.refused.get(said, 0) + 1
        except Exception as error:
            if "deadlock" in str(error).lower():
                self._report.deadlocks += 1
            else:
                self._report.failures.append(f"{kind}: {type(error).__name__}: {error}")

    def _do(self, kind: str, member_id: int, phone: str) -> str:
        if kind == "refund" and self._sold:
            self._refund(*self._sold.pop(0))
            return kind
        member = self._till.members.identify(phone).member
        assert member is not None, phone
        draft = OrderDraft()
        draft.set_member(member)
        rules = self._rules
        if kind == "top_up":
            draft.top_up_amount = self._rng.choice(TOP_UPS)
        else:
            for item in self._rng.sample(self._items, 2):
                draft.add(item)
        bill = build_bill(draft, rules, self._till.clock.now())
        method = PaymentMethod.CASH
        if kind == "redeem" and max_redeemable(member.points, bill.due, rules.points) > 0:
            draft.redeem_points = True
            bill = build_bill(draft, rules, self._till.clock.now())
        elif kind == "stored_value" and member.stored_value >= bill.due:
            method = PaymentMethod.STORED_VALUE
        elif kind != "top_up":
            kind = "checkout"
        if self._sending is not None:
            draft.request_key = new_request_key()
            self._sending(
                {"kind": kind, "member": member_id, "draft": snapshot(draft),
                 "method": method.value, "amount": bill.due}
            )  # fmt: skip
        started = time.perf_counter()
        done = self._till.checkout.check_out(draft, Tender(method, bill.due), self._cashier)
        self._took(kind, started)
        self._rules = done.rules or self._till.loyalty.rules()
        self.told(done, member_id)
        return kind

    def told(self, done: CompletedOrder, member_id: int) -> None:
        """Adds up what a checkout (or its retry) reported."""
        if done.stored_value_split is not None:
            self._report.add(self._report.stored_value, member_id, -done.stored_value_split.total)
        if done.bill.top_up is not None:
            gained = done.bill.top_up.amount + done.bill.top_up.bonus
            self._report.add(self._report.stored_value, member_id, gained)
        if done.bill.priced.subtotal:
            self._report.add(self._report.visits, member_id, 1)
            self._sold.append((done.order_no, member_id))

    def _refund(self, order_no: str, member_id: int) -> None:
        key = None
        if self._sending is not None:
            key = new_request_key()
            self._sending({"kind": "refund", "member": member_id, "order_no": order_no, "key": key})
        started = time.perf_counter()
        done = self._till.refunds.refund(
            order_no, self._cashier, ReasonCode.WRONG_ITEMS, "", MANAGER, request_key=key
        )
        self._took("refund", started)
        self.refunded(done, member_id)

    def refunded(self, done: RefundPreview, member_id: int) -> None:
        """Adds up what a refund (or its retry) reported."""
        self._report.add(self._report.stored_value, member_id, done.stored_value_back.total)
        self._report.add(self._report.visits, member_id, -1)

    def _took(self, kind: str, started: float) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        self._report.latencies_ms.setdefault(kind, []).append(elapsed)
