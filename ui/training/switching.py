"""A manager's approval, by PIN or badge, to switch a till into or out of training or to
reset its sandbox."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.approvals import Approval
from ui.cashier.approval_dialog import run_with_approval
from ui.cashier.presenter import CashierPresenter

translate = QCoreApplication.translate


def approve_switch(parent: QWidget, presenter: CashierPresenter) -> bool:
    till, staff = presenter.till, presenter.cashier
    if till.till_mode.training:
        action = translate("TrainingSwitch", "Leave training and return to the live till")
    else:
        action = translate(
            "TrainingSwitch", "Switch this till into training (practice data, no real sales)"
        )

    def attempt(approval: Approval | None) -> None:
        till.till_mode.approve_switch(staff, approval)

    return _approved(parent, presenter, action, attempt)


def approve_reset(parent: QWidget, presenter: CashierPresenter) -> bool:
    till, staff = presenter.till, presenter.cashier
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
        till.till_mode.approve_reset(staff, approval)

    return _approved(
        parent, presenter, translate("TrainingSwitch", "Reset the training sandbox"), attempt
    )


def _approved(
    parent: QWidget,
    presenter: CashierPresenter,
    action: str,
    attempt: Callable[[Approval | None], None],
) -> bool:
    till = presenter.till
    return run_with_approval(
        True,
        action,
        till.auth.staff_on_duty,
        attempt,
        lambda _message: None,
        parent,
        till.card_reader,
    )
