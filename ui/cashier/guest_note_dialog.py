"""What a guest tells the cashier: an allergy for their profile, or a complaint a manager
follows up. Either or both are saved; a refusal is shown in the dialog."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.member_story import ComplaintCategory
from app.domain.members import MemberSummary
from app.domain.request_keys import new_request_key
from app.domain.staff import StaffMember
from app.services.guest_notes import FOLLOW_UP_DAYS, GuestNoteService
from ui.cashier.server_work import ServerWork, failure_text
from ui.widgets import error_label


class GuestNoteDialog(QDialog):
    def __init__(
        self,
        notes: GuestNoteService,
        staff: StaffMember,
        member: MemberSummary,
        work: ServerWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guestNoteDialog")
        self.setWindowTitle(self.tr("Allergy or complaint — %1").replace("%1", member.name))
        self._notes, self._staff, self.member, self._work = notes, staff, member, work
        self._saving = False
        self._complaint_key = new_request_key()  # a retry of this complaint opens it once
        self.saved: list[str] = []
        self.allergies_edit = QLineEdit(member.allergies, objectName="guestAllergiesEdit")
        self.allergies_edit.setPlaceholderText(self.tr("e.g. 花生过敏 peanuts"))
        self.category_combo = QComboBox(objectName="complaintCategoryCombo")
        for category, text in self._categories().items():
            self.category_combo.addItem(text, category)
        self.complaint_edit = QPlainTextEdit(objectName="complaintEdit")
        self.complaint_edit.setPlaceholderText(
            self.tr("What happened, in the guest's words (leave empty for no complaint)")
        )
        self.complaint_edit.setFixedHeight(90)
        self.error = error_label("guestNoteError")
        form = QFormLayout()
        form.addRow(self.tr("Allergies"), self.allergies_edit)
        form.addRow(self.tr("Complaint about"), self.category_combo)
        form.addRow(self.tr("Complaint"), self.complaint_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.confirm.setObjectName("saveGuestNoteButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        follow_up = self.tr("A manager follows a complaint up within %1 days.")
        layout.addWidget(QLabel(follow_up.replace("%1", str(FOLLOW_UP_DAYS))))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @property
    def waiting(self) -> bool:
        return self._work.busy

    def reject(self) -> None:
        if not self._saving:  # a note in flight may be saved: its result must be seen
            super().reject()

    def save(self) -> None:
        """Off the GUI thread: the allergies first, then the complaint; a retry after a
        failure saves again only what was not saved yet."""
        if self._saving:
            return
        self._set_saving(True)
        allergies = self.allergies_edit.text()
        if allergies.strip() == self.member.allergies.strip():
            self._save_complaint()
            return
        record = partial(self._notes.record_allergies, self._staff, self.member.member_id)
        self._work.run(self, partial(record, allergies), self._allergies_saved, self._failed)

    def _allergies_saved(self, kept: str) -> None:
        self.saved.append("allergies")
        self.member = replace(self.member, allergies=kept)  # a retry saves it once
        self._save_complaint()

    def _save_complaint(self) -> None:
        complaint = self.complaint_edit.toPlainText().strip()
        if not complaint:
            self._set_saving(False)
            self.accept()
            return
        category, member_id = self.category_combo.currentData(), self.member.member_id
        record = partial(self._notes.record_complaint, self._staff, member_id, category)
        keyed = partial(record, complaint, self._complaint_key)
        self._work.run(self, keyed, self._complaint_saved, self._failed)

    def _complaint_saved(self, _none: object) -> None:
        self.saved.append("complaint")
        self._set_saving(False)
        self.accept()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.confirm.setEnabled(not saving)

    def _failed(self, error: Exception) -> None:
        self._set_saving(False)
        self.error.setText(failure_text(error))

    def _categories(self) -> dict[ComplaintCategory, str]:
        return {
            ComplaintCategory.FOOD: self.tr("Food"),
            ComplaintCategory.SERVICE: self.tr("Service"),
            ComplaintCategory.WAITING: self.tr("Waiting time"),
            ComplaintCategory.HYGIENE: self.tr("Hygiene"),
            ComplaintCategory.BILLING: self.tr("Billing"),
            ComplaintCategory.OTHER: self.tr("Other"),
        }
