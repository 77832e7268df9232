"""What a guest tells the cashier: an allergy for their profile, or a complaint a manager
follows up. Either or both are saved; a refusal is shown in the dialog."""

from __future__ import annotations

from dataclasses import replace

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
from app.domain.staff import StaffMember
from app.errors import TillError
from app.services.guest_notes import FOLLOW_UP_DAYS, GuestNoteService
from ui.errors import describe_error
from ui.widgets import error_label


class GuestNoteDialog(QDialog):
    def __init__(
        self,
        notes: GuestNoteService,
        staff: StaffMember,
        member: MemberSummary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guestNoteDialog")
        self.setWindowTitle(self.tr("Allergy or complaint — %1").replace("%1", member.name))
        self._notes, self._staff, self._member = notes, staff, member
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
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveGuestNoteButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        follow_up = self.tr("A manager follows a complaint up within %1 days.")
        layout.addWidget(QLabel(follow_up.replace("%1", str(FOLLOW_UP_DAYS))))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        member_id = self._member.member_id
        complaint = self.complaint_edit.toPlainText().strip()
        try:
            if self.allergies_edit.text().strip() != self._member.allergies.strip():
                kept = self._notes.record_allergies(
                    self._staff, member_id, self.allergies_edit.text()
                )
                self.saved.append("allergies")
                self._member = replace(self._member, allergies=kept)  # a retry saves it once
            if complaint:
                category = self.category_combo.currentData()
                self._notes.record_complaint(self._staff, member_id, category, complaint)
                self.saved.append("complaint")
        except TillError as error:
            self.error.setText(describe_error(error))
            return
        self.accept()

    def _categories(self) -> dict[ComplaintCategory, str]:
        return {
            ComplaintCategory.FOOD: self.tr("Food"),
            ComplaintCategory.SERVICE: self.tr("Service"),
            ComplaintCategory.WAITING: self.tr("Waiting time"),
            ComplaintCategory.HYGIENE: self.tr("Hygiene"),
            ComplaintCategory.BILLING: self.tr("Billing"),
            ComplaintCategory.OTHER: self.tr("Other"),
        }
