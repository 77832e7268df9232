"""Enrol a new member in under 30 seconds: phone, name, and a card swiped on the reader."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from app.domain.card_reads import CardRead, ReadKind, decode_read
from app.domain.enrolment import EnrolmentForm, EnrolmentProblem, Gender
from app.domain.members import MemberCandidate, MemberSummary
from app.domain.staff import StaffMember
from app.services.enrolment import DuplicateCheck, EnrolmentRefused
from ui.cashier.discard import confirm_drop_form
from ui.cashier.server_work import ServerWork, failure_text
from ui.widgets import Standard, confirm_buttons, error_label, picked_date


def problem_text(problem: EnrolmentProblem) -> str:
    translate = QCoreApplication.translate
    return {
        EnrolmentProblem.BAD_PHONE: translate("Enrolment", "Enter a valid phone number."),
        EnrolmentProblem.MOBILE_TOO_SHORT: translate(
            "Enrolment", "A mobile number has 11 digits: this one has fewer. Check it."
        ),
        EnrolmentProblem.MOBILE_TOO_LONG: translate(
            "Enrolment", "A mobile number has 11 digits: this one has more. Check it."
        ),
        EnrolmentProblem.NO_AREA_CODE: translate(
            "Enrolment", "Write a landline with its area code (010 …)."
        ),
        EnrolmentProblem.NO_NAME: translate("Enrolment", "Enter the member's name."),
        EnrolmentProblem.NAME_TOO_LONG: translate("Enrolment", "The name is too long."),
        EnrolmentProblem.BIRTHDAY_NOT_PAST: translate(
            "Enrolment", "The birthday must be in the past."
        ),
        EnrolmentProblem.CARD_UNREADABLE: translate(
            "Enrolment", "Card not read: swipe it again, or type the number printed on it."
        ),
        EnrolmentProblem.PHONE_TAKEN: translate(
            "Enrolment", "This phone already belongs to a member:"
        ),
        EnrolmentProblem.CARD_TAKEN: translate(
            "Enrolment", "This card already belongs to a member:"
        ),
        EnrolmentProblem.LOOKS_LIKE_EXISTING: translate(
            "Enrolment", "A member with a very similar name has the same birthday:"
        ),
    }[problem]


EARLY_WARNINGS = (
    EnrolmentProblem.PHONE_TAKEN,
    EnrolmentProblem.CARD_TAKEN,
    EnrolmentProblem.CARD_UNREADABLE,
    EnrolmentProblem.LOOKS_LIKE_EXISTING,
)
"""What ``check`` shows before Enrol (the rest is said when the cashier presses it)."""


def describe_matches(matches: tuple[MemberCandidate, ...]) -> str:
    return "\n".join(f"  {m.name} · {m.masked_phone} · {m.member_no}" for m in matches)


def card_number_shown(raw: str) -> str:
    """The card a read names (its number, not its raw track data; ``EM:``/``UID:`` and
    the card's identity); the raw text if none."""
    read = decode_read(raw)
    if isinstance(read, CardRead) and read.kind is not ReadKind.MEMBER_CODE:
        return read.text()
    return raw.strip()


class Enrolling(Protocol):
    """What the dialog asks: ``EnrolmentService``, or its switch to the local copy."""

    def check(self, form: EnrolmentForm) -> DuplicateCheck: ...

    def enrol(
        self, staff: StaffMember, form: EnrolmentForm, *, accept_look_alike: bool = False
    ) -> MemberSummary: ...


class EnrolDialog(QDialog):
    """On success ``member`` is the new member. A card read arrives through ``card_read``."""

    def __init__(
        self,
        enrolment: Enrolling,
        staff: StaffMember,
        work: ServerWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("New member"))
        self._enrolment, self._staff, self._work = enrolment, staff, work
        self._ticket, self._enrolling = 0, False
        self.member: MemberSummary | None = None
        self._opened_as: EnrolmentForm | None = None
        self.phone_edit = QLineEdit(objectName="enrolPhoneEdit")
        self.phone_edit.setPlaceholderText(self.tr("Mobile, e.g. 138 0013 8000"))
        self.name_edit = QLineEdit(objectName="enrolNameEdit")
        self.card_edit = QLineEdit(objectName="enrolCardEdit")
        self.card_edit.setPlaceholderText(self.tr("Swipe the new card now, or type its number"))
        self.birthday_known = QCheckBox(self.tr("Known"), objectName="enrolBirthdayKnown")
        self.birthday_edit: QDateEdit = QDateEdit(QDate(1990, 1, 1), objectName="enrolBirthdayEdit")
        self.birthday_edit.setDisplayFormat("yyyy-MM-dd")
        self.birthday_edit.setCalendarPopup(True)
        self.birthday_edit.setEnabled(False)
        self.birthday_known.toggled.connect(self.birthday_edit.setEnabled)
        birthday_row = QHBoxLayout()
        birthday_row.addWidget(self.birthday_known)
        birthday_row.addWidget(self.birthday_edit, 1)
        self.gender_combo = QComboBox(objectName="enrolGenderCombo")
        for text, gender in (
            (self.tr("Not given"), Gender.UNSPECIFIED),
            (self.tr("Female"), Gender.FEMALE),
            (self.tr("Male"), Gender.MALE),
        ):
            self.gender_combo.addItem(text, gender)
        self.allergies_edit = QLineEdit(objectName="enrolAllergiesEdit")
        self.preferences_edit = QLineEdit(objectName="enrolPreferencesEdit")
        self.consent_box = QCheckBox(
            self.tr("Agrees to receive offers (SMS / WeChat)"), objectName="enrolConsentBox"
        )
        self.different_person = QCheckBox(
            self.tr("I checked: this is a different person"), objectName="enrolDifferentPerson"
        )
        self.different_person.setVisible(False)
        self.error = error_label("enrolError")
        for edit in (self.phone_edit, self.card_edit):
            edit.editingFinished.connect(self.check)
        self.birthday_edit.editingFinished.connect(self.check)

        form = QFormLayout(self)
        form.addRow(self.tr("Phone *"), self.phone_edit)
        form.addRow(self.tr("Name *"), self.name_edit)
        form.addRow(self.tr("Card"), self.card_edit)
        form.addRow(self.tr("Birthday"), birthday_row)
        form.addRow(self.tr("Gender"), self.gender_combo)
        form.addRow(self.tr("Allergies"), self.allergies_edit)
        form.addRow(self.tr("Preferences"), self.preferences_edit)
        form.addRow(self.consent_box)
        form.addRow(self.error)
        form.addRow(self.different_person)
        buttons = confirm_buttons(self, "enrolConfirmButton", self.enrol, self.tr("Enrol"))
        self.confirm = buttons.button(Standard.Ok)
        buttons.rejected.disconnect()
        buttons.rejected.connect(self._cancel)
        form.addRow(buttons)
        self.phone_edit.setFocus()

    def form(self) -> EnrolmentForm:
        birthday = picked_date(self.birthday_edit) if self.birthday_known.isChecked() else None
        return EnrolmentForm(
            phone=self.phone_edit.text(),
            name=self.name_edit.text(),
            birthday=birthday,
            gender=self.gender_combo.currentData(),
            card=self.card_edit.text(),
            preferences=self.preferences_edit.text(),
            allergies=self.allergies_edit.text(),
            marketing_consent=self.consent_box.isChecked(),
        )

    def showEvent(self, event: QShowEvent) -> None:
        if self._opened_as is None:
            self._opened_as = self.form()  # with the phone the cashier had searched for
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc (like Cancel): a form with something typed in asks before it is lost."""
        if event.key() == Qt.Key.Key_Escape and not self._may_drop():
            return
        super().keyPressEvent(event)

    def _cancel(self) -> None:
        if self._may_drop():
            self.reject()

    def _may_drop(self) -> bool:
        typed = self._opened_as is not None and self.form() != self._opened_as
        return not typed or confirm_drop_form(self)

    def card_read(self, raw: str) -> None:
        """A swipe or scan while the dialog is open is the new member's card."""
        self.card_edit.setText(card_number_shown(raw))
        self.check()

    @property
    def waiting(self) -> bool:
        """A check or the enrolment has not come back yet."""
        return self._work.busy

    def reject(self) -> None:
        if not self._enrolling:  # an enrolment in flight may commit: its result must be seen
            super().reject()

    def check(self) -> None:
        """Warn about duplicates as soon as the phone or card is in, before Enrol (read off
        the GUI thread; only the latest check's answer shows)."""
        self._ticket += 1
        ticket, enrolment, form = self._ticket, self._enrolment, self.form()
        self._work.run(
            self,
            lambda: enrolment.check(form),
            lambda problems: self._checked(ticket, problems),
            lambda error: self._failed(error) if ticket == self._ticket else None,
            offline=True,
        )

    def _checked(self, ticket: int, problems: DuplicateCheck) -> None:
        if ticket != self._ticket:
            return
        shown = [p for p in problems.problems if p in EARLY_WARNINGS]
        self._show(shown, problems.matches)

    def enrol(self) -> None:
        """Off the GUI thread; the form stays as typed until the member is made."""
        if self._enrolling:
            return
        self._ticket += 1  # a check still out would only repeat what this says
        enrolment, staff, form = self._enrolment, self._staff, self.form()
        look_alike = self.different_person.isChecked()
        self._set_enrolling(True)
        self._work.run(
            self,
            lambda: enrolment.enrol(staff, form, accept_look_alike=look_alike),
            self._enrolled,
            self._failed,
            offline=True,
        )

    def _set_enrolling(self, enrolling: bool) -> None:
        self._enrolling = enrolling
        self.confirm.setEnabled(not enrolling)

    def _enrolled(self, member: MemberSummary) -> None:
        self._set_enrolling(False)
        self.member = member
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_enrolling(False)
        if isinstance(error, EnrolmentRefused):
            self._show(error.problems, error.matches)
        else:
            self.error.setText(failure_text(error))

    def _show(self, problems: list[EnrolmentProblem], matches: tuple[MemberCandidate, ...]) -> None:
        lines = [problem_text(p) for p in problems]
        if matches:
            lines.append(describe_matches(matches))
        self.error.setText("\n".join(lines))
        look_alike = EnrolmentProblem.LOOKS_LIKE_EXISTING in problems
        self.different_person.setVisible(look_alike or self.different_person.isChecked())
