"""Merge a duplicate record into the member on the order; a cashier needs a manager's
approval. The search, the duplicate's record and the merge run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.approvals import Approval
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.money import Currency, format_money
from app.domain.request_keys import new_request_key
from app.domain.staff import StaffMember
from app.services.member_merge import (
    MemberMergeService,
    MergeProblem,
    MergeRefused,
    MergeResult,
)
from app.services.members import Identification
from ui.cashier.approval_dialog import Approvers
from ui.cashier.approval_jobs import run_approved
from ui.cashier.member_search_box import MemberSearchBox
from ui.cashier.server_work import ServerWork, failure_text
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
        work: ServerWork,
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
        self._work, self._merging, self._searches = work, False, 0
        self._request_key = new_request_key()
        """Kept while the dialog is open: a retry after a lost reply merges once."""
        self.search_box = MemberSearchBox(self._search, language, today)
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

    @property
    def waiting(self) -> bool:
        """A search, the duplicate or the merge has not come back yet."""
        return self._work.busy

    def reject(self) -> None:
        if not self._merging:  # a merge in flight may commit: its result must be seen
            super().reject()

    def _search(self, text: str) -> Identification | None:
        """Off the GUI thread: the candidates come later, for the text still in the box."""
        self._searches += 1
        ticket, search = self._searches, self._members.search
        self._work.run(
            self,
            lambda: search(text),
            lambda found: self._searched(ticket, text, found),
            self._failed,
        )
        return None

    def _searched(self, ticket: int, text: str, found: Identification) -> None:
        if ticket == self._searches and self.search_box.edit.text() == text:
            self.search_box.show_candidates(found)

    def _pick(self, candidate: MemberCandidate) -> None:
        self.search_box.clear()
        self.error.clear()
        self.absorbed_label.setText(self.tr("Reading the record…"))
        load, member_id = self._members.load, candidate.member_id
        self._work.run(self, lambda: load(member_id), self._picked, self._failed)

    def _picked(self, absorbed: MemberSummary) -> None:
        self.absorbed = absorbed
        self.absorbed_label.setText(self._describe(absorbed))

    def _failed(self, error: Exception) -> None:
        if self.absorbed is None:
            self.absorbed_label.setText(self.tr("Search for the duplicate above."))
        self.error.setText(failure_text(error))

    def merge(self) -> None:
        if self._merging:
            return
        if self.absorbed is None:
            self.error.setText(self.tr("Choose the duplicate record first."))
            return
        if not self.reason_edit.text().strip():
            self.error.setText(self.tr("Give a reason for the merge."))
            return
        if not self.same_guest.isChecked():
            self.error.setText(self.tr("Confirm with the guest that both records are theirs."))
            return
        action = self.tr("Merge %1 into %2").replace("%1", self.absorbed.member_no)
        action = action.replace("%2", self._survivor.member_no)
        merge, staff, survivor = self._merge_service, self._staff, self._survivor.member_id
        absorbed, reason, key = self.absorbed.member_id, self.reason_edit.text(), self._request_key

        def attempt(approval: Approval | None) -> Callable[[], MergeResult | MergeProblem]:
            def work() -> MergeResult | MergeProblem:
                try:
                    return merge.merge(staff, survivor, absorbed, reason, approval, key)
                except MergeRefused as refused:  # said in the merge dialog, not the PIN's
                    return refused.problem

            return work

        self._merging = True
        self.error.clear()
        needed = merge.needs_approval(staff)
        run_approved(
            needed, action, self._approvers, attempt, self._work, self, self._done, self._refused
        )

    def _done(self, outcome: MergeResult | MergeProblem) -> None:
        self._merging = False
        if isinstance(outcome, MergeProblem):
            self.error.setText(
                {
                    MergeProblem.SAME_MEMBER: self.tr("That is the same member."),
                    MergeProblem.ALREADY_MERGED: self.tr("One of the records was already merged."),
                    MergeProblem.NO_REASON: self.tr("Give a reason for the merge."),
                }[outcome]
            )
            return
        self.merged = outcome
        self.accept()

    def _refused(self, why: str) -> None:
        self._merging = False
        self.error.setText(why)
