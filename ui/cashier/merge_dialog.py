"""Merge a duplicate record into the member on the order; a cashier needs a manager's
approval."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.approvals import Approval
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.money import Currency, format_money
from app.domain.staff import StaffMember
from app.errors import TillError
from app.services.member_merge import (
    MemberMergeService,
    MergeProblem,
    MergeRefused,
    MergeResult,
)
from app.services.members import Identification
from ui.cashier.approval_dialog import ApprovalDialog, Approvers, refusal_text
from ui.cashier.member_search_box import MemberSearchBox
from ui.widgets import confirm_buttons, error_label


class MemberFinder(Protocol):
    """How the duplicate is found and read (``MemberService``)."""

    def search(self, text: str) -> Identification: ...

    def load(self, member_id: MemberId) -> MemberSummary: ...


class MergeDialog(QDialog):
    """On success ``merged`` holds the surviving member with the combined balances."""

    def __init__(
        self,
        merge: MemberMergeService,
        members: MemberFinder,
        approvers: Approvers,
        currency: Currency,
        staff: StaffMember,
        survivor: MemberSummary,
        language: str,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge duplicate member"))
        self._merge_service, self._members = merge, members
        self._approvers, self._currency = approvers, currency
        self._staff, self._survivor = staff, survivor
        self.absorbed: MemberSummary | None = None
        self.merged: MergeResult | None = None
        self.search_box = MemberSearchBox(members.search, language, today)
        self.search_box.candidate_chosen.connect(self._pick)
        self.keep_label = QLabel(self._describe(survivor), objectName="mergeKeepLabel")
        self.absorbed_label = QLabel(self.tr("Search for the duplicate above."))
        self.absorbed_label.setObjectName("mergeAbsorbedLabel")
        self.reason_edit = QLineEdit(objectName="mergeReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("e.g. enrolled twice with two phones"))
        self.same_guest = QCheckBox(
            self.tr("I checked with the guest: both records are the same person"),
            objectName="mergeSameGuest",
        )
        self.error = error_label("mergeError")
        form = QFormLayout(self)
        form.addRow(self.tr("Keep"), self.keep_label)
        form.addRow(self.tr("Duplicate"), self.search_box)
        form.addRow("", self.absorbed_label)
        form.addRow(self.tr("Reason"), self.reason_edit)
        form.addRow(self.same_guest)
        form.addRow(
            QLabel(
                self.tr(
                    "Cards, orders, points and stored value of the duplicate move to the kept "
                    "member. A merge is recorded and cannot be undone at the till."
                )
            )
        )
        form.addRow(self.error)
        form.addRow(confirm_buttons(self, "mergeConfirmButton", self.merge, self.tr("Merge")))

    def _describe(self, member: MemberSummary) -> str:
        currency = self._currency
        points = self.tr("%1 points").replace("%1", f"{member.points:,}")
        return (
            f"{member.name} · {member.masked_phone} · {member.member_no}\n"
            f"{points} · {format_money(member.stored_value, currency)}"
        )

    def _pick(self, candidate: MemberCandidate) -> None:
        self.absorbed = self._members.load(candidate.member_id)
        self.absorbed_label.setText(self._describe(self.absorbed))
        self.search_box.clear()
        self.error.clear()

    def merge(self) -> None:
        if self.absorbed is None:
            self.error.setText(self.tr("Choose the duplicate record first."))
            return
        if not self.reason_edit.text().strip():
            self.error.setText(self.tr("Give a reason for the merge."))
            return
        if not self.same_guest.isChecked():
            self.error.setText(self.tr("Confirm with the guest that both records are theirs."))
            return
        merge = self._merge_service
        if not merge.needs_approval(self._staff):
            refusal = self._merge(None)
            if refusal is None:
                self.accept()
            else:
                self.error.setText(refusal)
            return
        action = self.tr("Merge %1 into %2").replace("%1", self.absorbed.member_no)
        action = action.replace("%2", self._survivor.member_no)
        staff_on_duty, reader = self._approvers.staff_on_duty(), self._approvers.reader
        dialog = ApprovalDialog(action, staff_on_duty, self._merge, self, reader)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.accept()

    def _merge(self, approval: Approval | None) -> str | None:
        assert self.absorbed is not None
        try:
            self.merged = self._merge_service.merge(
                self._staff,
                self._survivor.member_id,
                self.absorbed.member_id,
                self.reason_edit.text(),
                approval,
            )
        except MergeRefused as refused:
            return {
                MergeProblem.SAME_MEMBER: self.tr("That is the same member."),
                MergeProblem.ALREADY_MERGED: self.tr("One of the records was already merged."),
                MergeProblem.NO_REASON: self.tr("Give a reason for the merge."),
            }[refused.problem]
        except TillError as error:
            return refusal_text(approval, error)
        return None
