"""Opening the cash drawer without a sale: manager-approved, audited, never in training."""

from __future__ import annotations

from typing import Protocol

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import PermissionDenied
from app.services.spooler import DRAWER_JOB
from app.unit_of_work import UnitOfWorkFactory
from hardware.printing.document import ReceiptDocument, document_to_json
from hardware.printing.printer import open_printer
from hardware.printing.transports import Delivery


class PrinterWorker(Protocol):
    def wake(self, printer_url: str) -> None:
        """A job is waiting for ``printer_url``: print it now, not at the next poll."""


class DrawerService:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        auth: Authoriser,
        spooler: PrinterWorker,
        printer_url: str,
        drawer_allowed: bool,
    ) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id
        self._auth, self._spooler = auth, spooler
        self._printer_url, self._allowed = printer_url, drawer_allowed

    def test_drawer(self, staff: StaffMember, printer_url: str) -> Delivery:
        """Kick the drawer on ``printer_url`` now (blocking): a manager's settings check."""
        if not self._allowed:
            raise PermissionDenied("the cash drawer does not open on this till (training)")
        self._auth.require(staff, Permission.CHANGE_SETTINGS)
        with self._units() as uow:
            uow.audit.record(
                ActionContext.begin(self._clock, self._till_id, staff.staff_id),
                "drawer_test",
                printer_url,
            )
            uow.commit()
        return open_printer(printer_url).kick_drawer()

    def needs_approval(self, staff: StaffMember) -> bool:
        return not role_allows(staff.role, Permission.OPEN_DRAWER)

    def open_no_sale(
        self,
        staff: StaffMember,
        approval: Approval | None = None,
        reason: str = "no_sale",
    ) -> None:
        """Queue a drawer kick. A cashier needs a manager's ``approval``; a manager needs none."""
        if not self._allowed:
            raise PermissionDenied("the cash drawer does not open on this till (training)")
        approver = staff
        if self.needs_approval(staff):
            approver = self._auth.authorise(approval, Permission.OPEN_DRAWER)
        else:  # the role on ``staff`` is a claim: the stored one decides
            self._auth.require(staff, Permission.OPEN_DRAWER)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            uow.audit.record(
                action,
                f"drawer_{reason}",
                f"staff:{staff.staff_id}",
                {"approved_by": approver.staff_id},
            )
            uow.print_jobs.add(
                till_id=self._till_id,
                printer_url=self._printer_url,
                kind=DRAWER_JOB,
                document=document_to_json(ReceiptDocument(title="", reference=reason.upper())),
                open_drawer=True,
                created_at=action.now,
            )
            uow.commit()
        self._spooler.wake(self._printer_url)
