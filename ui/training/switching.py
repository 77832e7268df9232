"""A manager's approval, by PIN or badge, to switch a till into or out of training or to
reset its sandbox."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.approvals import Approval
from app.domain.staff import StaffMember
from app.services.till_mode import TillModeService
from ui.cashier.approval_dialog import Approvers, run_with_approval

translate = QCoreApplication.translate


def approve_switch(
    parent: QWidget, till_mode: TillModeService, staff: StaffMember, approvers: Approvers
) -> bool:
    if till_mode.training:
        action = translate("TrainingSwitch", "Leave training and return to the live till")
    else:
        action = translate(
            "TrainingSwitch", "Switch this till into training (practice data, no real sales)"
        )

    def attempt(approval: Approval | None) -> None:
        till_mode.approve_switch(staff, approval)

    return _approved(parent, approvers, action, attempt)


def approve_reset(
    parent: QWidget, till_mode: TillModeService, staff: StaffMember, approvers: Approvers
) -> bool:
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
        return False

    def attempt(approval: Approval | None) -> None:
        till_mode.approve_reset(staff, approval)

    return _approved(
        parent, approvers, translate("TrainingSwitch", "Reset the training sandbox"), attempt
    )


def _approved(
    parent: QWidget,
    approvers: Approvers,
    action: str,
    attempt: Callable[[Approval | None], None],
) -> bool:
    return run_with_approval(True, action, approvers, attempt, lambda _message: None, parent)
