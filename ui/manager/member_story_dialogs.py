"""Small dialogs that add to a member's story: a complaint, its resolution, a feedback
score and a no-show. Each is modal; after ``exec()`` returns Accepted, read its values.
The service validates every entry; these dialogs only refuse money they cannot read."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.domain.member_story import (
    MAX_PARTY_SIZE,
    MAX_TEXT_LENGTH,
    AbsenceKind,
    ComplaintCategory,
    NewComplaint,
    StoryOrder,
)
from app.domain.money import Currency, parse_money
from app.domain.staff import StaffMember
from ui.manager.member_story_sections import absence_names, category_names, when
from ui.widgets import confirm_buttons, error_label, picked_date, picked_datetime


class ComplaintDialog(QDialog):
    def __init__(
        self,
        staff: list[StaffMember],
        today: date,
        currency: Currency,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.setWindowTitle(self.tr("Record a complaint"))
        self._currency = currency
        self.category_combo = QComboBox(objectName="complaintCategoryCombo")
        for value, text in category_names().items():
            self.category_combo.addItem(text, value)
        self.description_edit = QPlainTextEdit(objectName="complaintDescriptionEdit")
        self.description_edit.setPlaceholderText(self.tr("What went wrong, in the guest's words"))
        self.owner_combo = QComboBox(objectName="complaintOwnerCombo")
        self.owner_combo.addItem(self.tr("Nobody yet"), None)
        for person in staff:
            self.owner_combo.addItem(person.display_name, int(person.staff_id))
        self.promise_check = QCheckBox(
            self.tr("Promise a resolution by"), objectName="promiseCheck"
        )
        self.promise_check.setChecked(True)
        self.promised_edit: QDateEdit = QDateEdit(objectName="complaintPromisedEdit")
        self.promised_edit.setCalendarPopup(True)
        self.promised_edit.setDisplayFormat("yyyy-MM-dd")
        self.promised_edit.setDate(QDate(today.year, today.month, today.day).addDays(3))
        self.promise_check.toggled.connect(self.promised_edit.setEnabled)
        self.compensation_edit = QLineEdit("0", objectName="complaintCompensationEdit")
        self.compensation_note_edit = QLineEdit(objectName="complaintCompensationNoteEdit")
        self.compensation_note_edit.setMaxLength(MAX_TEXT_LENGTH)
        self.compensation_note_edit.setPlaceholderText(self.tr("e.g. dessert on the house"))
        self.error = error_label("complaintError")
        layout = QFormLayout(self)
        layout.addRow(self.tr("Category"), self.category_combo)
        layout.addRow(self.tr("Description"), self.description_edit)
        layout.addRow(self.tr("Owner"), self.owner_combo)
        layout.addRow(self.promise_check, self.promised_edit)
        layout.addRow(self.tr("Compensation"), self.compensation_edit)
        layout.addRow(self.tr("Compensation note"), self.compensation_note_edit)
        layout.addRow(self.error)
        layout.addRow(
            confirm_buttons(self, "confirmComplaintButton", self._confirm, self.tr("Save"))
        )
        self._complaint: NewComplaint | None = None

    def _confirm(self) -> None:
        try:
            compensation = parse_money(self.compensation_edit.text() or "0", self._currency)
        except ValueError:
            self.error.setText(self.tr("Enter the compensation as an amount, e.g. 20 or 20.50."))
            return
        promised = picked_date(self.promised_edit) if self.promise_check.isChecked() else None
        self._complaint = NewComplaint(
            category=ComplaintCategory(self.category_combo.currentData()),
            description=self.description_edit.toPlainText(),
            owner_id=self.owner_combo.currentData(),
            promised_on=promised,
            compensation=compensation,
            compensation_note=self.compensation_note_edit.text(),
        )
        self.accept()

    def complaint(self) -> NewComplaint:
        assert self._complaint is not None, "read only after Accepted"
        return self._complaint


class ResolveDialog(QDialog):
    def __init__(self, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle(self.tr("Resolve the complaint"))
        self.outcome_edit: QPlainTextEdit = QPlainTextEdit(objectName="resolveOutcomeEdit")
        self.outcome_edit.setPlaceholderText(self.tr("How it was resolved"))
        layout = QFormLayout(self)
        layout.addRow(self.tr("Complaint"), QLineEdit(description, readOnly=True))
        layout.addRow(self.tr("Outcome"), self.outcome_edit)
        layout.addRow(
            confirm_buttons(self, "confirmResolveButton", self.accept, self.tr("Resolve"))
        )

    def outcome(self) -> str:
        return self.outcome_edit.toPlainText()


class FeedbackDialog(QDialog):
    def __init__(
        self, orders: tuple[StoryOrder, ...], currency: Currency, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.setWindowTitle(self.tr("Record feedback"))
        self.score_spin = QSpinBox(objectName="feedbackScoreSpin")
        self.score_spin.setRange(1, 5)
        self.score_spin.setValue(5)
        self.order_combo = QComboBox(objectName="feedbackOrderCombo")
        self.order_combo.addItem(self.tr("No particular visit"), None)
        for order in orders[:20]:
            self.order_combo.addItem(f"{when(order.at)}  {order.order_no}", order.order_id)
        if orders:
            self.order_combo.setCurrentIndex(1)  # usually about the latest visit
        self.comment_edit: QLineEdit = QLineEdit(objectName="feedbackCommentEdit")
        self.comment_edit.setMaxLength(MAX_TEXT_LENGTH)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Score (1 poor – 5 excellent)"), self.score_spin)
        layout.addRow(self.tr("Visit"), self.order_combo)
        layout.addRow(self.tr("Comment"), self.comment_edit)
        layout.addRow(confirm_buttons(self, "confirmFeedbackButton", self.accept, self.tr("Save")))

    def score(self) -> int:
        return self.score_spin.value()

    def order_id(self) -> int | None:
        data = self.order_combo.currentData()
        return int(data) if data is not None else None

    def comment(self) -> str:
        return self.comment_edit.text()


class NoShowDialog(QDialog):
    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noShowDialog")
        self.setWindowTitle(self.tr("Record a no-show or cancellation"))
        self.kind_combo = QComboBox(objectName="noShowKindCombo")
        for value, text in absence_names().items():
            self.kind_combo.addItem(text, value)
        self.booked_edit: QDateTimeEdit = QDateTimeEdit(objectName="noShowBookedEdit")
        self.booked_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.booked_edit.setCalendarPopup(True)
        self.booked_edit.setDateTime(
            QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, 0))
        )
        self.party_spin = QSpinBox(objectName="noShowPartySpin")
        self.party_spin.setRange(1, MAX_PARTY_SIZE)
        self.party_spin.setValue(2)
        self.note_edit: QLineEdit = QLineEdit(objectName="noShowNoteEdit")
        self.note_edit.setMaxLength(MAX_TEXT_LENGTH)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Kind"), self.kind_combo)
        layout.addRow(self.tr("Booked for"), self.booked_edit)
        layout.addRow(self.tr("Party size"), self.party_spin)
        layout.addRow(self.tr("Note"), self.note_edit)
        layout.addRow(confirm_buttons(self, "confirmNoShowButton", self.accept, self.tr("Save")))

    def kind(self) -> AbsenceKind:
        return AbsenceKind(self.kind_combo.currentData())

    def booked_for(self) -> datetime:
        return picked_datetime(self.booked_edit)

    def party_size(self) -> int:
        return self.party_spin.value()

    def note(self) -> str:
        return self.note_edit.text()
