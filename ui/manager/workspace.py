"""The floor manager's workspace: member lists, a member's whole story and the reports,
in a window of its own beside the till."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QMainWindow, QPushButton, QTabWidget, QWidget

from app.campaigns.desk import CampaignDesk
from app.clock import Clock
from app.domain.money import Currency
from app.domain.staff import MANAGER_ROLES, StaffMember
from app.member_import.desk import MemberImporter
from app.menu_admin.service import MenuAdmin
from app.restaurant_profile.service import RestaurantProfileAdmin
from app.services.member_list import MemberListService
from app.services.member_outlook import LoyaltyService
from app.services.member_story import MemberStoryService
from app.services.reports import ReportService
from app.staff_admin.service import StaffAdmin
from app.whatif.desk import WhatIfDesk
from ui.cashier.approval_dialog import Approvers
from ui.fit import WORKSPACE_TOUCH_STYLE, resize_within_screen
from ui.jobs import InlineJobs, Jobs
from ui.manager.campaigns_tab import CampaignsTab
from ui.manager.kpi_tab import KpiTab
from ui.manager.member_import_dialog import MemberImportDialog
from ui.manager.member_list_tab import MemberListTab
from ui.manager.member_story_tab import MemberStoryTabs
from ui.manager.menu_tab import MenuTab
from ui.manager.reports_tab import ReportsTab
from ui.manager.restaurant_tab import RestaurantTab
from ui.manager.staff_tab import StaffTab
from ui.manager.story_services import StoryServices
from ui.manager.whatif_tab import WhatIfTab
from ui.manager.workspace_start import WorkspaceStart, workspace_start_job


@dataclass(frozen=True)
class WorkspaceServices:
    """The back office's services, split among the workspace's tabs: the member list
    (filtered by tier), the member stories (approvals for erasures), the reports and the
    KPIs of this till, dated by the clock and shown in the currency. They travel together
    because the cashier window opens the workspace on demand and the workspace hands each
    tab its part."""

    member_lists: MemberListService
    loyalty: LoyaltyService
    member_story: MemberStoryService
    reports: ReportService
    approvers: Approvers
    clock: Clock
    currency: Currency
    till_id: str
    staff_admin: StaffAdmin | None = None
    member_import: MemberImporter | None = None
    menu_admin: MenuAdmin | None = None
    restaurant_profile: RestaurantProfileAdmin | None = None
    whatif: WhatIfDesk | None = None
    campaigns: CampaignDesk | None = None


class ManagerWorkspace(QMainWindow):
    def __init__(
        self,
        services: WorkspaceServices,
        staff: StaffMember,
        language: str,
        parent: QWidget | None = None,
        start: WorkspaceStart | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        """``start``: what the tabs show first, read off the GUI thread before it opens
        (``open_workspace``), else read here; ``jobs``: the counter's, for the tabs'
        database work (else done at once)."""
        super().__init__(parent)
        self.setObjectName("managerWorkspace")
        self._jobs = jobs or InlineJobs()
        self.setWindowTitle(self.tr("Members and reports"))
        resize_within_screen(self, 1280, 800)
        self.setStyleSheet(WORKSPACE_TOUCH_STYLE)  # every field, button and tab a finger's size
        self._services, self._staff, self._language = services, staff, language
        self.tabs = QTabWidget(objectName="workspaceTabs")
        self.setCentralWidget(self.tabs)
        self._add_tabs(start or workspace_start_job(services, staff)())

    @property
    def waiting(self) -> bool:
        """Some of its work (or the counter's) is not back yet."""
        return self._jobs.busy

    def _add_tabs(self, start: WorkspaceStart) -> None:
        """Each tab is a widget of its own module; add yours here, one line each."""
        services, staff, language = self._services, self._staff, self._language
        stories = StoryServices(
            services.member_story, services.approvers, services.clock, services.currency,
            self._jobs,
        )  # fmt: skip
        today = services.clock.now().date()
        self.members = MemberListTab(
            services.member_lists, start.tiers, today, staff, language,
            start=start.members, jobs=self._jobs,
        )  # fmt: skip
        self.stories = MemberStoryTabs(self.tabs, stories, staff, language)
        self.members.member_opened.connect(self.stories.open)
        self.tabs.addTab(self.members, self.tr("Members"))
        self.tabs.addTab(ReportsTab(services.reports, staff, language), self.tr("Reports"))
        kpis = KpiTab(
            services.reports,
            staff,
            language,
            till_id=services.till_id,
            currency=services.currency,
            today=services.reports.business_day(),
        )
        self.tabs.addTab(kpis, self.tr("KPIs"))
        if services.staff_admin is not None and staff.role in MANAGER_ROLES:
            self.staff_page = StaffTab(
                services.staff_admin, staff, start=start.staff, jobs=self._jobs
            )
            self.tabs.addTab(self.staff_page, self.tr("Staff"))
        if services.member_import is not None and staff.role in MANAGER_ROLES:
            importing = QPushButton(self.tr("Import members…"), objectName="importMembersButton")
            importing.setMinimumHeight(36)
            importing.clicked.connect(self.open_member_import)
            self.members.add_tool(importing)
        if services.menu_admin is not None and staff.role in MANAGER_ROLES:
            self.menu_page = MenuTab(
                services.menu_admin, staff, language, services.currency, start=start.menu,
                jobs=self._jobs,
            )  # fmt: skip
            self.tabs.addTab(self.menu_page, self.tr("Menu"))
        if services.restaurant_profile is not None and staff.role in MANAGER_ROLES:
            self.restaurant_page = RestaurantTab(
                services.restaurant_profile, staff, language, start=start.restaurant,
                jobs=self._jobs,
            )  # fmt: skip
            self.tabs.addTab(self.restaurant_page, self.tr("Restaurant"))
        if services.whatif is not None and staff.role in MANAGER_ROLES:
            self.whatif_page = WhatIfTab(services.whatif, staff, language, services.currency)
            self.tabs.addTab(self.whatif_page, self.tr("What-if"))
        if services.campaigns is not None and staff.role in MANAGER_ROLES:
            self.campaigns_page = CampaignsTab(
                services.campaigns, staff, language, services.currency, services.clock.now
            )
            self.tabs.addTab(self.campaigns_page, self.tr("Campaigns"))

    def open_member_import(self) -> MemberImportDialog:
        """The import dialog, shown without blocking; the list refreshes after an import.
        (The role shown here only offers the button: the import checks the stored one.)"""
        assert self._services.member_import is not None
        dialog = MemberImportDialog(self._services.member_import, self._staff, parent=self)
        dialog.imported.connect(self.members.apply_filter)
        dialog.setModal(True)
        dialog.show()
        self.import_dialog = dialog
        return dialog


def open_workspace(
    services: WorkspaceServices,
    staff: StaffMember,
    language: str,
    parent: QWidget,
    jobs: Jobs,
    opened: Callable[[ManagerWorkspace], None],
    failed: Callable[[Exception], None],
) -> None:
    """The workspace, built once its first reads (``ui.manager.workspace_start``) came back
    off the GUI thread: a server that cannot answer is said at once (``failed``) instead
    of freezing the till while the window is built."""

    def built(start: WorkspaceStart) -> None:
        opened(ManagerWorkspace(services, staff, language, parent, start, jobs))

    jobs.run(parent, workspace_start_job(services, staff), built, failed)
