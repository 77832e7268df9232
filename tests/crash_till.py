"""A till process for the crash test (``tests/integration/test_crash.py``), killed with
SIGKILL at random moments.

It sells as a till of ``pos bench tills`` does (``app.benchmark.till_worker``), every
request with a request key as the till's screens send them, and keeps in ``STATE`` (a
JSON file replaced atomically) what the service told it so far and the request in
flight. Started again on the same ``STATE`` after a kill, it first retries the request
that was in flight with the same key, as a cashier's second tap after a restart does,
then sells on; ``OPS`` 0 retries and stops. With ``POS_CRASH_AFTER_COMMIT`` set to
``checkout`` or ``refund`` in its environment it kills itself with SIGKILL as its first
such request returns, committed but not yet told (the window a kill at a random moment
seldom hits).

    python -m tests.crash_till URL TILL_ID SEED STATE MEMBER_ID:PHONE,... [OPS]
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from app.benchmark.till_worker import MANAGER, Plan, Report, Worker
from app.bootstrap import build_till
from app.clock import SystemClock
from app.domain.approvals import ReasonCode
from app.domain.draft_snapshot import restore
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Tender
from app.domain.storage import WriteConflict
from app.errors import TillError
from app.services.checkout_types import CompletedOrder
from app.services.refund_plan import RefundPreview
from app.till_config import TillConfig


class Journal:
    """What this till was told across its lives, saved before and after each request."""

    def __init__(self, path: Path) -> None:
        self.path = path
        saved: dict[str, Any] = (
            json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        )
        self.report = Report(saved.get("till_id", ""))
        self.report.stored_value = {int(m): v for m, v in saved.get("stored_value", {}).items()}
        self.report.visits = {int(m): v for m, v in saved.get("visits", {}).items()}
        self.report.refused = dict(saved.get("refused", {}))
        self.report.deadlocks = int(saved.get("deadlocks", 0))
        self.report.failures = list(saved.get("failures", []))
        self.orders: list[str] = list(saved.get("orders", []))
        self.refunds: list[str] = list(saved.get("refunds", []))
        self.in_flight: dict[str, Any] | None = saved.get("in_flight")
        self.lives = int(saved.get("lives", 0)) + 1
        """This life's number (the saved one's plus 1)."""
        self.saved_ops = int(saved.get("ops", 0))
        """Requests the saved life answered."""
        self.ops = 0
        """Requests answered in this life."""
        self.retries: dict[str, int] = dict(saved.get("retries", {}))
        """In-flight requests retried after a kill: ``replayed`` (committed before the
        kill), ``committed`` (on the retry), ``refused``."""

    def sending(self, request: dict[str, Any]) -> None:
        self.in_flight = request
        self.save()

    def answered(self) -> None:
        self.in_flight = None
        self.ops += 1
        self.save()

    def save(self) -> None:
        r = self.report
        facts = {
            "till_id": r.till_id, "stored_value": r.stored_value, "visits": r.visits,
            "refused": r.refused, "deadlocks": r.deadlocks, "failures": r.failures,
            "orders": self.orders, "refunds": self.refunds, "in_flight": self.in_flight,
            "lives": self.lives, "ops": self.ops, "retries": self.retries,
        }  # fmt: skip
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(facts), encoding="utf-8")
        os.replace(partial, self.path)


class JournaledWorker(Worker):
    """A bench worker that also keeps the order numbers it was told of."""

    journal: Journal

    def told(self, done: CompletedOrder, member_id: int) -> None:
        if os.environ.get("POS_CRASH_AFTER_COMMIT") == "checkout" and not done.replayed:
            os.kill(os.getpid(), signal.SIGKILL)
        super().told(done, member_id)
        self.journal.orders.append(done.order_no)

    def refunded(self, done: RefundPreview, member_id: int) -> None:
        if os.environ.get("POS_CRASH_AFTER_COMMIT") == "refund" and self.journal.ops:
            os.kill(os.getpid(), signal.SIGKILL)  # not on the retry, before the first answer
        super().refunded(done, member_id)
        self.journal.refunds.append(done.order_no)

    def retry(self, request: dict[str, Any]) -> str:
        """Sends the request in flight at the kill again with its key."""
        member = int(request["member"])
        if request["kind"] == "refund":
            refund = self._till.refunds.refund(
                request["order_no"], self._cashier, ReasonCode.WRONG_ITEMS, "", MANAGER,
                request_key=request["key"],
            )  # fmt: skip
            self.refunded(refund, member)
            return "committed"  # a refund's replay looks the same as its first commit
        items = {item.item_id: item for item in self._items}
        restored = restore(request["draft"], items, lambda m: self._till.members.load(MemberId(m)))
        assert restored is not None
        tender = Tender(PaymentMethod(request["method"]), int(request["amount"]))
        done = self._till.checkout.check_out(restored.draft, tender, self._cashier)
        self.told(done, member)
        return "replayed" if done.replayed else "committed"


def main(argv: list[str]) -> int:
    url, till_id, seed, state = argv[0], argv[1], int(argv[2]), Path(argv[3])
    members = tuple(
        (int(m), phone) for m, phone in (pair.split(":") for pair in argv[4].split(","))
    )
    ops = int(argv[5]) if len(argv) > 5 else -1
    journal = Journal(state)
    journal.report.till_id = till_id
    # a new seed each life: the same seed would send the same requests again
    plan = Plan(url, till_id, ops, members, seed * 1000 + journal.lives)
    till = build_till(TillConfig(url, till_id=till_id), SystemClock())
    worker = JournaledWorker(till, plan, journal.report, journal.sending)
    worker.journal = journal
    if journal.in_flight is not None:
        try:
            outcome = worker.retry(journal.in_flight)
        except (TillError, WriteConflict):
            outcome = "refused"
        journal.retries[outcome] = journal.retries.get(outcome, 0) + 1
    journal.answered()
    while ops < 0 or journal.ops <= ops:
        worker.one()
        journal.answered()
    till.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
