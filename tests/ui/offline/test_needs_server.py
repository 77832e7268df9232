"""While the server cannot be reached, what needs it (refunds, merges, loyalty rule changes,
the manager's workspace, its reports and exports, erasure) says so in one sentence at
once, in the staff's language, and works again by itself once the server answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, save_screenshot, settle, sign_in
from tests.ui.offline_tills import Outage, Tills
from ui.app import TillApp
from ui.cashier.window import CashierWindow
from ui.manager.member_list_tab import MemberListTab
from ui.manager.member_story_tab import MemberStoryTab
from ui.manager.reports_tab import ReportsTab

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

BACK_WITHIN_MS = 20_000
"""The probe asks every 2 s and a connection gives up after 2 s."""
ZHANG_WEI = "13800138000"
NEEDS_SERVER = (
    "This needs the server, which cannot be reached now: it works again by itself once the "
    "server answers."
)


def manager_counter(qtbot: QtBot, tills: Tills, language: str = "en") -> CashierWindow:
    till_app: TillApp = tills.open(language)
    assert till_app.login is not None
    combo = till_app.login.staff_combo
    combo.setCurrentIndex(combo.findData("manager"))
    sign_in(qtbot, till_app, "9999")
    window = till_app.window
    assert window is not None
    settle(window)
    return window


def notice_the_outage(outage: Outage, window: CashierWindow) -> None:
    """Stop the server; the counter finds out at its next search, as a cashier's would."""
    outage.stop()
    window.identify(ZHANG_WEI)
    settle(window)
    assert not window.server.reachable


def back(qtbot: QtBot, outage: Outage, window: CashierWindow) -> None:
    outage.end()
    qtbot.waitUntil(lambda: window.server.reachable, timeout=BACK_WITHIN_MS)


def opened_by(qtbot: QtBot, parent: QWidget, button: str, shot: str = "") -> str:
    """Click ``button``; the object name and text of the modal window it opened."""
    seen: list[tuple[str, str]] = []

    def read(dialog: QWidget) -> None:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        seen.append((dialog.objectName(), text))
        if shot:
            save_screenshot(dialog, shot)

    on_next_modal(read)
    click(qtbot, parent, button)
    assert seen, f"{button} opened nothing"
    name, text = seen[0]
    return f"{name}: {text}" if text else name


def sentence() -> str:
    return QCoreApplication.translate("NeedsServerText", NEEDS_SERVER)


def test_the_counters_actions_that_need_the_server_say_so_then_work_again(
    qtbot: QtBot, tills: Tills, outage: Outage, chinese: None
) -> None:
    window = manager_counter(qtbot, tills, "zh")
    window.identify(ZHANG_WEI)
    settle(window)
    assert window.presenter.draft.member is not None  # a member to merge
    refund = window.findChild(QPushButton, "refundButton")
    assert refund is not None and refund.toolTip() == ""

    notice_the_outage(outage, window)
    refused = f"needsServer: {sentence()}"
    assert opened_by(qtbot, window, "refundButton", "needs-server-refund") == refused
    assert opened_by(qtbot, window, "mergeButton") == refused
    assert opened_by(qtbot, window, "loyaltyRulesButton") == refused
    assert opened_by(qtbot, window, "workspaceButton") == refused
    assert window.findChild(QMainWindow, "managerWorkspace") is None
    assert refund.toolTip() == sentence()

    back(qtbot, outage, window)
    assert refund.toolTip() == ""
    assert opened_by(qtbot, window, "refundButton") == "refundDialog"
    assert opened_by(qtbot, window, "mergeButton") == "mergeDialog"
    assert opened_by(qtbot, window, "loyaltyRulesButton") == "loyaltyRulesDialog"
    click(qtbot, window, "workspaceButton")  # read off the GUI thread, then shown
    qtbot.waitUntil(lambda: window.findChild(QMainWindow, "managerWorkspace") is not None)
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None and workspace.isVisible()


def test_the_workspace_open_when_the_server_goes_says_so_for_reports_exports_and_erasure(
    qtbot: QtBot, tills: Tills, outage: Outage
) -> None:
    window = manager_counter(qtbot, tills)
    click(qtbot, window, "workspaceButton")  # read off the GUI thread, then shown
    qtbot.waitUntil(lambda: window.findChild(QMainWindow, "managerWorkspace") is not None)
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None
    reports = workspace.findChild(ReportsTab, "reportsTab")
    members = workspace.findChild(MemberListTab, "memberListTab")
    assert reports is not None and members is not None
    till = tills.opened[0].till
    assert till is not None
    member = till.members.identify(ZHANG_WEI).member
    assert member is not None
    story = workspace.stories.open(int(member.member_id))  # type: ignore[attr-defined]
    assert isinstance(story, MemberStoryTab)
    qtbot.waitUntil(lambda: story.story is not None, timeout=10_000)

    notice_the_outage(outage, window)
    refused = f"needsServer: {sentence()}"
    assert opened_by(qtbot, reports, "previewButton") == refused
    assert opened_by(qtbot, reports, "exportCsvButton") == refused
    assert opened_by(qtbot, members, "exportCsvButton") == refused
    assert opened_by(qtbot, story, "eraseMemberButton", "needs-server-erase") == refused

    back(qtbot, outage, window)
    assert opened_by(qtbot, story, "eraseMemberButton") == "memberEraseDialog"
    click(qtbot, reports, "previewButton")
    qtbot.waitUntil(lambda: reports.preview_button.isEnabled(), timeout=10_000)
    assert reports.status.text() != reports.tr("Loading…")
