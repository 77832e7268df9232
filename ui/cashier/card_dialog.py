"""Give a member a new card (a replacement for a lost one, or a first card)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.members import MemberSummary
from app.domain.staff import StaffMember
from app.services.enrolment import CardRefused, EnrolmentService
from ui.cashier.enrol_dialog import card_number_shown, describe_matches, problem_text
from ui.cashier.server_work import ServerWork, failure_text
from ui.widgets import Standard, confirm_buttons, error_label


class IssueCardDialog(QDialog):
    """On success ``card_no`` is the new card. A card read arrives through ``card_read``."""

    def __init__(
        self,
        enrolment: EnrolmentService,
        staff: StaffMember,
        member: MemberSummary,
        work: ServerWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueCardDialog")
        self.setWindowTitle(self.tr("New card"))
        self._enrolment, self._staff, self._member = enrolment, staff, member
        self._work, self._issuing = work, False
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
        buttons = confirm_buttons(self, "confirmIssueCardButton", self.issue, self.tr("Issue card"))
        self.confirm = buttons.button(Standard.Ok)
        form.addRow(buttons)
        self.card_edit.setFocus()

    def card_read(self, raw: str) -> None:
        self.card_edit.setText(card_number_shown(raw))

    @property
    def waiting(self) -> bool:
        return self._work.busy

    def reject(self) -> None:
        if not self._issuing:  # a card in flight may be issued: its result must be seen
            super().reject()

    def issue(self) -> None:
        """Off the GUI thread; the card number stays as typed until it is issued."""
        if self._issuing:
            return
        self._set_issuing(True)
        enrolment, staff, member_id = self._enrolment, self._staff, self._member.member_id
        card, block = self.card_edit.text(), self.block_box.isChecked()
        self._work.run(
            self,
            lambda: enrolment.issue_card(staff, member_id, card, block_others=block),
            self._issued,
            self._failed,
        )

    def _set_issuing(self, issuing: bool) -> None:
        self._issuing = issuing
        self.confirm.setEnabled(not issuing)

    def _issued(self, card_no: str) -> None:
        self._set_issuing(False)
        self.card_no = card_no
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_issuing(False)
        if isinstance(error, CardRefused):
            holder = (error.holder,) if error.holder is not None else ()
            text = problem_text(error.problem)
            self.error.setText(f"{text}\n{describe_matches(holder)}" if holder else text)
        else:
            self.error.setText(failure_text(error))
