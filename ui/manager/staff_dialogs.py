"""The staff page's dialogs: a staff member's name, sign-in name and role (and first PIN
when added), and a badge swiped or typed. Their saves run through the page's jobs (off the
GUI thread at the counter)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.pin_policy import PinPolicy, PinRejected
from app.domain.staff import Role
from app.errors import TillError
from app.staff_admin.service import NewStaff
from ui.errors import headline
from ui.jobs import Jobs
from ui.new_pin_dialog import TOUCH, pin_edit, pin_policy_hint
from ui.pin_text import pin_refusal_text
from ui.saving_dialog import SavingDialog
from ui.widgets import confirm_buttons, error_label


def role_text(role: Role) -> str:
    translate = QCoreApplication.translate
    return {
        Role.CASHIER: translate("StaffPage", "Cashier"),
        Role.MANAGER: translate("StaffPage", "Manager"),
        Role.TRAINEE: translate("StaffPage", "Trainee"),
        Role.CHAIN_MANAGER: translate("StaffPage", "Chain manager"),
    }[role]


def _line(name: str) -> QLineEdit:
    edit: QLineEdit = QLineEdit(objectName=name)
    edit.setMinimumHeight(TOUCH)
    return edit


class StaffFormDialog(SavingDialog):
    """Adding (``pin_policy`` given: the first PIN is asked for twice) or editing a staff
    member; ``save(details, pin)`` does it, and its refusals are shown here."""

    def __init__(
        self,
        save: Callable[[NewStaff, str], object],
        current: NewStaff | None = None,
        pin_policy: PinPolicy | None = None,
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent, jobs)
        self.setObjectName("staffFormDialog")
        adding = current is None
        self.setWindowTitle(self.tr("Add a staff member") if adding else self.tr("Edit"))
        self._save, self._policy = save, pin_policy
        self.name = _line("staffNameEdit")
        self.username = _line("staffUsernameEdit")
        self.role = QComboBox(objectName="staffRoleCombo")
        self.role.setMinimumHeight(TOUCH)
        for role in (Role.CASHIER, Role.MANAGER, Role.TRAINEE, Role.CHAIN_MANAGER):
            self.role.addItem(role_text(role), role)
        self.pin, self.again = pin_edit("staffPinEdit"), pin_edit("staffPinAgainEdit")
        self.error = error_label("staffFormError")
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Sign-in name"), self.username)
        form.addRow(self.tr("Role"), self.role)
        if current is not None:
            self.name.setText(current.display_name)
            self.username.setText(current.username)
            self.username.setReadOnly(True)
            self.role.setCurrentIndex(self.role.findData(current.role))
        if pin_policy is not None:
            form.addRow(self.tr("PIN"), self.pin)
            form.addRow(self.tr("PIN again"), self.again)
            form.addRow(QLabel(pin_policy_hint(pin_policy), wordWrap=True))
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "staffFormConfirm", self.confirm))
        self.name.setFocus()

    def confirm(self) -> None:
        if self._policy is not None and self.pin.text() != self.again.text():
            self.error.setText(self.tr("The two PINs differ: type the same PIN twice."))
            return
        details = NewStaff(self.username.text(), self.name.text(), self.role.currentData())
        save, pin = self._save, self.pin.text()
        self.save_with(lambda: save(details, pin))

    def failed(self, error: Exception) -> None:
        if isinstance(error, PinRejected):
            self.error.setText(pin_refusal_text(error.policy, error.problems))
        else:  # a refusal, or no answer from the server: nothing was saved
            self.error.setText(headline(error))


class BadgeEntryDialog(SavingDialog):
    """A badge swiped (on the till's reader, or a keyboard-like one into the field) or its
    number typed; ``register(read)`` takes it and its refusals are shown here."""

    def __init__(
        self,
        who: str,
        register: Callable[[str], object],
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent, jobs)
        self.setObjectName("badgeEntryDialog")
        self.setWindowTitle(self.tr("Register a badge"))
        self._register = register
        self.read = _line("badgeReadEdit")
        self.read.setEchoMode(QLineEdit.EchoMode.Password)
        self.read.returnPressed.connect(self.confirm)
        self.error = error_label("badgeEntryError")
        form = QFormLayout(self)
        intro = self.tr("Swipe %1's badge now, or type its number: it replaces any old one.")
        form.addRow(QLabel(intro.replace("%1", who), wordWrap=True))
        form.addRow(self.tr("Badge"), self.read)
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "badgeEntryConfirm", self.confirm))
        self.read.setFocus()

    def card_read(self, raw: str) -> None:
        """A swipe on the till's card reader (serial or simulated) while this is open."""
        if not self.waiting:  # a swipe while one is being saved does not replace it
            self.read.setText(raw)
            self.confirm()

    def confirm(self) -> None:
        register, read = self._register, self.read.text()
        self.save_with(lambda: register(read))

    def failed(self, error: Exception) -> None:
        self.error.setText(headline(error))
        if isinstance(error, TillError):  # refused: swipe again; unanswered: tap again
            self.read.clear()
