"""Staff sign-in with a PIN pad (touch friendly); the PIN is checked by the auth service."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from app.domain.pin_policy import PinPolicy
from app.domain.staff import Role, StaffMember
from app.errors import LoginRefusal, LoginRefused
from app.server_down.errors import NoLocalCopy
from app.server_down.sign_in import SignInDesk
from ui.errors import headline
from ui.fit import TOUCH
from ui.jobs import InlineJobs, Jobs
from ui.new_pin_dialog import NewPinDialog
from ui.numeric_keypad import NumericKeypad
from ui.pin_check import NewPinNeeded, StaffList, pin_check, staff_read
from ui.staff_text import staff_name
from ui.training.banner import banner_label
from ui.widgets import error_label

KEY_SIZE = (84, 64)


class LoginDialog(QDialog):
    """Shows at once and reads the staff list once asked (``read_staff``), saying so
    meanwhile; emits ``staff_signed_in`` once a staff member signed in (``signed_in``
    holds them), then shows that the counter is opening until the application closes it,
    or says why it could not open (``opening_failed``).

    Signals:
        staff_listed(): the first read of the staff list came back: a PIN can be typed
            (or the window says in one sentence why the list could not be read; the next
            tap reads it again).
        staff_signed_in(): the PIN was right; ``signed_in`` is who signed in.
    """

    staff_listed = Signal()
    staff_signed_in = Signal()

    def __init__(
        self,
        desk: SignInDesk,
        demo_marker: Callable[[], bool] | None = None,
        parent: QWidget | None = None,
        training: bool = False,
        jobs: Jobs | None = None,
    ):
        """``demo_marker``: whether the restaurant is the demo (its PINs are shown), read
        with the staff list; ``None``: not asked. ``jobs``: where the reads of the staff
        list, the PIN check and a new PIN's save run (``TillApp``'s pool); at once on this
        thread without one."""
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.desk = desk
        self._jobs: Jobs = jobs or InlineJobs()
        self._waiting = False
        self.signed_in: StaffMember | None = None
        self.error_label = error_label("loginError")
        self.offline_label = QLabel(objectName="loginOffline")
        self.offline_label.setWordWrap(True)
        self.offline_label.setStyleSheet("color: white; background: #a00000; padding: 4px 8px;")

        self.staff_combo = QComboBox(objectName="staffCombo")
        self._trainees: set[str] = set()
        """Trainee accounts on this (live) till: a training sandbox holds them as cashiers."""
        self._demo_marker = demo_marker
        self._listed = False
        """The first read of the staff list came back (``staff_listed`` was emitted)."""
        self._unread = False
        """The staff list could not be read (the server and no copy): read it at the next try."""
        self.pin_edit = QLineEdit(objectName="pinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.pin_edit))
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.returnPressed.connect(self.try_sign_in)
        for field in (self.staff_combo, self.pin_edit):
            field.setMinimumHeight(TOUCH)
        # The drop-down's rows are touch targets too, not 20 px lines.
        self.staff_combo.setItemDelegate(QStyledItemDelegate(self.staff_combo))

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.offline_label)
        self.offline_label.setVisible(desk.unreachable is not None)
        if training:
            self.setWindowTitle(self.tr("Sign in to training"))
            layout.addWidget(banner_label("loginTrainingBanner"))
        layout.addWidget(QLabel(self.tr("Staff member")))
        layout.addWidget(self.staff_combo)
        layout.addWidget(self.pin_edit)
        keypad = NumericKeypad(self.pin_edit, "pin", key_size=KEY_SIZE)
        layout.addWidget(keypad)
        layout.addWidget(self.error_label)
        self.opening_label = QLabel(self.tr("Opening the till…"), objectName="loginOpening")
        self.opening_label.setVisible(False)
        layout.addWidget(self.opening_label)
        sign_in = QPushButton(self.tr("Sign in"), objectName="loginButton")
        sign_in.setMinimumHeight(KEY_SIZE[1])
        sign_in.setDefault(True)
        sign_in.clicked.connect(self.try_sign_in)
        layout.addWidget(sign_in)
        self._inputs: tuple[QWidget, ...] = (self.staff_combo, self.pin_edit, keypad, sign_in)
        self.pin_edit.setFocus()

    @property
    def waiting(self) -> bool:
        """The PIN is being checked, the staff list read or the counter opened: the
        window shows it and nothing here can be tapped."""
        return self._waiting

    def _wait(self, doing: str) -> None:
        self._waiting = True
        self.opening_label.setText(doing)
        self.opening_label.setVisible(True)
        for widget in self._inputs:
            widget.setEnabled(False)

    def _done_waiting(self) -> None:
        self._waiting = False
        self.opening_label.setVisible(False)
        for widget in self._inputs:
            widget.setEnabled(True)
        self.offline_label.setVisible(self.desk.unreachable is not None)
        self.pin_edit.setFocus()

    def show_opening(self) -> None:
        """The counter is being read off the GUI thread: nothing here can be tapped."""
        self.pin_edit.clear()
        self.error_label.clear()
        self._wait(self.tr("Opening the till…"))

    def reject(self) -> None:
        if not self._waiting:  # Esc while the PIN is checked or the till opens: it goes on
            super().reject()

    def opening_failed(self, why: str) -> None:
        """The counter could not open: say why; the next person signs in again (once the
        staff list is in, when it is still being read)."""
        self.signed_in = None
        if self._listed:
            self._done_waiting()
        self.error_label.setText(why)

    def _signed(self, staff: StaffMember) -> None:
        self.signed_in = staff
        self.staff_signed_in.emit()

    def try_sign_in(self) -> None:
        if self._waiting:  # a second tap, or Enter, while the first is out
            return
        if self._unread:  # the server may answer now, or a copy exist
            self.read_staff()
            return
        username = self.staff_combo.currentData()
        if not username:
            self.error_label.setText(self.tr("No staff accounts exist yet."))
            return
        pin = self.pin_edit.text()
        self.error_label.clear()
        self._wait(self.tr("Checking the PIN…"))
        self._jobs.run(
            self,
            pin_check(self.desk, username, pin),
            partial(self._checked, username, pin),
            partial(self._refused, username),
        )

    def _checked(self, username: str, pin: str, outcome: StaffMember | NewPinNeeded) -> None:
        if isinstance(outcome, NewPinNeeded):  # its dialog opens once this job is done
            choose = partial(self._choose_new_pin, username, pin, outcome.policy)
            QTimer.singleShot(0, self, choose)
        else:
            self._signed(outcome)  # the application shows the till opening next

    def _refused(self, username: str, error: Exception) -> None:
        self._done_waiting()
        if isinstance(error, NoLocalCopy):
            self.error_label.setText(self._no_copy_text())
        elif isinstance(error, LoginRefused):
            self.pin_edit.clear()
            self.error_label.setText(self._refusal_text(username, error))
        else:  # the server did not answer (a copy would have been asked), or a fault
            self.error_label.setText(headline(error))

    def _refusal_text(self, username: str, refusal: LoginRefused) -> str:
        if refusal.reason is LoginRefusal.NEW_PIN_REQUIRED:  # checked on the local copy
            return self.tr("A new PIN needs the server, which cannot be reached now: try later.")
        if refusal.locked_until is not None:
            until = refusal.locked_until.strftime("%H:%M")
            return self.tr("Too many wrong PINs. Locked until %1.").replace("%1", until)
        if refusal.reason is LoginRefusal.WRONG_PIN and username in self._trainees:
            return self.tr(
                "This till is not in training: a trainee signs in only after a "
                "manager switches it to training mode."
            )
        if refusal.reason is LoginRefusal.WRONG_PIN:
            return self.tr("Wrong PIN. Try again.")
        if refusal.reason is LoginRefusal.TRAINING_ONLY:
            return self.tr("Trainees sign in on a till in training: ask a manager to switch.")
        return self.tr("This staff member cannot sign in.")

    def read_staff(self) -> None:
        """Read the staff list (the server's, else the copy's) off the GUI thread; the
        window says it is reading it meanwhile, and nothing here can be tapped."""
        self._wait(self.tr("Reading the staff list…"))
        read = staff_read(self.desk, self._demo_marker)
        self._jobs.run(self, read, self._staff_read, self._staff_unread)

    def _staff_read(self, listed: StaffList) -> None:
        self._done_waiting()
        if self._unread:  # what was said of the last read no longer holds
            self.error_label.clear()
        self._add_staff(listed.staff)
        if self._demo_marker is not None and listed.demo:
            self._show_demo_hint()
        self._demo_marker = None  # read once the staff list is in
        self._first_read_back()

    def _staff_unread(self, error: Exception) -> None:
        """Neither the server nor a local copy could be read: said why; read at the next tap."""
        if self._waiting:
            self._done_waiting()
        self._unread = True
        if isinstance(error, NoLocalCopy):
            self.error_label.setText(self._no_copy_text())
        else:
            self.error_label.setText(headline(error))
        self._first_read_back()

    def _first_read_back(self) -> None:
        if not self._listed:
            self._listed = True
            self.staff_listed.emit()

    def _show_demo_hint(self) -> None:
        hint = QLabel(self.tr("Demo restaurant: cashier PIN 1111, manager PIN 9999"))
        hint.setObjectName("demoHint")
        hint.setStyleSheet("color: #555;")
        self._layout.insertWidget(self._layout.count() - 1, hint)  # above Sign in

    def _add_staff(self, on_duty: list[StaffMember]) -> None:
        self._unread = False
        self.offline_label.setText(
            self.tr("The server cannot be reached: signing in from this till's local copy.")
        )
        for staff in on_duty:
            self.staff_combo.addItem(staff_name(staff), staff.username)
        for row in range(self.staff_combo.count()):
            self.staff_combo.setItemData(row, QSize(0, TOUCH), Qt.ItemDataRole.SizeHintRole)
        self._trainees = {staff.username for staff in on_duty if staff.role is Role.TRAINEE}

    def _no_copy_text(self) -> str:
        return self.tr(
            "The server cannot be reached and this till has no local copy yet: check the "
            "server and the network, then try again."
        )

    def _choose_new_pin(self, username: str, pin: str, policy: PinPolicy) -> None:
        """A manager gave this PIN (a new account or a reset): the one-time PIN just typed
        signs in with a new one, saved off the GUI thread."""
        self._done_waiting()
        self.pin_edit.clear()
        changed: list[StaffMember] = []
        desk = self.desk

        def change(new_pin: str) -> None:  # on a pool thread
            changed.append(desk.change_pin(username, pin, new_pin))

        intro = self.tr("A manager gave you this PIN. Choose your own PIN and type it twice.")
        dialog = NewPinDialog(self.tr("Choose a new PIN"), intro, policy, change, self, self._jobs)
        if dialog.exec() == QDialog.DialogCode.Accepted and changed:
            self._signed(changed[-1])
        else:
            self.error_label.setText(self.tr("Sign in again with the PIN you were given."))
