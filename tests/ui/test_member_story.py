"""The member's whole story, opened from the Members tab by a double-click: the manager
sees the member's orders, records a complaint with a promised date, and sees it turn red
once the date has passed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.domain.member_value import value_of
from app.domain.money import format_money
from tests.fakes import FakeClock
from tests.integration.test_loyalty import order_for
from tests.integration.test_refund_extras import pay
from tests.ui.conftest import click, on_next_modal, save_screenshot
from tests.ui.test_member_list_tab import open_members
from ui.app import TillApp
from ui.manager.member_story_sections import OVERDUE_COLOUR
from ui.manager.member_story_tab import MemberStoryTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def label(widget: QWidget, name: str) -> str:
    found = widget.findChild(QLabel, name)
    assert found is not None, f"no label {name}"
    return found.text()


def double_click(widget: QWidget, at: QPoint) -> None:
    """A click, then the double-click: an item view opens only what the press selected."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
    QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=at)


def test_a_manager_opens_a_members_story_and_follows_a_complaint_to_its_date(
    qtbot: QtBot, make_app: Callable[[str], TillApp], clock: FakeClock
) -> None:
    till_app = make_app("en")
    order_no = pay(till_app.till, order_for(till_app.till, "13800138000", "HOT-03"))
    members = open_members(qtbot, till_app)
    model, table = members.model, members.table
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=10_000)
    assert model.row_at(0).member_no == "M0000001"  # 张伟, sorted by member number

    cell = table.visualRect(model.index(0, 1)).center()
    double_click(table.viewport(), cell)
    workspace = members.window()
    story = workspace.findChild(MemberStoryTab, "memberStoryTab")
    assert story is not None and story.isVisible()
    qtbot.waitUntil(lambda: story.story is not None, timeout=10_000)
    assert label(story, "storyTitle").startswith("张伟  ·  M0000001")
    assert "13800138000" in label(story, "storyDetails")
    p = story.story.profile
    worth = value_of(p.spend, p.joined_on, p.last_visit_on, story.story.today)
    assert worth.lifetime_value > 0  # the order just paid: a member still coming
    shown = format_money(worth.lifetime_value, till_app.till.currency)
    assert f"Value (3-year estimate): {shown}" in label(story, "storyDetails")
    orders = story.findChild(QTableWidget, "storyOrders")
    assert orders.rowCount() == 1 and orders.item(0, 1).text() == order_no
    assert "Sichuan Boiled Fish ×1" in orders.item(0, 4).text()
    assert orders.item(0, 2).text() == "Lunch"

    # double-clicking the same member again focuses the open tab, no second one
    double_click(table.viewport(), cell)
    assert len(workspace.findChildren(MemberStoryTab)) == 1

    def fill_complaint(dialog: QWidget) -> None:
        dialog.findChild(QPlainTextEdit, "complaintDescriptionEdit").setPlainText(
            "Fish arrived cold"
        )
        dialog.findChild(QDateEdit, "complaintPromisedEdit").setDate(QDate(2026, 11, 24))
        dialog.findChild(QLineEdit, "complaintCompensationEdit").setText("20")
        dialog.findChild(QLineEdit, "complaintCompensationNoteEdit").setText("dessert")
        click(qtbot, dialog, "confirmComplaintButton")

    on_next_modal(fill_complaint)
    click(qtbot, story, "recordComplaintButton")
    complaints = story.findChild(QTableWidget, "storyComplaints")
    qtbot.waitUntil(lambda: complaints.rowCount() == 1, timeout=10_000)
    assert label(story, "storyStatus") == "Complaint recorded."
    assert complaints.item(0, 2).text() == "Fish arrived cold"
    assert complaints.item(0, 4).text() == "2026-11-24"
    assert complaints.item(0, 5).text() == "¥20.00 dessert"
    assert complaints.item(0, 6).text() == "Open"
    assert complaints.item(0, 0).background().color() != OVERDUE_COLOUR

    # the day after the promised date, still open: overdue, in red
    clock.advance(timedelta(days=3))
    story.reload()
    qtbot.waitUntil(lambda: complaints.item(0, 6).text() == "Overdue", timeout=10_000)
    assert complaints.item(0, 0).background().color() == OVERDUE_COLOUR
    assert label(story, "storyOverdue") == "1 overdue complaint(s)"
    save_screenshot(workspace, "member-story")

    # resolve the selected complaint: no longer overdue
    complaints.selectRow(0)

    def resolve(dialog: QWidget) -> None:
        dialog.findChild(QPlainTextEdit, "resolveOutcomeEdit").setPlainText("Apologised")
        click(qtbot, dialog, "confirmResolveButton")

    on_next_modal(resolve)
    click(qtbot, story, "resolveComplaintButton")
    qtbot.waitUntil(lambda: complaints.item(0, 6).text() == "Resolved", timeout=10_000)
    assert complaints.item(0, 7).text() == "Apologised"
    assert complaints.item(0, 0).background().color() != OVERDUE_COLOUR
    assert not story.findChild(QLabel, "storyOverdue").isVisible()
