"""A member's whole story in the manager's workspace: profile, tier progress,
preferences and allergies up front, then orders, ledgers, complaints, feedback,
no-shows, contacts and edit history; buttons add complaints, feedback and no-shows, and
the header's edit the profile, export the member's data or erase them.

``MemberStoryTabs`` opens one such tab per member in the workspace (or focuses it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.member_story import MemberStory, StoryProblem
from app.domain.staff import StaffMember
from app.services.member_profile import ProfileRefused
from app.services.member_story import StoryRefused
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.manager.member_profile_dialog import refusal_text
from ui.manager.member_story_dialogs import (
    ComplaintDialog,
    FeedbackDialog,
    NoShowDialog,
    ResolveDialog,
)
from ui.manager.member_story_header import StoryHeader
from ui.manager.member_story_profile import ProfileActions
from ui.manager.member_story_sections import Section, fill, row_data, section_table, sections
from ui.manager.story_services import StoryServices


class MemberStoryTab(QWidget):
    """A thin view over ``MemberStoryService``; reads and writes run on ``runner``'s pool.

    Signals:
        loaded(str): the story (re)loaded; the member's name, for the tab's title.
        close_requested(): the manager pressed Close.
    """

    loaded = Signal(str)
    close_requested = Signal()

    def __init__(
        self,
        services: StoryServices,
        staff: StaffMember,
        language: str,
        member_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberStoryTab")
        self.member_id = member_id
        self._services, self._service, self._staff = services, services.story, staff
        self._currency = services.currency
        self._language = "zh" if language.startswith("zh") else "en"
        self.story: MemberStory | None = None
        self.runner = BackgroundRunner(self, threads=1)
        self.header = StoryHeader(self._language, services.currency)
        self.profile_actions = ProfileActions(
            self, services, staff, member_id, lambda: self.story, self.runner
        )
        self.header.edit_requested.connect(self.profile_actions.edit)
        self.header.export_requested.connect(self.profile_actions.export)
        self.header.erase_requested.connect(self.profile_actions.erase)
        self.sections = QTabWidget(objectName="storySections")
        self._sections: dict[str, Section] = {}
        self._tables: dict[str, QTableWidget] = {}
        self._focus = ""
        self.status_label = QLabel(objectName="storyStatus")
        self.status_label.setWordWrap(True)
        self.profile_actions.told.connect(self.status_label.setText)
        self.profile_actions.failed.connect(self.show_error)
        self.profile_actions.busy.connect(lambda busy: self.set_enabled(not busy))
        self.profile_actions.changed.connect(self.reload)
        buttons = QHBoxLayout()
        for name, text, handler in (
            ("recordComplaintButton", self.tr("Record complaint…"), self._record_complaint),
            ("resolveComplaintButton", self.tr("Resolve selected complaint…"), self._resolve),
            ("recordFeedbackButton", self.tr("Record feedback…"), self._record_feedback),
            ("recordNoShowButton", self.tr("Record no-show…"), self._record_no_show),
        ):
            buttons.addWidget(self._button(name, text, handler))
        buttons.addStretch(1)
        buttons.addWidget(
            self._button("closeStoryButton", self.tr("Close"), self.close_requested.emit)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.sections, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        self.set_enabled(False)
        self.reload()

    def reload(self, focus: str = "") -> None:
        """Read the story again (an audited view) off the GUI thread; ``focus`` names the
        section to show once read."""
        self._focus = focus or self._focus
        member_id, staff = self.member_id, self._staff
        self.runner.submit(
            lambda: self._service.story(member_id, staff), self._show, self.show_error
        )

    def _show(self, result: object) -> None:
        story = cast(MemberStory, result)
        self.story = story
        self.header.show_story(story)
        for section in sections(story, self._language, self._currency):
            self._sections[section.name] = section
            table = self._tables.get(section.name)
            if table is None:
                table = self._tables[section.name] = section_table(section.name)
                self.sections.addTab(table, "")
            fill(table, section)
            self.sections.setTabText(
                self.sections.indexOf(table), f"{section.title} ({len(section.rows)})"
            )
        if self._focus in self._tables:
            self.sections.setCurrentWidget(self._tables[self._focus])
        self._focus = ""
        self.set_enabled(True)
        self.loaded.emit(story.profile.name)

    # -- recording ----------------------------------------------------------------

    def _record_complaint(self) -> None:
        if self.story is None:
            return
        dialog = ComplaintDialog(
            self._services.approvers.staff_on_duty(), self.story.today, self._currency, self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            complaint, member_id = dialog.complaint(), self.member_id
            self._write(
                lambda: self._service.record_complaint(member_id, complaint, self._staff),
                self.tr("Complaint recorded."),
                "storyComplaints",
            )

    def _resolve(self) -> None:
        table = self._tables.get("storyComplaints")
        section = self._sections.get("storyComplaints")
        if table is None or section is None:
            return
        rows = sorted(index.row() for index in table.selectionModel().selectedRows())
        complaint_id = row_data(section, rows)
        if complaint_id is None:
            self.status_label.setText(self.tr("Select an open complaint in Complaints first."))
            return
        dialog = ResolveDialog(section.rows[rows[0]][2], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            outcome = dialog.outcome()
            self._write(
                lambda: self._service.resolve_complaint(
                    cast(int, complaint_id), outcome, self._staff
                ),
                self.tr("Complaint resolved."),
                "storyComplaints",
            )

    def _record_feedback(self) -> None:
        if self.story is None:
            return
        dialog = FeedbackDialog(self.story.orders, self._currency, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            score, comment, order_id = dialog.score(), dialog.comment(), dialog.order_id()
            member_id = self.member_id
            self._write(
                lambda: self._service.record_feedback(
                    member_id, score, comment, self._staff, order_id
                ),
                self.tr("Feedback recorded."),
                "storyFeedback",
            )

    def _record_no_show(self) -> None:
        dialog = NoShowDialog(self._services.clock.now(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            kind, booked, party, note = (
                dialog.kind(),
                dialog.booked_for(),
                dialog.party_size(),
                dialog.note(),
            )
            member_id = self.member_id
            self._write(
                lambda: self._service.record_absence(
                    member_id, kind, booked, party, note, self._staff
                ),
                self.tr("No-show recorded."),
                "storyNoShows",
            )

    def _write(self, work: Callable[[], Any], done: str, section: str) -> None:
        def succeeded(_result: object) -> None:
            self.status_label.setText(done)
            self._focus = section
            self.reload()

        self.set_enabled(False)
        self.runner.submit(work, succeeded, self.show_error)

    # -- helpers ------------------------------------------------------------------

    def show_error(self, error: object) -> None:
        self.set_enabled(self.story is not None)
        if isinstance(error, StoryRefused):
            self.status_label.setText(problem_text(error.problem))
        elif isinstance(error, ProfileRefused):
            self.status_label.setText(refusal_text(error))
        elif isinstance(error, Exception):
            self.status_label.setText(describe_error(error))

    def set_enabled(self, enabled: bool) -> None:
        for button in self.findChildren(QPushButton):
            if button.objectName() != "closeStoryButton":
                button.setEnabled(enabled)
        self.header.set_actions_enabled(enabled)

    def _button(self, name: str, text: str, handler: Callable[[], Any]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(36)
        button.clicked.connect(handler)
        return button


def problem_text(problem: StoryProblem) -> str:
    """What the manager reads when the service refused an entry."""

    translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
    return {
        StoryProblem.MEMBER_NOT_FOUND: translate("MemberStoryTab", "This member no longer exists."),
        StoryProblem.COMPLAINT_NOT_FOUND: translate(
            "MemberStoryTab", "This complaint no longer exists."
        ),
        StoryProblem.ORDER_NOT_FOUND: translate(
            "MemberStoryTab", "That order is not one of this member's."
        ),
        StoryProblem.OWNER_NOT_FOUND: translate(
            "MemberStoryTab", "The chosen owner is not a staff member."
        ),
        StoryProblem.ALREADY_RESOLVED: translate(
            "MemberStoryTab", "This complaint was resolved already."
        ),
        StoryProblem.EMPTY_DESCRIPTION: translate("MemberStoryTab", "Describe the complaint."),
        StoryProblem.EMPTY_OUTCOME: translate(
            "MemberStoryTab", "Say how the complaint was resolved."
        ),
        StoryProblem.TEXT_TOO_LONG: translate(
            "MemberStoryTab", "The text is too long (1000 characters at most)."
        ),
        StoryProblem.PROMISED_IN_PAST: translate(
            "MemberStoryTab", "The promised resolution date cannot be in the past."
        ),
        StoryProblem.NEGATIVE_COMPENSATION: translate(
            "MemberStoryTab", "Compensation cannot be negative."
        ),
        StoryProblem.SCORE_OUT_OF_RANGE: translate("MemberStoryTab", "A score is from 1 to 5."),
        StoryProblem.PARTY_SIZE_OUT_OF_RANGE: translate(
            "MemberStoryTab", "The party size is not possible."
        ),
    }[problem]


class MemberStoryTabs:
    """Opens one story tab per member in ``tabs``, or brings an open one to the front."""

    def __init__(
        self, tabs: QTabWidget, services: StoryServices, staff: StaffMember, language: str
    ) -> None:
        self._tabs, self._services, self._staff, self._language = tabs, services, staff, language
        self._open: dict[int, MemberStoryTab] = {}

    def open(self, member_id: int) -> MemberStoryTab:
        tab = self._open.get(member_id)
        if tab is None:
            tab = MemberStoryTab(self._services, self._staff, self._language, member_id)
            self._open[member_id] = tab
            tab.loaded.connect(lambda name, opened=tab: self._retitle(opened, name))
            tab.close_requested.connect(lambda opened=tab: self._close(opened))
            self._tabs.addTab(tab, QCoreApplication.translate("MemberStoryTab", "Member…"))
        self._tabs.setCurrentWidget(tab)
        return tab

    def _retitle(self, tab: MemberStoryTab, name: str) -> None:
        index = self._tabs.indexOf(tab)
        if index >= 0:
            self._tabs.setTabText(index, name)

    def _close(self, tab: MemberStoryTab) -> None:
        self._open.pop(tab.member_id, None)
        self._tabs.removeTab(self._tabs.indexOf(tab))
        tab.runner.wait_for_done()
        tab.deleteLater()
