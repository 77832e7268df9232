"""Give a member a new card (a replacement for a lost one, or a first card)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.members import MemberSummary
from app.domain.staff import StaffMember
from app.errors import TillError
from app.services.enrolment import CardRefused, EnrolmentService
from ui.cashier.enrol_dialog import card_number_shown, describe_matches, problem_text
from ui.errors import describe_error
from ui.widgets import confirm_buttons, error_label


class IssueCardDialog(QDialog):
    """On success ``card_no`` is the new card. A card read arrives through ``card_read``."""

    def __init__(
        self,
        enrolment: EnrolmentService,
        staff: StaffMember,
        member: MemberSummary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueCardDialog")
        self.setWindowTitle(self.tr("New card"))
        self._enrolment, self._staff, self._member = enrolment, staff, member
        self.card_no = ""
        self.card_edit = QLineEdit(objectName="issueCardEdit")
        self.card_edit.setPlaceholderText(self.tr("Swipe the new card now, or type its number"))
        self.block_box = QCheckBox(
            self.tr("Block the member's other cards (reported lost)"), objectName="blockOtherCards"
        )
        self.block_box.setChecked(True)
        self.error = error_label("issueCardError")
        form = QFormLayout(self)
        form.addRow(QLabel(f"{member.name} · {member.masked_phone} · {member.member_no}"))
        form.addRow(self.tr("Card"), self.card_edit)
        form.addRow(self.block_box)
        form.addRow(self.error)
        form.addRow(
            confirm_buttons(self, "confirmIssueCardButton", self.issue, self.tr("Issue card"))
        )
        self.card_edit.setFocus()

    def card_read(self, raw: str) -> None:
        self.card_edit.setText(card_number_shown(raw))

    def issue(self) -> None:
        try:
            self.card_no = self._enrolment.issue_card(
                self._staff,
                self._member.member_id,
                self.card_edit.text(),
                block_others=self.block_box.isChecked(),
            )
        except CardRefused as refused:
            holder = (refused.holder,) if refused.holder is not None else ()
            text = problem_text(refused.problem)
            self.error.setText(f"{text}\n{describe_matches(holder)}" if holder else text)
            return
        except TillError as error:
            self.error.setText(describe_error(error))
            return
        self.accept()
