"""What a replayed offline sale needs on the server: its shortfall covered and recorded as
an overdraft (the food was eaten), and no second receipt (it was printed offline)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.context import ActionContext
from app.domain.members import MemberSummary
from app.domain.offline import OfflineOverdraft, PrintedSlip
from app.domain.print_jobs import JobStatus
from app.services.checkout_types import CompletedOrder
from app.unit_of_work import UnitOfWork

OVERDRAFT_REASON = "offline_overdraft"


@dataclass(frozen=True)
class CoverShortfall:
    """``check_out``'s ``shortfalls`` for one replayed sale: under the member's lock, what
    the member holds is compared with what the sale spends; a shortfall is credited to
    the ledger (reason ``offline_overdraft``) and kept as an overdraft the member owes, in
    the sale's own transaction, so the ledger still sums to the balance and never below
    zero."""

    request_key: str
    stored_value: int
    points: int
    till_id: str

    def cover(self, uow: UnitOfWork, member: MemberSummary, action: ActionContext) -> MemberSummary:
        held = uow.ledgers.stored_value(member.member_id).total
        short_value = max(0, self.stored_value - held)
        short_points = max(0, self.points - uow.ledgers.points_balance(member.member_id))
        if not short_value and not short_points:
            return member
        who, at, staff = member.member_id, action.now, action.staff_id
        if short_value:
            uow.ledgers.append_stored_value(
                member_id=who, principal=short_value, bonus=0, reason=OVERDRAFT_REASON, at=at,
                staff_id=staff,
            )  # fmt: skip
        if short_points:
            uow.ledgers.append_points(
                member_id=who, delta=short_points, reason=OVERDRAFT_REASON, at=at, staff_id=staff
            )
        uow.offline_overdrafts.add(
            OfflineOverdraft(
                member.member_id,
                self.request_key,
                short_value,
                short_points,
                self.till_id,
                action.now,
            )
        )
        uow.audit.record(
            action,
            "offline_overdraft",
            member.member_no,
            {"stored_value": short_value, "points": short_points, "key": self.request_key},
        )
        return uow.members.summary(member.member_id)


class PrintedOffline:
    """The receipt queue of a replay: the guest's receipt was printed by the offline till.
    With the ``slip`` it printed, the server keeps it as a job already finished
    (``printed_offline``: never printed again), so a reprint by the order's number finds
    the receipt on the server as it finds any other."""

    def __init__(self, slip: PrintedSlip | None = None, till_id: str = "") -> None:
        self._slip, self._till_id = slip, till_id

    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        slip = self._slip
        if slip is None:
            return
        job_id = uow.print_jobs.add(
            till_id=self._till_id,
            printer_url=slip.printer_url,
            kind="receipt",
            document=slip.document,
            open_drawer=False,
            created_at=order.created_at,
            order_id=order_id,
        )
        uow.print_jobs.mark_finished(job_id, JobStatus.PRINTED_OFFLINE, order.created_at)

    def notify(self) -> None:
        return None


@dataclass(frozen=True)
class FrozenClock:
    """The time an offline request was made: its replay is written with that time."""

    at: datetime

    def now(self) -> datetime:
        return self.at
