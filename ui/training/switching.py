"""A manager's approval, by PIN or badge, to switch a till into or out of training or to
reset its sandbox: the managers on duty and the approval are read and written off the GUI
thread (``ui.cashier.approval_jobs``); ``approved`` is called once it went through."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.approvals import Approval
from app.domain.staff import StaffMember
from app.services.till_mode import TillModeService
from ui.cashier.approval_dialog import Approvers
from ui.cashier.approval_jobs import run_approved
from ui.jobs import Jobs

translate = QCoreApplication.translate


def approve_switch(
    parent: QWidget,
    till_mode: TillModeService,
    staff: StaffMember,
    approvers: Approvers,
    jobs: Jobs,
    approved: Callable[[], None],
) -> None:
    if till_mode.training:
        action = translate("TrainingSwitch", "Leave training and return to the live till")
    else:
        action = translate(
            "TrainingSwitch", "Switch this till into training (practice data, no real sales)"
        )

    def attempt(approval: Approval | None) -> Callable[[], StaffMember]:
        return lambda: till_mode.approve_switch(staff, approval)

    _approved(parent, approvers, jobs, action, attempt, approved)


def approve_reset(
    parent: QWidget,
    till_mode: TillModeService,
    staff: StaffMember,
    approvers: Approvers,
    jobs: Jobs,
    approved: Callable[[], None],
) -> None:
    answer = QMessageBox.question(
        parent,
        translate("TrainingSwitch", "Reset the training sandbox"),
        translate(
            "TrainingSwitch",
            "Every practice order, member and change in the sandbox is thrown away and the "
            "sandbox is built again from the real menu, tiers and offers. Scores are kept.",
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return

    def attempt(approval: Approval | None) -> Callable[[], StaffMember]:
        return lambda: till_mode.approve_reset(staff, approval)

    action = translate("TrainingSwitch", "Reset the training sandbox")
    _approved(parent, approvers, jobs, action, attempt, approved)


def _approved(
    parent: QWidget,
    approvers: Approvers,
    jobs: Jobs,
    action: str,
    attempt: Callable[[Approval | None], Callable[[], StaffMember]],
    approved: Callable[[], None],
) -> None:
    run_approved(
        True, action, approvers, attempt, jobs, parent, lambda _none: approved(), lambda _why: None
    )
