"""The back office's Staff page: everyone with their role and state, and what a manager
does about them (add, edit, disable or enable, reset a PIN, a badge), and the PIN policy.
Every action goes through ``StaffAdmin``, which checks the manager's stored role.

Each save, and the list read again once it came back, runs through the workspace's jobs
(off the GUI thread at the counter, at once where there is none): meanwhile the page's
buttons are off, and a failure is said on the page in one sentence."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.pin_policy import ALLOWED_MINIMUMS, MAX_PIN_LENGTH, PinPolicy
from app.domain.staff import StaffMember
from app.errors import TillError
from app.staff_admin.service import NewStaff, StaffAdmin, StaffEntry
from ui.errors import headline
from ui.jobs import InlineJobs, Jobs
from ui.manager.list_reread import ListReread
from ui.manager.staff_dialogs import BadgeEntryDialog, StaffFormDialog, role_text
from ui.manager.workspace_start import StaffStart
from ui.new_pin_dialog import TOUCH, NewPinDialog
from ui.widgets import error_label


class StaffTab(QWidget):
    def __init__(
        self,
        admin: StaffAdmin,
        manager: StaffMember,
        parent: QWidget | None = None,
        start: StaffStart | Exception | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        """``start``: the staff read off the GUI thread as the workspace opened; else
        read here. ``jobs``: where saves and reads run (the counter's; else at once)."""
        super().__init__(parent)
        self.setObjectName("staffTab")
        self._admin, self._manager = admin, manager
        self._jobs: Jobs = jobs or InlineJobs()
        self._busy = False  # a save, or the read after it, is out
        self._pin_policy = PinPolicy()
        self._entries: list[StaffEntry] = []
        self.table = QTableWidget(0, 5, objectName="staffTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Sign-in name"), self.tr("Role"), self.tr("State"),
             self.tr("Badge")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.edit())  # Enter or double-click
        self.error = error_label("staffError")
        self.policy = QComboBox(objectName="pinPolicyCombo")
        self.policy.setMinimumHeight(TOUCH)
        for minimum in ALLOWED_MINIMUMS:
            text = self.tr("%1 to %2 digits")
            self.policy.addItem(
                text.replace("%1", str(minimum)).replace("%2", str(MAX_PIN_LENGTH)), minimum
            )
        self.policy.activated.connect(self._policy_chosen)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()  # two rows of four: the page fits a 1024-pixel screen
        for index, (name, text, act) in enumerate(
            (
                ("addStaffButton", self.tr("Add…"), self.add),
                ("editStaffButton", self.tr("Edit…"), self.edit),
                ("disableStaffButton", self.tr("Disable"), lambda: self.set_active(False)),
                ("enableStaffButton", self.tr("Enable"), lambda: self.set_active(True)),
                ("resetPinButton", self.tr("Reset PIN…"), self.reset_pin),
                ("registerBadgeButton", self.tr("Register badge…"), self.register_badge),
                ("removeBadgeButton", self.tr("Remove badge"), self.remove_badge),
            )
        ):
            grid.addWidget(self._button(name, text, act), index // 4, index % 4)
        policy_row = QHBoxLayout()
        policy_label = QLabel(self.tr("PINs have"))
        policy_label.setBuddy(self.policy)
        policy_row.addWidget(policy_label)
        policy_row.addWidget(self.policy)
        policy_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(grid)
        layout.addLayout(policy_row)
        self.refresh(start)
        admin, manager = self._admin, self._manager

        def read() -> StaffStart:
            return StaffStart(admin.listed(manager), admin.pin_policy().min_length)

        self._reads = ListReread(
            self, self._jobs, read, self.refresh, (TillError, ValueError), self.error,
            self._set_busy, lambda: self._busy,
        )  # fmt: skip

    def _button(self, name: str, text: str, act: Callable[[], None]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(TOUCH)
        button.clicked.connect(act)
        self.buttons[name] = button
        return button

    def refresh(self, read: StaffStart | Exception | None = None) -> None:
        chosen = self.selected()
        try:
            if isinstance(read, Exception):
                raise read
            if read is None:
                read = StaffStart(
                    self._admin.listed(self._manager), self._admin.pin_policy().min_length
                )
            self._entries, minimum = read.entries, read.pin_minimum
        except (TillError, ValueError) as refused:
            self.error.setText(self._words(refused))
            self._entries = []
        else:
            self._pin_policy = PinPolicy(min_length=minimum)
            self.policy.setCurrentIndex(self.policy.findData(minimum))
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            badge = "" if entry.badge_last4 is None else f"…{entry.badge_last4}"
            cells = (
                entry.staff.display_name,
                entry.staff.username,
                role_text(entry.staff.role),
                self._state(entry),
                badge,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if chosen is not None and entry.staff.staff_id == chosen.staff.staff_id:
                self.table.selectRow(row)
        self._selection_changed()

    def _state(self, entry: StaffEntry) -> str:
        if not entry.active:
            return self.tr("Disabled")
        if entry.must_change_pin:
            return self.tr("Active: new PIN at next sign-in")
        if entry.locked:
            return self.tr("Active: locked after wrong PINs")
        return self.tr("Active")

    def selected(self) -> StaffEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows and self._entries else None

    def select(self, username: str) -> None:
        for row, entry in enumerate(self._entries):
            if entry.staff.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        entry = None if self._busy else self.selected()
        chosen = entry is not None
        self.buttons["addStaffButton"].setEnabled(not self._busy)
        self.policy.setEnabled(not self._busy)
        for name in ("editStaffButton", "resetPinButton", "registerBadgeButton"):
            self.buttons[name].setEnabled(chosen)
        self.buttons["disableStaffButton"].setEnabled(entry is not None and entry.active)
        self.buttons["enableStaffButton"].setEnabled(entry is not None and not entry.active)
        has_badge = entry is not None and entry.badge_last4 is not None
        self.buttons["removeBadgeButton"].setEnabled(has_badge)

    # what a manager does: each save through the jobs, then the list read again -------

    def add(self) -> None:
        if self._busy:
            return
        admin, manager = self._admin, self._manager

        def save(details: NewStaff, pin: str) -> None:
            admin.add(manager, details, pin)

        dialog = StaffFormDialog(save, None, self._pin_policy, self, self._jobs)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            username = dialog.username.text().strip()
            self._saved(lambda: self.select(username))

    def edit(self) -> None:
        entry = self.selected()
        if entry is None or self._busy:
            return
        staff, admin, manager = entry.staff, self._admin, self._manager
        current = NewStaff(staff.username, staff.display_name, staff.role)

        def save(details: NewStaff, _pin: str) -> None:
            admin.edit(manager, staff.staff_id, details.display_name, details.role)

        dialog = StaffFormDialog(save, current, None, self, self._jobs)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._saved()

    def set_active(self, active: bool) -> None:
        entry, admin, manager = self.selected(), self._admin, self._manager
        if entry is not None:
            staff_id = entry.staff.staff_id
            self._act(lambda: admin.set_active(manager, staff_id, active))

    def reset_pin(self) -> None:
        entry = self.selected()
        if entry is None or self._busy:
            return
        staff_id, admin, manager = entry.staff.staff_id, self._admin, self._manager

        def reset(pin: str) -> None:
            admin.reset_pin(manager, staff_id, pin)

        intro = self.tr(
            "Type a one-time PIN for %1 and tell them: it signs them in once, and they then "
            "choose their own."
        ).replace("%1", entry.staff.display_name)
        policy = self._pin_policy  # as last read: the service checks the PIN by its own
        dialog = NewPinDialog(self.tr("Reset PIN"), intro, policy, reset, self, self._jobs)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._saved()

    def register_badge(self) -> None:
        entry = self.selected()
        if entry is None or self._busy:
            return
        staff_id, admin, manager = entry.staff.staff_id, self._admin, self._manager

        def register(read: str) -> None:
            admin.register_badge(manager, staff_id, read)

        dialog = BadgeEntryDialog(entry.staff.display_name, register, self, self._jobs)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._saved()

    def remove_badge(self) -> None:
        entry, admin, manager = self.selected(), self._admin, self._manager
        if entry is not None:
            staff_id = entry.staff.staff_id
            self._act(lambda: admin.remove_badge(manager, staff_id))

    def _policy_chosen(self, _index: int) -> None:
        minimum, admin, manager = int(self.policy.currentData()), self._admin, self._manager
        self._act(lambda: admin.set_pin_policy(manager, minimum))

    def _act(self, action: Callable[[], object]) -> None:
        """Do it through the jobs; a refusal is shown in the interface language and the
        list is read again; a server that did not answer is said, and nothing changes."""
        if self._busy:
            return
        self._set_busy(True)
        self._jobs.run(self, action, lambda _done: self._saved(), self._not_saved)

    def _saved(self, then: Callable[[], None] = lambda: None) -> None:
        self.error.clear()
        self._reads.reread(then, saved=True)

    def _not_saved(self, error: Exception) -> None:
        self._set_busy(False)
        self.error.setText(self._words(error))
        if isinstance(error, (TillError, ValueError)):  # refused: the list may have moved
            self._reads.reread(lambda: self.error.setText(self._words(error)))
        else:  # unanswered: the PIN policy shown goes back to the one stored
            self.policy.setCurrentIndex(self.policy.findData(self._pin_policy.min_length))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._selection_changed()

    def _words(self, error: Exception) -> str:
        if isinstance(error, ValueError):
            return self.tr("The PIN policy setting is not one the till knows.")
        return headline(error)  # a refusal, or no answer from the server
