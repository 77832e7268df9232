"""What the cashier window does when the member panel's membership buttons are pressed:
enrol a guest, issue a new card, merge a duplicate record, note an allergy or a
complaint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.members import MemberSummary
from app.domain.money import Currency, format_money
from app.domain.phone import normalise_phone
from app.services.enrolment import EnrolmentService
from app.services.guest_notes import GuestNoteService
from app.services.member_merge import MemberMergeService
from ui.cashier.approval_dialog import Approvers
from ui.cashier.card_dialog import IssueCardDialog
from ui.cashier.enrol_dialog import EnrolDialog, Enrolling
from ui.cashier.guest_note_dialog import GuestNoteDialog
from ui.cashier.member_panel import MemberPanel
from ui.cashier.merge_dialog import MemberFinder, MergeDialog
from ui.cashier.presenter import CashierPresenter
from ui.cashier.server_work import ServerWork
from ui.needs_server import refused_offline


@dataclass(frozen=True)
class MembershipServices:
    """What the membership buttons change: enrolments and cards, guest notes and merges.
    A merge also searches for the duplicate, may need a manager's approval and shows the
    combined stored value in the till's currency; nothing else on the screen uses these,
    so the window hands them over together."""

    enrolment: EnrolmentService
    guest_notes: GuestNoteService
    merge: MemberMergeService
    members: MemberFinder
    approvers: Approvers
    currency: Currency
    enrolling: Enrolling | None = None
    """The new-member dialog's enrolment when it differs from ``enrolment``: switched to
    the local copy (a provisional number) while the counter sells there."""


class MembershipActions(QObject):
    """Card reads reach an open enrolment or new-card dialog through the window's
    ``on_card_read`` (the active modal dialog takes them)."""

    def __init__(
        self,
        window: QWidget,
        presenter: CashierPresenter,
        member_panel: MemberPanel,
        language: str,
        services: MembershipServices,
        refresh: Callable[[], None],
        work: ServerWork,
        attach: Callable[[MemberSummary, str], None],
    ) -> None:
        super().__init__(window)
        self._window, self._presenter, self._panel = window, presenter, member_panel
        self._language, self._refresh, self._services = language, refresh, services
        self._work, self._attach = work, attach
        member_panel.enrol_requested.connect(self.enrol)
        member_panel.issue_card_requested.connect(self.issue_card)
        member_panel.merge_requested.connect(self.merge)
        member_panel.note_requested.connect(self.note)

    def enrol(self) -> None:
        presenter = self._presenter
        services = self._services
        enrolling = services.enrolling or services.enrolment
        dialog = EnrolDialog(enrolling, presenter.cashier, self._work, self._window)
        dialog.phone_edit.setText(self._typed_phone())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.member is not None:
            text = self.tr("Welcome, new member %1 (%2).")
            message = text.replace("%1", dialog.member.name).replace("%2", dialog.member.member_no)
            self._attach(dialog.member, message)

    def _typed_phone(self) -> str:
        """A phone the cashier searched for and did not find is the new member's phone."""
        typed = self._panel.search.text()
        return typed if normalise_phone(typed) is not None else ""

    def issue_card(self) -> None:
        presenter = self._presenter
        member = presenter.draft.member
        if member is None:
            return
        enrolment = self._services.enrolment
        dialog = IssueCardDialog(enrolment, presenter.cashier, member, self._work, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text = self.tr("New card …%1 issued to %2.")
            message = text.replace("%1", dialog.card_no[-4:]).replace("%2", member.name)
            self._panel.show_message(message, problem=False)

    def merge(self) -> None:
        presenter = self._presenter
        member = presenter.draft.member
        if member is None:
            return
        title = QCoreApplication.translate("MergeDialog", "Merge duplicate member")
        if refused_offline(self._window, title):
            return
        services = self._services
        dialog = MergeDialog(
            services.merge,
            services.members,
            services.approvers,
            services.currency,
            presenter.cashier,
            member,
            self._language,
            presenter.today,
            self._work,
            self._window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.merged is not None:
            survivor = dialog.merged.survivor
            text = self.tr("Merged into %1: %2 points, stored value %3.")
            message = (
                text.replace("%1", survivor.member_no)
                .replace("%2", f"{survivor.points:,}")
                .replace("%3", format_money(survivor.stored_value, services.currency))
            )
            self._attach(survivor, message)

    def note(self) -> None:
        presenter = self._presenter
        member = presenter.draft.member
        if member is None:
            return
        notes = self._services.guest_notes
        dialog = GuestNoteDialog(notes, presenter.cashier, member, self._work, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self._attach(dialog.member, self.tr("Noted for %1.").replace("%1", member.name))
