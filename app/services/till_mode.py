"""A manager's approval to take a till into or out of training, or to reset its sandbox;
audited in the database of the till it is given on."""

from __future__ import annotations

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.staff import Permission, StaffMember
from app.errors import PermissionDenied
from app.till_config import TillMode
from app.unit_of_work import UnitOfWorkFactory


class TillModeService:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        auth: Authoriser,
        mode: TillMode,
    ) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id
        self._auth, self.mode = auth, mode

    @property
    def training(self) -> bool:
        return self.mode is TillMode.TRAINING

    def approve_switch(self, staff: StaffMember, approval: Approval | None) -> StaffMember:
        """The manager who approves the switch to the other mode (``PermissionDenied``,
        ``LoginRefused`` otherwise); always asked, also of a manager, by PIN or badge."""
        action = "training_ended" if self.training else "training_started"
        return self._approve(staff, approval, action)

    def approve_reset(self, staff: StaffMember, approval: Approval | None) -> StaffMember:
        if not self.training:
            raise PermissionDenied("only a training till has a sandbox to reset")
        return self._approve(staff, approval, "training_sandbox_reset")

    def _approve(self, staff: StaffMember, approval: Approval | None, action: str) -> StaffMember:
        approver = self._auth.authorise(approval, Permission.RUN_TRAINING)
        with self._units() as uow:
            uow.audit.record(
                ActionContext.begin(self._clock, self._till_id, staff.staff_id),
                action,
                f"till:{self._till_id}",
                {"approved_by": approver.username},
            )
            uow.commit()
        return approver
