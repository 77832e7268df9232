"""A manager edits a member's profile and consents. The service checks every value (the
enrolment rules) and records each change; this dialog shows its refusals in place and
closes once saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enrolment import MAX_NAME_LENGTH, Gender
from app.domain.member_profile import Consents, FieldChange, ProfileProblem, ProfileValues
from app.domain.member_story import MAX_TEXT_LENGTH
from app.errors import TillError
from app.services.member_profile import ProfileRefused
from ui.errors import describe_error
from ui.widgets import confirm_buttons, error_label, picked_date


def refusal_text(error: ProfileRefused) -> str:
    """Why the service refused an edit or an erasure, in the user's language."""

    translate = QCoreApplication.translate
    holder = error.holder
    texts = {
        ProfileProblem.BAD_PHONE: translate("MemberProfileDialog", "Enter a valid phone number."),
        ProfileProblem.MOBILE_TOO_SHORT: translate(
            "MemberProfileDialog", "A mobile number has 11 digits: this one has fewer. Check it."
        ),
        ProfileProblem.MOBILE_TOO_LONG: translate(
            "MemberProfileDialog", "A mobile number has 11 digits: this one has more. Check it."
        ),
        ProfileProblem.NO_AREA_CODE: translate(
            "MemberProfileDialog", "Write a landline with its area code (010 …)."
        ),
        ProfileProblem.NO_NAME: translate("MemberProfileDialog", "Enter the member's name."),
        ProfileProblem.NAME_TOO_LONG: translate("MemberProfileDialog", "The name is too long."),
        ProfileProblem.BIRTHDAY_NOT_PAST: translate(
            "MemberProfileDialog", "The birthday must be in the past."
        ),
        ProfileProblem.TEXT_TOO_LONG: translate(
            "MemberProfileDialog", "A text is too long (1000 characters at most)."
        ),
        ProfileProblem.PHONE_TAKEN: (
            translate("MemberProfileDialog", "This phone already belongs to %1 (%2, %3).")
            .replace("%1", holder.name)
            .replace("%2", holder.member_no)
            .replace("%3", holder.masked_phone)
            if holder is not None
            else translate("MemberProfileDialog", "This phone already belongs to another member.")
        ),
        ProfileProblem.MEMBER_NOT_FOUND: translate(
            "MemberProfileDialog", "This member no longer exists."
        ),
        ProfileProblem.MERGED: translate(
            "MemberProfileDialog", "This record was merged into another member."
        ),
        ProfileProblem.ERASED: translate(
            "MemberProfileDialog", "This member was erased; the profile cannot change."
        ),
        ProfileProblem.CONFIRMATION_MISMATCH: translate(
            "MemberProfileDialog", "The member number typed does not match."
        ),
        ProfileProblem.STORED_VALUE_LEFT: translate(
            "MemberProfileDialog",
            "The member still has stored value: pay it out or let them use it first.",
        ),
    }
    return "\n".join(texts[problem] for problem in error.problems)


class MemberProfileDialog(QDialog):
    """``save(values)`` stores the edit (raising ``ProfileRefused``); ``changes`` is what
    it changed once the dialog was accepted."""

    def __init__(
        self,
        values: ProfileValues,
        save: Callable[[ProfileValues], list[FieldChange]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberProfileDialog")
        self.setWindowTitle(self.tr("Edit profile"))
        self._save = save
        self.changes: list[FieldChange] = []
        self.name_edit = QLineEdit(values.name, objectName="profileNameEdit")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH + 10)  # the service says when too long
        self.phone_edit = QLineEdit(values.phone, objectName="profilePhoneEdit")
        self.birthday_known = QCheckBox(self.tr("Known"), objectName="profileBirthdayKnown")
        born = values.birthday
        self.birthday_edit: QDateEdit = QDateEdit(objectName="profileBirthdayEdit")
        self.birthday_edit.setDisplayFormat("yyyy-MM-dd")
        self.birthday_edit.setCalendarPopup(True)
        self.birthday_edit.setDate(
            QDate(born.year, born.month, born.day) if born else QDate(1990, 1, 1)
        )
        self.birthday_known.toggled.connect(self.birthday_edit.setEnabled)
        self.birthday_known.setChecked(born is not None)
        self.birthday_edit.setEnabled(born is not None)
        birthday_row = QHBoxLayout()
        birthday_row.addWidget(self.birthday_known)
        birthday_row.addWidget(self.birthday_edit, 1)
        self.gender_combo = QComboBox(objectName="profileGenderCombo")
        for gender, text in (
            (Gender.UNSPECIFIED, self.tr("Not given")),
            (Gender.FEMALE, self.tr("Female")),
            (Gender.MALE, self.tr("Male")),
        ):
            self.gender_combo.addItem(text, gender.value)
        self.gender_combo.setCurrentIndex(self.gender_combo.findData(values.gender.value))
        self.preferences_edit = self._line("profilePreferencesEdit", values.preferences)
        self.allergies_edit = self._line("profileAllergiesEdit", values.allergies)
        self.notes_edit = QPlainTextEdit(values.notes, objectName="profileNotesEdit")
        self.notes_edit.setFixedHeight(70)
        c = values.consents
        self.consent_checks = {
            "marketing": QCheckBox(self.tr("Direct marketing"), objectName="consentMarketingCheck"),
            "third_party": QCheckBox(
                self.tr("Disclosure to third parties"), objectName="consentThirdPartyCheck"
            ),
            "automated": QCheckBox(
                self.tr("Automated decisions (segments, targeted offers)"),
                objectName="consentAutomatedCheck",
            ),
            "sensitive": QCheckBox(
                self.tr("Sensitive data (allergies, health)"), objectName="consentSensitiveCheck"
            ),
        }
        consents = QGroupBox(self.tr("The member agrees to"))
        consent_layout = QVBoxLayout(consents)
        for name, check in self.consent_checks.items():
            check.setChecked(getattr(c, name))
            consent_layout.addWidget(check)
        self.error = error_label("profileError")
        form = QFormLayout(self)
        form.addRow(self.tr("Name *"), self.name_edit)
        form.addRow(self.tr("Phone *"), self.phone_edit)
        form.addRow(self.tr("Birthday"), birthday_row)
        form.addRow(self.tr("Gender"), self.gender_combo)
        form.addRow(self.tr("Preferences"), self.preferences_edit)
        form.addRow(self.tr("Allergies"), self.allergies_edit)
        form.addRow(self.tr("Notes"), self.notes_edit)
        form.addRow(consents)
        hint = QLabel(self.tr("Every change is kept in the member's edit history."))
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "saveProfileButton", self._confirm, self.tr("Save")))

    def values(self) -> ProfileValues:
        birthday = picked_date(self.birthday_edit) if self.birthday_known.isChecked() else None
        checks = {name: check.isChecked() for name, check in self.consent_checks.items()}
        return ProfileValues(
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            birthday=birthday,
            gender=Gender(self.gender_combo.currentData()),
            preferences=self.preferences_edit.text(),
            allergies=self.allergies_edit.text(),
            notes=self.notes_edit.toPlainText(),
            consents=Consents(**checks),
        )

    def _confirm(self) -> None:
        try:
            self.changes = self._save(self.values())
        except ProfileRefused as error:
            self.error.setText(refusal_text(error))
            return
        except TillError as error:
            self.error.setText(describe_error(error))
            return
        self.accept()

    def _line(self, name: str, text: str) -> QLineEdit:
        edit: QLineEdit = QLineEdit(text, objectName=name)
        edit.setMaxLength(MAX_TEXT_LENGTH)
        return edit
