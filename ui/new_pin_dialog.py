"""Choosing a PIN, typed twice: after a manager reset one (at sign-in), for a new staff
member, or as a one-time PIN a manager hands over."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.pin_policy import PinPolicy, PinRejected
from app.domain.storage import StorageBusy, StorageUnavailable
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
    policy's, the service's, a server that did not answer) are shown here in the interface
    language and the dialog stays open. ``choose`` runs on ``jobs`` (at sign-in the
    application's pool, on the Staff page the workspace's: nothing here can be tapped, nor
    the dialog closed, meanwhile); at once on this thread without them."""

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
        self._saving_label = QLabel(self.tr("Saving the new PIN…"), objectName="newPinSaving")
        self._saving_label.setVisible(False)
        form.addRow(self._saving_label)
        form.addRow(confirm_buttons(self, "newPinConfirm", self.confirm))
        self.again.returnPressed.connect(self.confirm)
        self.pin.setFocus()

    def _set_saving(self, saving: bool) -> None:
        super()._set_saving(saving)
        self._saving_label.setVisible(saving)
        for edit in (self.pin, self.again):
            edit.setEnabled(not saving)

    def confirm(self) -> None:
        if self.waiting:
            return
        pin = self.pin.text()
        if pin != self.again.text():
            self.error.setText(self.tr("The two PINs differ: type the same PIN twice."))
            self.again.clear()
            return
        self.error.clear()
        choose = self._choose  # the work holds no reference to this dialog
        self.save_with(lambda: choose(pin))

    def failed(self, error: Exception) -> None:
        if isinstance(error, PinRejected):
            self.error.setText(pin_refusal_text(self._policy, error.problems))
        elif isinstance(error, StorageUnavailable) and not isinstance(error, StorageBusy):
            self.error.setText(
                self.tr(
                    "The server did not answer, so the new PIN was not saved: try again in "
                    "a moment."
                )
            )
            return  # what was typed stays for the retry
        else:
            self.error.setText(headline(error))
            if not isinstance(error, TillError):
                return
        self.pin.clear()
        self.again.clear()
        self.pin.setFocus()
