"""A staff member registers their own badge (staff card) with their PIN, or removes it."""

from __future__ import annotations

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
from ui.errors import describe_error
from ui.widgets import Standard, error_label

DEMO_NEW_BADGE = "6600000000001111"
"""What the simulated reader offers to swipe here: a badge nobody holds yet."""


class BadgeDialog(QDialog):
    """Shows whether ``staff`` has a badge (its last four digits). A card read arriving
    through ``card_read`` registers the swiped badge once the PIN is typed."""

    def __init__(
        self,
        auth: AuthService,
        staff: StaffMember,
        reader: CardReader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("badgeDialog")
        self.setWindowTitle(self.tr("My badge"))
        self._auth, self._staff = auth, staff
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
        self._show_badge(auth.badge_last4(staff))

    def card_read(self, raw: str) -> None:
        """A swipe while the dialog is open is the staff member's new badge."""
        if not self.pin_edit.text():
            self.error.setText(self.tr("Type your PIN first, then swipe your badge."))
            return
        try:
            last4 = self._auth.register_badge(self._staff, self.pin_edit.text(), raw)
        except TillError as error:
            self._refused(error)
            return
        self._show_badge(last4)
        self.status.setText(self.tr("Badge registered: it ends in %1.").replace("%1", last4))

    def _remove(self) -> None:
        try:
            self._auth.remove_badge(self._staff, self.pin_edit.text())
        except TillError as error:
            self._refused(error)
            return
        self._show_badge(None)
        self.status.setText(self.tr("Badge removed: it no longer approves anything."))

    def _show_badge(self, last4: str | None) -> None:
        self.pin_edit.clear()
        self.error.clear()
        self.remove_button.setEnabled(last4 is not None)
        if last4 is None:
            self.status.setText(self.tr("You have no badge registered."))
        else:
            self.status.setText(self.tr("Your badge ends in %1.").replace("%1", last4))

    def _refused(self, error: TillError) -> None:
        self.pin_edit.clear()
        if isinstance(error, LoginRefused):
            self.error.setText(self.tr("Wrong PIN, or the account is locked."))
        else:
            self.error.setText(describe_error(error))
