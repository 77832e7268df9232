"""Choosing a PIN, typed twice: after a manager reset one (at sign-in), for a new staff
member, or as a one-time PIN a manager hands over."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.pin_policy import PinPolicy, PinRejected
from app.errors import TillError
from ui.errors import headline
from ui.jobs import Jobs
from ui.pin_text import pin_refusal_text
from ui.saving_dialog import SavingDialog
from ui.widgets import confirm_buttons, error_label

TOUCH = 48


def pin_edit(name: str) -> QLineEdit:
    edit: QLineEdit = QLineEdit(objectName=name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", edit))
    edit.setMinimumHeight(TOUCH)
    return edit


def pin_policy_hint(policy: PinPolicy) -> str:
    text = QCoreApplication.translate(
        "PinPolicy", "%1 to %2 digits; not one digit repeated, not digits in a row."
    )
    return text.replace("%1", str(policy.min_length)).replace("%2", str(policy.max_length))


class NewPinDialog(SavingDialog):
    """Accepted once ``choose(pin)`` took the PIN typed twice; its refusals (the PIN
    policy's, the service's) are shown here in the interface language. With ``jobs`` (the
    Staff page's) ``choose`` runs off the GUI thread."""

    def __init__(
        self,
        title: str,
        intro: str,
        policy: PinPolicy,
        choose: Callable[[str], object],
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent, jobs)
        self.setObjectName("newPinDialog")
        self.setWindowTitle(title)
        self._policy, self._choose = policy, choose
        self.pin = pin_edit("newPinEdit")
        self.again = pin_edit("newPinAgainEdit")
        self.error = error_label("newPinError")
        form = QFormLayout(self)
        form.addRow(QLabel(intro, wordWrap=True))
        form.addRow(self.tr("New PIN"), self.pin)
        form.addRow(self.tr("New PIN again"), self.again)
        form.addRow(QLabel(pin_policy_hint(policy), wordWrap=True))
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "newPinConfirm", self.confirm))
        self.again.returnPressed.connect(self.confirm)
        self.pin.setFocus()

    def confirm(self) -> None:
        pin = self.pin.text()
        if pin != self.again.text():
            self.error.setText(self.tr("The two PINs differ: type the same PIN twice."))
            self.again.clear()
            return
        choose = self._choose
        self.save_with(lambda: choose(pin))

    def failed(self, error: Exception) -> None:
        if isinstance(error, PinRejected):
            self.error.setText(pin_refusal_text(self._policy, error.problems))
        else:  # a refusal, or no answer from the server (what was typed stays for a retry)
            self.error.setText(headline(error))
            if not isinstance(error, TillError):
                return
        self.pin.clear()
        self.again.clear()
        self.pin.setFocus()
