"""Erase a member on their request: says plainly what goes and what stays, asks for the
member number typed again, then a manager's PIN or badge (the approval dialog) before
the service pseudonymises the profile. Irreversible. The managers on duty and the erasure
itself are read and written off the GUI thread (``ui.cashier.approval_jobs``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.approvals import Approval
from app.domain.member_profile import confirms
from app.services.member_erasure import Erasure
from app.services.member_profile import ProfileRefused
from ui.cashier.approval_dialog import Approvers
from ui.cashier.approval_jobs import run_approved
from ui.jobs import Jobs
from ui.manager.member_profile_dialog import refusal_text as profile_refusal_text
from ui.widgets import confirm_buttons, error_label


class MemberEraseDialog(QDialog):
    """``erase(typed_member_no, approval)`` erases or raises; ``erasure`` is its result
    once the dialog was accepted. ``owed`` is the stored value still owed, as text, or
    ``""``: while money is owed the dialog only says so."""

    def __init__(
        self,
        member_no: str,
        name: str,
        owed: str,
        erase: Callable[[str, Approval], Erasure],
        approvers: Approvers,
        jobs: Jobs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberEraseDialog")
        self.setWindowTitle(self.tr("Erase member"))
        self._member_no, self._erase = member_no, erase
        self._approvers, self._jobs = approvers, jobs
        self.erasure: Erasure | None = None
        self._erasing = False
        headline = QLabel(
            self.tr("Erase %1 (%2) at the member's request?")
            .replace("%1", name)
            .replace("%2", member_no),
            objectName="eraseHeadline",
        )
        headline.setStyleSheet("font-size: 16px; font-weight: bold;")
        explained = QLabel(
            self.tr(
                "This cannot be undone. The name becomes a pseudonym; phone, birthday,"
                " gender, preferences, allergies, notes and staff's notes about the member"
                " are removed; cards are blocked and all consents withdrawn. The till will"
                " no longer find the member by name, phone or card.\n"
                "Orders, payments, refunds and the points and stored-value ledgers stay"
                " unchanged for the accounts, under the member number."
            ),
            objectName="eraseExplanation",
        )
        explained.setWordWrap(True)
        self.owed = QLabel(objectName="eraseOwed")
        self.owed.setWordWrap(True)
        self.owed.setStyleSheet("color: #b00020; font-weight: bold;")
        self.owed.setText(
            self.tr(
                "The member still has %1 stored value. Pay it out or let them use it"
                " before erasing."
            ).replace("%1", owed)
            if owed
            else ""
        )
        self.owed.setVisible(bool(owed))
        self.confirm_edit = QLineEdit(objectName="eraseConfirmEdit")
        self.confirm_edit.setPlaceholderText(
            self.tr("Type the member number (%1) to confirm").replace("%1", member_no)
        )
        self.confirm_edit.setEnabled(not owed)
        self.error = error_label("eraseError")
        buttons = confirm_buttons(self, "confirmEraseButton", self._confirm, self.tr("Erase…"))
        erase_button = buttons.findChild(QPushButton, "confirmEraseButton")
        assert erase_button is not None  # confirm_buttons gave it this name
        self.erase_button = erase_button
        self.erase_button.setStyleSheet("color: #b00020; font-weight: bold;")
        self.erase_button.setEnabled(False)
        self.confirm_edit.textChanged.connect(
            lambda text: self.erase_button.setEnabled(not owed and confirms(text, member_no))
        )
        layout = QVBoxLayout(self)
        for widget in (headline, explained, self.owed, self.confirm_edit, self.error):
            layout.addWidget(widget)
        layout.addWidget(buttons)

    def _confirm(self) -> None:
        typed = self.confirm_edit.text()
        if not confirms(typed, self._member_no):
            self.error.setText(self.tr("The member number typed does not match."))
            return
        if self._erasing:
            return
        erase = self._erase

        def attempt(approval: Approval | None) -> Callable[[], Erasure | ProfileRefused]:
            assert approval is not None  # an erasure always needs a manager's approval

            def work() -> Erasure | ProfileRefused:
                try:
                    return erase(typed, approval)
                except ProfileRefused as refused:  # said here, not in the approval dialog
                    return refused

            return work

        self._erasing = True
        self.error.clear()
        action = self.tr("Erase member %1").replace("%1", self._member_no)
        run_approved(
            True, action, self._approvers, attempt, self._jobs, self, self._done, self._refused
        )

    @property
    def waiting(self) -> bool:
        """The approval and the erasure are not back yet."""
        return self._erasing

    def reject(self) -> None:
        if not self._erasing:  # an erasure in flight may commit: its result must be seen
            super().reject()

    def _done(self, outcome: Erasure | ProfileRefused) -> None:
        self._erasing = False
        if isinstance(outcome, ProfileRefused):
            self.error.setText(profile_refusal_text(outcome))
            return
        self.erasure = outcome
        self.accept()

    def _refused(self, why: str) -> None:
        self._erasing = False
        self.error.setText(why)  # empty when the manager cancelled
