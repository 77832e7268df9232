"""A manager approves an action at the till with their PIN or a swipe of their badge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.demo import DEMO_MANAGER_BADGE
from app.domain.approvals import Approval, BadgeApproval, PinApproval
from app.domain.staff import MANAGER_ROLES, StaffMember
from app.errors import LoginRefused, PermissionDenied, TillError
from app.ports import CardReader, SimulatesSwipes
from ui.cashier.dialogs import ask_and_swipe
from ui.errors import describe_error
from ui.numeric_keypad import NumericKeypad
from ui.permission_text import permission_label
from ui.widgets import confirm_buttons, error_label


@dataclass(frozen=True)
class Approvers:
    """Who may approve at this till and the reader their badges are swiped on: every
    approval asks for both (the PIN pad lists ``staff_on_duty()``, a badge comes through
    ``reader``; a simulated reader gets a button for the demo manager's badge)."""

    staff_on_duty: Callable[[], list[StaffMember]]
    reader: CardReader | None = None


class ApprovalDialog(QDialog):
    """``approve(approval)`` returns ``None`` when done, or why it was refused.

    A card read arrives through ``card_read``: a swipe of a manager's badge approves at
    once. With a simulated ``reader`` (demos, training) a button sends the demo
    manager's badge through it, as a real swipe arrives.
    """

    def __init__(
        self,
        action: str,
        staff: list[StaffMember],
        approve: Callable[[Approval], str | None],
        parent: QWidget | None = None,
        reader: CardReader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Manager approval"))
        self._approve = approve
        self.manager_combo = QComboBox(objectName="approverCombo")
        for member in staff:
            if member.role in MANAGER_ROLES:
                self.manager_combo.addItem(member.display_name, member.username)
        self.pin_edit = QLineEdit(objectName="approverPinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.pin_edit))
        self.error = error_label("approvalError")
        form = QFormLayout(self)
        form.addRow(QLabel(action))
        form.addRow(self.tr("Manager"), self.manager_combo)
        form.addRow(self.tr("Manager PIN"), self.pin_edit)
        form.addRow("", NumericKeypad(self.pin_edit, "approverPin"))
        form.addRow(QLabel(self.tr("…or swipe a manager's card"), objectName="approvalSwipeHint"))
        if isinstance(reader, SimulatesSwipes):
            simulate = QPushButton(
                self.tr("Simulate badge swipe"), objectName="simulateBadgeButton"
            )
            simulate.clicked.connect(lambda: ask_and_swipe(reader, DEMO_MANAGER_BADGE, self))
            form.addRow(simulate)
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "approveButton", self._try, self.tr("Approve")))

    def card_read(self, raw: str) -> None:
        """A swipe while the dialog is open: the badge's holder approves, or the refusal shows."""
        self._settle(BadgeApproval(raw))

    def _try(self) -> None:
        self._settle(PinApproval(self.manager_combo.currentData() or "", self.pin_edit.text()))

    def _settle(self, approval: Approval) -> None:
        refusal = self._approve(approval)
        if refusal is None:
            self.accept()
        else:
            self.pin_edit.clear()
            self.error.setText(refusal)


def refusal_text(approval: Approval | None, error: TillError) -> str:
    """Why an approval did not go through; a PIN refusal does not say which part was wrong."""
    translate = QCoreApplication.translate
    if isinstance(error, LoginRefused) and isinstance(approval, PinApproval):
        return translate("ApprovalDialog", "Wrong PIN, or the account is locked.")
    if isinstance(error, PermissionDenied) and isinstance(approval, BadgeApproval):
        headline = translate("ApprovalDialog", "The holder of this badge may not approve this.")
        lacking = permission_label(error.permission) if error.permission else str(error)
        return f"{headline} ({lacking})"
    return describe_error(error)


def run_with_approval(
    needed: bool,
    action: str,
    approvers: Approvers,
    attempt: Callable[[Approval | None], None],
    on_error: Callable[[str], None],
    parent: QWidget,
) -> bool:
    """Run ``attempt(approval)``: alone (``None``) when no approval is ``needed``, else
    behind a manager's PIN or badge swipe. Whether it went through.

    Without approval a refusal goes to ``on_error``; with it, the approval dialog shows
    the refusal and lets the manager try again.
    """
    if not needed:
        try:
            attempt(None)
        except TillError as error:
            on_error(describe_error(error))
            return False
        return True
    done: list[bool] = []

    def approve(approval: Approval) -> str | None:
        try:
            attempt(approval)
        except TillError as error:
            return refusal_text(approval, error)
        done.append(True)
        return None

    dialog = ApprovalDialog(action, approvers.staff_on_duty(), approve, parent, approvers.reader)
    return dialog.exec() == QDialog.DialogCode.Accepted and bool(done)
