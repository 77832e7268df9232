"""Privacy in the manager's workspace, driven through the real widgets: a manager edits a
member's profile and consents (a taken phone is refused in the dialog), exports the
member's data to one file, and erases the member behind a typed member number and a
manager's PIN; the cashier's view of a member shows a masked phone and no birthday."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, open_cashier, save_screenshot, settle
from tests.ui.test_member_list_tab import open_members
from tests.ui.test_member_story import label
from ui.app import TillApp
from ui.manager.member_story_tab import MemberStoryTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

EMILY, ZHANG_WEI = "13912345678", "13800138000"


def open_story(qtbot: QtBot, till_app: TillApp, phone: str) -> tuple[QMainWindow, MemberStoryTab]:
    """Sign in as the manager, open the workspace and the member's story tab."""
    members = open_members(qtbot, till_app)
    workspace = members.window()
    found = till_app.till.members.identify(phone).member
    assert found is not None
    story = workspace.stories.open(int(found.member_id))
    qtbot.waitUntil(lambda: story.story is not None, timeout=10_000)
    return workspace, story


def edit_text(dialog: QWidget, name: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None, name
    edit.setText(text)


def button(widget: QWidget, name: str) -> QPushButton:
    found = widget.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_a_manager_edits_a_profile_and_its_consents_and_the_history_shows_it(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    workspace, story = open_story(qtbot, till_app, EMILY)
    assert label(story, "storyConsents").endswith("(never recorded)")
    seen: dict[str, str] = {}

    def edit(dialog: QWidget) -> None:
        assert dialog.findChild(QLineEdit, "profileNameEdit").text() == "Emily Chen"
        edit_text(dialog, "profileNameEdit", "陈艾米莉")
        edit_text(dialog, "profilePhoneEdit", "138 0013 8000")  # 张伟's
        click(qtbot, dialog, "saveProfileButton")
        seen["refused"] = dialog.findChild(QLabel, "profileError").text()
        assert dialog.isVisible()  # still open, to fix the phone
        edit_text(dialog, "profilePhoneEdit", "+86 139-0000-1111")
        edit_text(dialog, "profileAllergiesEdit", "虾 shellfish")
        dialog.findChild(QCheckBox, "consentAutomatedCheck").setChecked(True)
        save_screenshot(dialog, "edit-profile-dialog")
        click(qtbot, dialog, "saveProfileButton")

    on_next_modal(edit)
    click(qtbot, story, "editProfileButton")
    assert seen["refused"] == "This phone already belongs to 张伟 (M0000001, 138****8000)."
    qtbot.waitUntil(lambda: label(story, "storyTitle").startswith("陈艾米莉"), timeout=10_000)
    assert label(story, "storyStatus") == "Profile saved: 4 change(s)."
    history = story.findChild(QTableWidget, "storyChanges")
    assert story.sections.currentWidget() is history  # the edit history comes to the front
    rows = {
        history.item(row, 1).text(): (history.item(row, 2).text(), history.item(row, 3).text())
        for row in range(history.rowCount())
    }
    assert rows["Name"] == ("Emily Chen", "陈艾米莉")
    assert rows["Phone"] == (EMILY, "13900001111")
    assert rows["Allergies"][1] == "虾 shellfish"
    assert rows["Consent: automated decisions"] == ("no", "yes")
    assert "13900001111" in label(story, "storyDetails")
    assert "(recorded 2026-11-22 12:30)" in label(story, "storyConsents")
    # the till finds the new name and phone at once
    assert [c.member_no for c in till_app.till.members.search("陈艾").candidates] == ["M0000002"]
    assert till_app.till.members.identify("13900001111").member is not None
    save_screenshot(workspace, "edited-member-story")


def test_a_manager_exports_a_members_data_to_one_file(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")
    _workspace, story = open_story(qtbot, till_app, ZHANG_WEI)
    story.profile_actions.choose_path = lambda _parent, suggested: tmp_path / suggested
    click(qtbot, story, "exportMemberDataButton")
    qtbot.waitUntil(lambda: "Exported" in label(story, "storyStatus"), timeout=10_000)
    (out,) = (path for path in tmp_path.glob("*.json") if path.name != "settings.json")
    assert out.name == "member-M0000001-2026-11-22.json"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["profile"]["name"] == "张伟" and data["balances"]["stored_value"] == "¥500.00"
    assert str(out) in label(story, "storyStatus")


def test_a_manager_erases_a_member_with_the_number_typed_and_a_pin(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    workspace, story = open_story(qtbot, till_app, EMILY)
    seen: dict[str, object] = {}

    def approve(dialog: QWidget) -> None:
        edit_text(dialog, "approverPinEdit", "0000")
        click(qtbot, dialog, "approveButton")
        settle(dialog)  # the approval is checked off the GUI thread
        seen["wrong"] = dialog.findChild(QLabel, "approvalError").text()
        seen["intact"] = till_app.till.members.identify(EMILY).member is not None
        edit_text(dialog, "approverPinEdit", "9999")
        click(qtbot, dialog, "approveButton")

    def confirm(dialog: QWidget) -> None:
        assert "cannot be undone" in dialog.findChild(QLabel, "eraseExplanation").text()
        erase = button(dialog, "confirmEraseButton")
        edit_text(dialog, "eraseConfirmEdit", "M0000003")
        seen["wrong_number_enabled"] = erase.isEnabled()
        edit_text(dialog, "eraseConfirmEdit", "m0000002")
        save_screenshot(dialog, "erase-dialog")
        on_next_modal(approve)
        click(qtbot, dialog, "confirmEraseButton")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)  # approved off-thread

    on_next_modal(confirm)
    click(qtbot, story, "eraseMemberButton")
    assert seen["wrong_number_enabled"] is False
    assert seen["wrong"] == "Wrong PIN, or the account is locked." and seen["intact"] is True
    qtbot.waitUntil(lambda: story.findChild(QLabel, "storyErased").isVisible(), timeout=10_000)
    assert label(story, "storyTitle").startswith("已删除会员 #M0000002")
    assert label(story, "storyErased").startswith("Erased on 2026-11-22 12:30")
    assert label(story, "storyStatus") == "Member M0000002 erased."
    assert "Phone: —" in label(story, "storyDetails")
    assert not button(story, "editProfileButton").isEnabled()
    assert not button(story, "eraseMemberButton").isEnabled()
    assert button(story, "exportMemberDataButton").isEnabled()
    assert till_app.till.members.identify(EMILY).member is None
    workspace.findChild(QTabWidget, "workspaceTabs").setCurrentWidget(story)
    save_screenshot(workspace, "erased-member-story")


def test_the_erase_dialog_refuses_while_stored_value_is_owed(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    _workspace, story = open_story(qtbot, till_app, ZHANG_WEI)
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        seen["owed"] = dialog.findChild(QLabel, "eraseOwed").text()
        seen["typing"] = dialog.findChild(QLineEdit, "eraseConfirmEdit").isEnabled()
        seen["erase"] = button(dialog, "confirmEraseButton").isEnabled()

    on_next_modal(look)
    click(qtbot, story, "eraseMemberButton")
    assert str(seen["owed"]).startswith("The member still has ¥500.00 stored value.")
    assert seen["typing"] is False and seen["erase"] is False
    assert till_app.till.members.identify(ZHANG_WEI).member is not None


def test_a_cashier_sees_a_masked_phone_and_no_birthday(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    """Emily Chen's birthday is this month: the hint says so, the date never shows."""
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)  # 王芳, a cashier
    member = till_app.till.members.identify(EMILY).member
    assert member is not None
    assert member.birthday is None  # the till's view of a member does not even carry it
    boss = till_app.till.auth.log_in("manager", "9999")
    born = till_app.till.member_story.profile.values(int(member.member_id), boss).birthday
    assert born is not None and born.month == 11  # this month
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, EMILY)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "139****5678" in label(window, "memberNumber"), timeout=5_000)
    shown = " ".join(w.text() for w in window.findChildren(QLabel) if w.isVisible())
    assert "Emily Chen" in shown and "139****5678" in shown
    assert "birthday" in shown.lower()  # the birthday-month hint is fine
    assert EMILY not in shown
    for written in (born.isoformat(), born.strftime("%Y/%m/%d"), f"{born.month}月{born.day}日"):
        assert written not in shown
    assert window.findChild(QPushButton, "workspaceButton") is None  # no member stories
    save_screenshot(window, "cashier-member-view")
