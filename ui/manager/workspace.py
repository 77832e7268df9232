"""The floor manager's workspace: member lists, a member's whole story and the reports,
in a window of its own beside the till."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from app.bootstrap import Till
from app.domain.staff import StaffMember
from ui.manager.kpi_tab import KpiTab
from ui.manager.member_list_tab import MemberListTab
from ui.manager.member_story_tab import MemberStoryTabs
from ui.manager.reports_tab import ReportsTab


class ManagerWorkspace(QMainWindow):
    def __init__(
        self, till: Till, staff: StaffMember, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerWorkspace")
        self.setWindowTitle(self.tr("Members and reports"))
        self.resize(1280, 800)
        self._till, self._staff, self._language = till, staff, language
        self.tabs = QTabWidget(objectName="workspaceTabs")
        self.setCentralWidget(self.tabs)
        self._add_tabs()

    def _add_tabs(self) -> None:
        """Each tab is a widget of its own module; add yours here, one line each."""
        self.members = MemberListTab(self._till, self._staff, self._language)
        self.stories = MemberStoryTabs(self.tabs, self._till, self._staff, self._language)
        self.members.member_opened.connect(self.stories.open)
        self.tabs.addTab(self.members, self.tr("Members"))
        self.tabs.addTab(ReportsTab(self._till, self._staff, self._language), self.tr("Reports"))
        self.tabs.addTab(KpiTab(self._till, self._staff, self._language), self.tr("KPIs"))
