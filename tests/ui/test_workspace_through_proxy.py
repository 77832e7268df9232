"""The erasure's approval in the manager's workspace and the training switch's while the
PostgreSQL server stalls (a TCP proxy between till and server, tests/pg_proxy.py): the
approval is checked off the GUI thread, so the window keeps turning; the approval dialog
says why in one sentence and stays open, and the next tap works once the server answers."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QMainWindow, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.ui.conftest import click, on_next_modal, settle
from tests.ui.test_counter_jobs_through_proxy import (  # noqa: F401 (a fixture)
    UNREACHABLE,
    Counter,
    counter,
    failed_while_turning,
    one,
)
from tests.ui.test_loyalty_at_till import label
from tests.ui.test_outage_through_proxy import WITHIN_MS

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore("This plugin does not support raise"),  # offscreen
]


def approve_after_a_stall(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
    seen: dict[str, object],
) -> None:
    """On the next approval dialog: the manager's PIN while the server stalls (what was
    said kept in ``seen``), then again once it answers."""
    window, proxy, _url = counter

    def approve(dialog: QWidget) -> None:
        pin = dialog.findChild(QLineEdit, "approverPinEdit")
        pin.setText("9999")
        proxy.stall()
        click(qtbot, dialog, "approveButton")
        said = failed_while_turning(qtbot, window, proxy, "stall", dialog, "approvalError")
        seen["said"], seen["open"] = said, dialog.isVisible()
        pin.setText("9999")
        click(qtbot, dialog, "approveButton")

    on_next_modal(approve)


def test_an_erasure_approved_while_the_server_stalls_says_why_and_erases_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, _proxy, url = counter
    click(qtbot, window, "workspaceButton")
    settle(window)
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    member_id = one(url, "SELECT id FROM members WHERE member_no = 'M0000002'")
    story = workspace.stories.open(member_id)
    qtbot.waitUntil(lambda: story.story is not None, timeout=WITHIN_MS)
    seen: dict[str, object] = {}

    def confirm(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "eraseConfirmEdit").setText("M0000002")
        approve_after_a_stall(qtbot, counter, seen)
        click(qtbot, dialog, "confirmEraseButton")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3 * WITHIN_MS)  # erased

    on_next_modal(confirm)
    click(qtbot, story, "eraseMemberButton")
    erased = "Member M0000002 erased."
    qtbot.waitUntil(lambda: label(story, "storyStatus") == erased, timeout=WITHIN_MS)

    assert seen == {"said": UNREACHABLE, "open": True}
    assert one(url, "SELECT count(*) FROM audit_events WHERE action = 'member_erased'") == 1


def test_the_training_switch_approved_while_the_server_stalls_says_why_and_switches_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, _proxy, url = counter
    seen: dict[str, object] = {}
    approve_after_a_stall(qtbot, counter, seen)
    click(qtbot, window, "trainingButton")
    qtbot.waitUntil(lambda: not isValid(window), timeout=WITHIN_MS)  # the till rebuilt

    assert seen == {"said": UNREACHABLE, "open": True}
    switched = "SELECT count(*) FROM audit_events WHERE action = 'training_started'"
    assert one(url, switched) == 1


@pytest.mark.parametrize("page", ["FROM saved_filters", "FROM menu_categories"])
def test_the_workspace_pages_first_reads_stall_off_the_gui_thread_and_open_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
    page: str,
) -> None:
    """The Members tab's saved filters and the Menu page are read with the tiers, before
    the workspace is built: a stall there leaves the window turning."""
    window, proxy, _url = counter
    proxy.stall_on(page)
    click(qtbot, window, "workspaceButton")
    said = failed_while_turning(qtbot, window, proxy, "stall", window, "counterFailure")
    assert window.findChild(QMainWindow, "managerWorkspace") is None
    click(qtbot, window, "workspaceButton")
    settle(window)

    assert said == UNREACHABLE
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None and workspace.isVisible()
    assert workspace.menu_page.categories.count() > 0
    assert workspace.members.saved_combo.count() >= 1


def test_a_filter_saved_while_the_server_stalls_says_why_and_is_saved_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, proxy, url = counter
    click(qtbot, window, "workspaceButton")
    settle(window)
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    members = workspace.members
    members.ask_name = lambda _parent: "Regulars"
    settle(members)
    proxy.stall()
    click(qtbot, members, "saveFilterButton")
    said = failed_while_turning(qtbot, window, proxy, "stall", members, "memberListStatus")
    click(qtbot, members, "saveFilterButton")
    settle(members)

    assert said == UNREACHABLE
    assert members.saved_combo.currentText() == "Regulars"
    assert one(url, "SELECT count(*) FROM saved_filters WHERE name = 'Regulars'") == 1


def test_the_restaurant_saved_while_the_server_stalls_says_why_and_is_saved_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, proxy, url = counter
    click(qtbot, window, "workspaceButton")
    settle(window)
    page = window.findChild(QMainWindow, "managerWorkspace").restaurant_page
    name = page.findChild(QLineEdit, "restaurantNameEdit")
    name.setText("Sichuan House 2")
    proxy.stall()
    click(qtbot, page, "saveRestaurantButton")
    said = failed_while_turning(qtbot, window, proxy, "stall", page, "restaurantError")
    kept = name.text()
    click(qtbot, page, "saveRestaurantButton")
    settle(page)

    assert (said, kept) == (UNREACHABLE, "Sichuan House 2")
    assert label(page, "restaurantError") == ""
    stored = "SELECT count(*) FROM settings WHERE value = 'Sichuan House 2'"
    assert one(url, stored) == 1
