"""A staff member registers their own badge (staff card) with their PIN, or removes it;
the badge is read and changed off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.staff import StaffMember
from app.errors import LoginRefused, TillError
from app.ports import CardReader, SimulatesSwipes
from app.services.auth import AuthService
from ui.cashier.dialogs import ask_and_swipe
from ui.cashier.server_work import ServerWork, failure_text
from ui.errors import describe_error
from ui.widgets import Standard, error_label

Result = TypeVar("Result")
DEMO_NEW_BADGE = "6600000000001111"
"""What the simulated reader offers to swipe here: a badge nobody holds yet."""


class BadgeDialog(QDialog):
    """Shows whether ``staff`` has a badge (its last four digits). A card read arriving
    through ``card_read`` registers the swiped badge once the PIN is typed."""

    def __init__(
        self,
        auth: AuthService,
        staff: StaffMember,
        work: ServerWork,
        reader: CardReader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("badgeDialog")
        self.setWindowTitle(self.tr("My badge"))
        self._auth, self._staff, self._work = auth, staff, work
        self.status = QLabel(objectName="badgeStatus")
        self.pin_edit = QLineEdit(objectName="badgePinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.pin_edit))
        self.error = error_label("badgeError")
        self.remove_button = QPushButton(self.tr("Remove badge"), objectName="removeBadgeButton")
        self.remove_button.clicked.connect(self._remove)
        buttons = QDialogButtonBox(Standard.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.status)
        form.addRow(self.tr("Your PIN"), self.pin_edit)
        hint = self.tr(
            "Type your PIN, then swipe your badge to register it: it replaces any old one. "
            "A lost badge: type your PIN and remove it."
        )
        form.addRow(QLabel(hint, wordWrap=True))
        if isinstance(reader, SimulatesSwipes):
            simulate = QPushButton(self.tr("Simulate badge swipe"))
            simulate.setObjectName("simulateBadgeButton")
            simulate.clicked.connect(lambda: ask_and_swipe(reader, DEMO_NEW_BADGE, self))
            form.addRow(simulate)
        form.addRow(self.error)
        form.addRow(buttons)
        self.status.setText(self.tr("Reading your badge…"))
        self.remove_button.setEnabled(False)
        self._last4: str | None = None
        self._run(lambda: auth.badge_last4(staff), self._show_badge)

    @property
    def waiting(self) -> bool:
        return self._work.busy

    def _run(self, job: Callable[[], Result], done: Callable[[Result], None]) -> None:
        """Off the GUI thread; Remove waits until it is back."""
        self.remove_button.setEnabled(False)
        self._work.run(self, job, done, self._failed)

    def card_read(self, raw: str) -> None:
        """A swipe while the dialog is open is the staff member's new badge."""
        pin = self.pin_edit.text()
        if not pin:
            self.error.setText(self.tr("Type your PIN first, then swipe your badge."))
            return
        if self._work.busy:
            return
        auth, staff = self._auth, self._staff
        self._run(lambda: auth.register_badge(staff, pin, raw), self._registered)

    def _registered(self, last4: str) -> None:
        self._show_badge(last4)
        self.status.setText(self.tr("Badge registered: it ends in %1.").replace("%1", last4))

    def _remove(self) -> None:
        auth, staff, pin = self._auth, self._staff, self.pin_edit.text()
        self._run(lambda: auth.remove_badge(staff, pin), self._removed)

    def _removed(self, _none: object) -> None:
        self._show_badge(None)
        self.status.setText(self.tr("Badge removed: it no longer approves anything."))

    def _show_badge(self, last4: str | None) -> None:
        self._last4 = last4
        self.pin_edit.clear()
        self.error.clear()
        self.remove_button.setEnabled(last4 is not None)
        if last4 is None:
            self.status.setText(self.tr("You have no badge registered."))
        else:
            self.status.setText(self.tr("Your badge ends in %1.").replace("%1", last4))
        self.adjustSize()  # the badge's line came after the dialog was laid out

    def _failed(self, error: Exception) -> None:
        """A refusal clears the PIN; the server not answering keeps it for another try."""
        self.remove_button.setEnabled(self._last4 is not None)
        if isinstance(error, LoginRefused):
            self.pin_edit.clear()
            self.error.setText(self.tr("Wrong PIN, or the account is locked."))
        elif isinstance(error, TillError):
            self.pin_edit.clear()
            self.error.setText(describe_error(error))
        else:
            self.error.setText(failure_text(error))
