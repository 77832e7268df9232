"""A manager approves an action at the till with their PIN."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.staff import Role, StaffMember
from app.errors import LoginRefused, TillError
from ui.errors import describe_error
from ui.widgets import confirm_buttons, error_label


class ApprovalDialog(QDialog):
    """``approve(username, pin)`` returns ``None`` when done, or why it was refused."""

    def __init__(
        self,
        action: str,
        staff: list[StaffMember],
        approve: Callable[[str, str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Manager approval"))
        self._approve = approve
        self.manager_combo = QComboBox(objectName="approverCombo")
        for member in staff:
            if member.role is Role.MANAGER:
                self.manager_combo.addItem(member.display_name, member.username)
        self.pin_edit = QLineEdit(objectName="approverPinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.pin_edit))
        self.error = error_label("approvalError")
        form = QFormLayout(self)
        form.addRow(QLabel(action))
        form.addRow(self.tr("Manager"), self.manager_combo)
        form.addRow(self.tr("Manager PIN"), self.pin_edit)
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "approveButton", self._try, self.tr("Approve")))

    def _try(self) -> None:
        refusal = self._approve(self.manager_combo.currentData() or "", self.pin_edit.text())
        if refusal is None:
            self.accept()
        else:
            self.pin_edit.clear()
            self.error.setText(refusal)


def run_with_approval(
    needed: bool,
    action: str,
    staff_on_duty: Callable[[], list[StaffMember]],
    attempt: Callable[[str | None, str | None], None],
    on_error: Callable[[str], None],
    parent: QWidget,
) -> bool:
    """Run ``attempt(username, pin)``: alone (``None, None``) when no approval is
    ``needed``, else behind a manager's PIN. Whether it went through.

    Without approval a refusal goes to ``on_error``; with it, the approval dialog shows
    the refusal and lets the manager try again.
    """
    if not needed:
        try:
            attempt(None, None)
        except TillError as error:
            on_error(describe_error(error))
            return False
        return True
    done: list[bool] = []

    def approve(username: str, pin: str) -> str | None:
        try:
            attempt(username, pin)
        except LoginRefused:
            return dialog.tr("Wrong PIN, or the account is locked.")
        except TillError as error:
            return describe_error(error)
        done.append(True)
        return None

    dialog = ApprovalDialog(action, staff_on_duty(), approve, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and bool(done)
