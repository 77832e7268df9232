"""An action behind a manager's approval whose database work runs off the GUI thread.

Like ``run_with_approval``, but the attempt is a job (``ServerWork``, or the ``Jobs`` a
back-office form is given): the window keeps
turning while the server is slow, and the approval dialog stays open (Cancel and Esc
wait) until the attempt is back, so its result is neither lost nor applied twice. The
managers on duty are read off the GUI thread too (the dialog shows at once and lists them
when they are back).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.approvals import Approval
from app.domain.staff import MANAGER_ROLES, StaffMember
from app.errors import TillError
from ui.cashier.approval_dialog import ApprovalDialog, Approvers, refusal_text
from ui.cashier.server_work import failure_text
from ui.jobs import Jobs

Result = TypeVar("Result")
Attempt = Callable[[Approval | None], Callable[[], Result]]
"""The work of the action with this approval (``None``: none needed), for a pool thread."""


class WaitingApprovalDialog(ApprovalDialog):
    """``outcome`` is the attempt's result once it went through (then accepted). The
    managers to pick from arrive from a job; ``waiting`` until they and any attempt are
    back."""

    def __init__(
        self,
        action: str,
        attempt: Attempt[Any],
        work: Jobs,
        parent: QWidget,
        approvers: Approvers,
    ) -> None:
        super().__init__(action, [], lambda _approval: None, parent, approvers.reader)
        self._attempt, self._work = attempt, work
        self._loading, self._attempting = True, False
        self.outcome: object = None
        self.went_through = False
        self._enable()
        work.run(self, approvers.staff_on_duty, self._managers, self._no_managers)

    @property
    def waiting(self) -> bool:
        return self._loading or self._attempting

    def _managers(self, staff: list[StaffMember]) -> None:
        for member in staff:
            if member.role in MANAGER_ROLES:
                self.manager_combo.addItem(member.display_name, member.username)
        self._loading = False
        self._enable()

    def _no_managers(self, error: Exception) -> None:
        self._loading = False
        self._enable()
        self.error.setText(failure_text(error))

    def _settle(self, approval: Approval) -> None:
        if self._attempting:
            return
        self._attempting = True
        self._enable()
        self._work.run(
            self,
            self._attempt(approval),
            self._succeeded,
            lambda error: self._refused(approval, error),
        )

    def _enable(self) -> None:
        button = self.findChild(QPushButton, "approveButton")
        if button is not None:
            button.setEnabled(not self.waiting)

    def _succeeded(self, outcome: object) -> None:
        self._attempting = False
        self.outcome, self.went_through = outcome, True
        self.accept()

    def _refused(self, approval: Approval, error: Exception) -> None:
        self._attempting = False
        self._enable()
        self.pin_edit.clear()
        if isinstance(error, TillError):
            self.error.setText(refusal_text(approval, error))
        else:
            self.error.setText(failure_text(error))

    def reject(self) -> None:
        if not self._attempting:  # an attempt in flight may commit: its result must be seen
            super().reject()


def run_approved(
    needed: bool,
    action: str,
    approvers: Approvers,
    attempt: Attempt[Result],
    work: Jobs,
    parent: QWidget,
    on_done: Callable[[Result], None],
    on_error: Callable[[str], None],
) -> None:
    """Exactly one of ``on_done`` (the result, once) and ``on_error`` (why not, one
    sentence; empty when the manager cancelled) is called, later, on the GUI thread."""
    if not needed:
        work.run(parent, attempt(None), on_done, lambda error: on_error(failure_text(error)))
        return
    dialog = WaitingApprovalDialog(action, attempt, work, parent, approvers)

    def finished(_code: int) -> None:
        if dialog.went_through:
            on_done(cast(Result, dialog.outcome))
        else:
            on_error("")

    dialog.finished.connect(finished)
    dialog.setModal(True)
    dialog.open()
