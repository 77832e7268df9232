"""The story header's actions on the profile itself: edit it (with consents), export the
member's data to one file (off the GUI thread), erase the member on request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.domain.approvals import Approval
from app.domain.member_story import MemberStory
from app.domain.money import format_money
from app.domain.staff import StaffMember
from app.services.member_data_export import DataExport
from app.services.member_erasure import Erasure
from ui.background import BackgroundRunner
from ui.manager.member_erase_dialog import MemberEraseDialog
from ui.manager.member_profile_dialog import MemberProfileDialog
from ui.manager.story_services import StoryServices
from ui.needs_server import refused_offline


def ask_path(parent: QWidget, suggested: str) -> Path | None:
    """A save dialog for the export; ``None`` when the manager cancels it."""
    title = QCoreApplication.translate("ProfileActions", "Export member data")
    pattern = QCoreApplication.translate("ProfileActions", "JSON files (*.json)")
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return Path(chosen) if chosen else None


class ProfileActions(QObject):
    """Runs the story header's Edit, Export and Erase for one member.

    It knows the tab only as ``parent`` (for its dialogs), ``story`` (the story on
    show, if read yet) and ``runner``; the tab shows what the signals tell.

    Signals:
        told(str): a sentence for the tab's status line (already translated).
        failed(object): the exception an action raised (often the service's refusal).
        busy(bool): an export started (True) or finished (False).
        changed(str): the member changed; read the story again and show this section
            (empty: stay on the current one).
    """

    told = Signal(str)
    failed = Signal(object)
    busy = Signal(bool)
    changed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        services: StoryServices,
        staff: StaffMember,
        member_id: int,
        story: Callable[[], MemberStory | None],
        runner: BackgroundRunner,
    ) -> None:
        super().__init__(parent)
        self._parent, self._staff = parent, staff
        self._member_id, self._story, self._runner = member_id, story, runner
        self._service, self._approvers = services.story, services.approvers
        self._jobs = services.jobs
        self._currency = services.currency
        self.choose_path: Callable[[QWidget, str], Path | None] = ask_path
        """Asks where to save the export; tests replace it."""

    def edit(self) -> None:
        profile, staff, member_id = self._service.profile, self._staff, self._member_id
        try:
            values = profile.values(member_id, staff)
        except Exception as error:  # the service's refusal, shown in the tab
            self.failed.emit(error)
            return
        dialog = MemberProfileDialog(
            values, lambda v: profile.edit(member_id, v, staff), self._parent
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            count = len(dialog.changes)
            self.told.emit(
                self.tr("Profile saved: %n change(s).", "", count)
                if count
                else self.tr("Nothing changed.")
            )
            self.changed.emit("storyChanges")

    def export(self) -> None:
        story = self._story()
        if story is None:
            return
        suggested = f"member-{story.profile.member_no}-{story.today}.json"
        path = self.choose_path(self._parent, suggested)
        if path is None:
            return
        service, member_id, staff = self._service.data_export, self._member_id, self._staff
        currency = self._currency

        def exported(result: object) -> None:
            done = cast(DataExport, result)
            self.busy.emit(False)
            self.told.emit(
                self.tr("Exported %1 records to %2.")
                .replace("%1", f"{sum(done.counts.values()):,}")
                .replace("%2", str(done.path))
            )

        self.busy.emit(True)
        self.told.emit(self.tr("Exporting the member's data…"))
        self._runner.submit(
            lambda: service.export(member_id, path, staff, currency), exported, self.failed.emit
        )

    def erase(self) -> None:
        story = self._story()
        if story is None:
            return
        title = QCoreApplication.translate("MemberEraseDialog", "Erase member")
        if refused_offline(self._parent, title):
            return
        p, erasure, staff = story.profile, self._service.erasure, self._staff
        owed = format_money(p.stored_value, self._currency) if p.stored_value else ""

        def erase(typed: str, approval: Approval) -> Erasure:
            return erasure.erase(p.member_id, typed, approval, staff)

        dialog = MemberEraseDialog(
            p.member_no,
            p.name,
            owed,
            erase,
            self._approvers,
            self._jobs,
            self._parent,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.told.emit(self.tr("Member %1 erased.").replace("%1", p.member_no))
            self.changed.emit("")
