"""Choosing a PIN, typed twice: after a manager reset one (at sign-in), for a new staff
member, or as a one-time PIN a manager hands over."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.pin_policy import PinPolicy, PinRejected
from app.domain.storage import StorageBusy, StorageUnavailable
from ui.errors import headline
from ui.jobs import InlineJobs, Jobs
from ui.pin_text import pin_refusal_text
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


class NewPinDialog(QDialog):
    """Accepted once ``choose(pin)`` took the PIN typed twice; its refusals (the PIN
    policy's, the service's, a server that did not answer) are shown here in the interface
    language and the dialog stays open. ``choose`` runs on ``jobs`` (at sign-in the
    application's pool: nothing here can be tapped, nor the dialog closed, meanwhile);
    at once on this thread without them."""

    def __init__(
        self,
        title: str,
        intro: str,
        policy: PinPolicy,
        choose: Callable[[str], object],
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newPinDialog")
        self.setWindowTitle(title)
        self._policy, self._choose = policy, choose
        self._jobs: Jobs = jobs or InlineJobs()
        self._saving = False
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
        self._buttons = confirm_buttons(self, "newPinConfirm", self.confirm)
        form.addRow(self._buttons)
        self.again.returnPressed.connect(self.confirm)
        self.pin.setFocus()

    @property
    def waiting(self) -> bool:
        """The new PIN is being saved: nothing here can be tapped."""
        return self._saving

    def reject(self) -> None:
        if not self._saving:  # Esc or Cancel while the PIN is saved: its answer decides
            super().reject()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self._saving_label.setVisible(saving)
        for widget in (self.pin, self.again, self._buttons):
            widget.setEnabled(not saving)

    def confirm(self) -> None:
        if self._saving:
            return
        pin = self.pin.text()
        if pin != self.again.text():
            self.error.setText(self.tr("The two PINs differ: type the same PIN twice."))
            self.again.clear()
            return
        self.error.clear()
        self._set_saving(True)
        choose = self._choose  # the work holds no reference to this dialog
        self._jobs.run(self, lambda: choose(pin), self._chosen, self._not_chosen)

    def _chosen(self, _result: object) -> None:
        self._set_saving(False)
        self.accept()

    def _not_chosen(self, error: Exception) -> None:
        self._set_saving(False)
        if isinstance(error, PinRejected):
            self.error.setText(pin_refusal_text(self._policy, error.problems))
        elif isinstance(error, StorageUnavailable) and not isinstance(error, StorageBusy):
            self.error.setText(
                self.tr(
                    "The server did not answer, so the new PIN was not saved: try again in "
                    "a moment."
                )
            )
        else:
            self.error.setText(headline(error))
        self.pin.clear()
        self.again.clear()
        self.pin.setFocus()
