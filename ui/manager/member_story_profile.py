"""The story header's actions on the profile itself: edit it (with consents), export the
member's data to one file (off the GUI thread), erase the member on request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.bootstrap import Till
from app.domain.approvals import Approval
from app.domain.money import format_money
from app.domain.staff import StaffMember
from app.services.member_data_export import DataExport
from app.services.member_erasure import Erasure
from ui.manager.member_erase_dialog import MemberEraseDialog
from ui.manager.member_profile_dialog import MemberProfileDialog

if TYPE_CHECKING:
    from ui.manager.member_story_tab import MemberStoryTab


def ask_path(parent: QWidget, suggested: str) -> Path | None:
    """A save dialog for the export; ``None`` when the manager cancels it."""
    title = QCoreApplication.translate("ProfileActions", "Export member data")
    pattern = QCoreApplication.translate("ProfileActions", "JSON files (*.json)")
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return Path(chosen) if chosen else None


class ProfileActions(QObject):
    """Runs the header's Edit, Export and Erase for ``tab``; results show in its status."""

    def __init__(self, tab: MemberStoryTab, till: Till, staff: StaffMember) -> None:
        super().__init__(tab)
        self._tab, self._till, self._staff = tab, till, staff
        self._service = till.member_story
        self.choose_path: Callable[[QWidget, str], Path | None] = ask_path
        """Asks where to save the export; tests replace it."""

    def edit(self) -> None:
        tab, profile, staff = self._tab, self._service.profile, self._staff
        member_id = tab.member_id
        try:
            values = profile.values(member_id, staff)
        except Exception as error:  # the service's refusal, shown in the tab
            tab.show_error(error)
            return
        dialog = MemberProfileDialog(values, lambda v: profile.edit(member_id, v, staff), tab)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            count = len(dialog.changes)
            tab.status_label.setText(
                self.tr("Profile saved: %n change(s).", "", count)
                if count
                else self.tr("Nothing changed.")
            )
            tab.reload(focus="storyChanges")

    def export(self) -> None:
        tab = self._tab
        if tab.story is None:
            return
        suggested = f"member-{tab.story.profile.member_no}-{tab.story.today}.json"
        path = self.choose_path(tab, suggested)
        if path is None:
            return
        service, member_id, staff = self._service.data_export, tab.member_id, self._staff
        currency = self._till.currency

        def exported(result: object) -> None:
            done = cast(DataExport, result)
            tab.set_enabled(True)
            tab.status_label.setText(
                self.tr("Exported %1 records to %2.")
                .replace("%1", f"{sum(done.counts.values()):,}")
                .replace("%2", str(done.path))
            )

        tab.set_enabled(False)
        tab.status_label.setText(self.tr("Exporting the member's data…"))
        tab.runner.submit(
            lambda: service.export(member_id, path, staff, currency), exported, tab.show_error
        )

    def erase(self) -> None:
        tab = self._tab
        if tab.story is None:
            return
        p, erasure, staff = tab.story.profile, self._service.erasure, self._staff
        owed = format_money(p.stored_value, self._till.currency) if p.stored_value else ""

        def erase(typed: str, approval: Approval) -> Erasure:
            return erasure.erase(p.member_id, typed, approval, staff)

        dialog = MemberEraseDialog(
            p.member_no,
            p.name,
            owed,
            erase,
            self._till.auth.staff_on_duty,
            tab,
            self._till.card_reader,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            tab.status_label.setText(self.tr("Member %1 erased.").replace("%1", p.member_no))
            tab.reload()
