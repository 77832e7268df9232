"""A manager's approval to take a till into or out of training, or to reset its sandbox;
audited in the database of the till it is given on."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.staff import Permission, StaffMember
from app.errors import PermissionDenied
from app.services.auth import AuthService
from app.till_config import TillMode
from db.audit_log import SqlAuditLog


class TillModeService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        till_id: str,
        auth: AuthService,
        mode: TillMode,
    ) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id
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
        with self._sessions.begin() as session:
            SqlAuditLog(session).record(
                ActionContext(staff.staff_id, self._till_id, self._clock.now()),
                action,
                f"till:{self._till_id}",
                {"approved_by": approver.username},
            )
        return approver
