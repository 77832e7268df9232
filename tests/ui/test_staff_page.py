"""The back office's Staff page, driven as a manager would: a cashier added here chooses
her own PIN at her first sign-in, a reset PIN makes its holder choose a new one at
sign-in, and the last manager stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click as press
from tests.ui.conftest import (
    on_next_modal,
    open_cashier,
    open_workspace_as_manager,
    ready,
    save_screenshot,
    settle,
    tap_sign_in,
)
from ui.app import TillApp
from ui.manager.staff_tab import StaffTab

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    """Press ``name``, then wait for what the page or dialog saves and reads off the GUI
    thread."""
    press(qtbot, parent, name)
    settle(parent)


def open_staff_page(qtbot: QtBot, till_app: TillApp) -> tuple[QMainWindow, StaffTab]:
    _, workspace, page = open_workspace_as_manager(qtbot, till_app, StaffTab, "staffTab")
    assert page is not None
    return workspace, page


def type_into(dialog: QWidget, name: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None, f"no field {name}"
    edit.setText(text)


def sign_out(qtbot: QtBot, till_app: TillApp) -> None:
    assert till_app.window is not None
    click(qtbot, till_app.window, "logoutButton")
    assert ready(till_app).login is not None  # its staff list is read off the GUI thread


def choose(till_app: TillApp, username: str) -> None:
    assert till_app.login is not None
    combo = till_app.login.staff_combo
    combo.setCurrentIndex(combo.findData(username))
    assert combo.currentData() == username


def type_pin(qtbot: QtBot, till_app: TillApp, pin: str) -> None:
    login = till_app.login
    assert login is not None
    for digit in pin:
        click(qtbot, login, f"pinKey{digit}")
    tap_sign_in(qtbot, till_app)  # the PIN check, then the counter's first read


def in_dialog(steps: Callable[[QWidget], None], seen: list[str]) -> None:
    """Run ``steps`` on the next modal dialog, keeping its error text in ``seen``."""

    def handler(dialog: QWidget) -> None:
        steps(dialog)
        seen.extend(label.text() for label in dialog.findChildren(QLabel)
                    if label.objectName().endswith("Error") and label.text())  # fmt: skip

    on_next_modal(handler)


def test_a_manager_adds_a_cashier_who_chooses_her_own_pin_at_first_sign_in(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    workspace, page = open_staff_page(qtbot, till_app)
    seen: list[str] = []

    def weak_pin_then_good(dialog: QWidget) -> None:
        type_into(dialog, "staffNameEdit", "周丽")
        type_into(dialog, "staffUsernameEdit", "zhouli")
        role = dialog.findChild(QComboBox, "staffRoleCombo")
        assert role.currentText() == "Cashier"
        type_into(dialog, "staffPinEdit", "1234")
        type_into(dialog, "staffPinAgainEdit", "1234")
        click(qtbot, dialog, "staffFormConfirm")
        assert dialog.isVisible()  # refused: it stays open with the reason
        seen.append(dialog.findChild(QLabel, "staffFormError").text())
        type_into(dialog, "staffPinEdit", "4827")
        type_into(dialog, "staffPinAgainEdit", "4827")
        click(qtbot, dialog, "staffFormConfirm")

    on_next_modal(weak_pin_then_good)
    click(qtbot, page, "addStaffButton")
    assert seen == ["A PIN of digits in a row (like 1234) is too easy to guess."]
    rows = {page.table.item(r, 1).text(): r for r in range(page.table.rowCount())}
    assert page.selected() is not None and page.selected().staff.username == "zhouli"
    workspace.resize(1024, 768)
    save_screenshot(workspace, "staff-page-en")

    assert page.table.item(rows["zhouli"], 3).text() == "Active: new PIN at next sign-in"
    sign_out(qtbot, till_app)
    choose(till_app, "zhouli")

    def own_pin(dialog: QWidget) -> None:  # the manager knows 4827: she chooses her own
        type_into(dialog, "newPinEdit", "4827")
        type_into(dialog, "newPinAgainEdit", "4827")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread
        seen.append(dialog.findChild(QLabel, "newPinError").text())
        type_into(dialog, "newPinEdit", "6193")
        type_into(dialog, "newPinAgainEdit", "6193")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread

    on_next_modal(own_pin)
    type_pin(qtbot, till_app, "4827")
    assert seen[1:] == ["Choose a PIN other than the one you were given."]
    assert till_app.window is not None
    assert till_app.window.presenter.cashier.display_name == "周丽"
    sign_out(qtbot, till_app)
    choose(till_app, "zhouli")
    with_own_pin = open_cashier(qtbot, till_app, pin="6193")
    assert with_own_pin.presenter.cashier.display_name == "周丽"


def test_a_reset_pin_makes_its_holder_choose_a_new_one_at_sign_in(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    _workspace, page = open_staff_page(qtbot, till_app)
    page.select("wangfang")

    def one_time_pin(dialog: QWidget) -> None:
        type_into(dialog, "newPinEdit", "7391")
        type_into(dialog, "newPinAgainEdit", "7391")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread

    on_next_modal(one_time_pin)
    click(qtbot, page, "resetPinButton")
    row = page.table.currentRow()
    assert page.table.item(row, 3).text() == "Active: new PIN at next sign-in"

    sign_out(qtbot, till_app)
    choose(till_app, "wangfang")
    seen: list[str] = []

    def new_pin(dialog: QWidget) -> None:
        type_into(dialog, "newPinEdit", "5082")
        type_into(dialog, "newPinAgainEdit", "5083")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread
        seen.append(dialog.findChild(QLabel, "newPinError").text())
        type_into(dialog, "newPinEdit", "0000")
        type_into(dialog, "newPinAgainEdit", "0000")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread
        seen.append(dialog.findChild(QLabel, "newPinError").text())
        type_into(dialog, "newPinEdit", "5082")
        type_into(dialog, "newPinAgainEdit", "5082")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread

    on_next_modal(new_pin)
    type_pin(qtbot, till_app, "7391")
    assert seen == [
        "The two PINs differ: type the same PIN twice.",
        "A PIN of one digit repeated is too easy to guess.",
    ]
    assert till_app.window is not None
    assert till_app.window.presenter.cashier.username == "wangfang"
    sign_out(qtbot, till_app)
    choose(till_app, "wangfang")
    window = open_cashier(qtbot, till_app, pin="5082")  # the new PIN from now on
    assert window.presenter.cashier.username == "wangfang"


def test_the_last_manager_cannot_be_disabled_and_the_page_says_why_in_chinese(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    workspace, page = open_staff_page(qtbot, till_app)
    page.select("manager")
    click(qtbot, page, "disableStaffButton")
    assert page.error.text() == "最后一位在职经理不能停用，也不能改为其他角色。"
    workspace.resize(1024, 768)
    save_screenshot(workspace, "staff-page-zh")
    manager = page.selected()
    assert manager is not None and manager.active
    page.select("wangfang")

    def rename(dialog: QWidget) -> None:
        type_into(dialog, "staffNameEdit", "王芳芳")
        click(qtbot, dialog, "staffFormConfirm")

    on_next_modal(rename)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter edits the chosen person
    settle(page)
    assert page.selected() is not None and page.selected().staff.display_name == "王芳芳"
    click(qtbot, page, "disableStaffButton")
    assert page.selected() is not None and not page.selected().active
    assert page.buttons["enableStaffButton"].isEnabled() and page.error.text() == ""


def test_a_badge_is_registered_and_removed_and_the_pin_policy_set(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    _workspace, page = open_staff_page(qtbot, till_app)
    page.select("wangfang")
    seen: list[str] = []

    def swipe(dialog: QWidget) -> None:
        type_into(dialog, "badgeReadEdit", ";6600000000009999?")  # the manager's badge
        click(qtbot, dialog, "badgeEntryConfirm")
        seen.append(dialog.findChild(QLabel, "badgeEntryError").text())
        assert till_app.window is not None  # the till's reader: as its signal delivers it
        till_app.window.on_card_read(";6600000000004321?")

    on_next_modal(swipe)
    click(qtbot, page, "registerBadgeButton")
    assert seen == ["This badge is registered to another staff member."]
    row = page.table.currentRow()
    assert page.table.item(row, 4).text() == "…4321"
    click(qtbot, page, "removeBadgeButton")
    assert page.table.item(row, 4).text() == ""
    assert not page.buttons["removeBadgeButton"].isEnabled()

    page.policy.setCurrentIndex(page.policy.findData(6))
    page.policy.activated.emit(page.policy.currentIndex())
    settle(page)
    assert till_app.till is not None and till_app.till.auth.pin_policy().min_length == 6

    def short_pin(dialog: QWidget) -> None:
        type_into(dialog, "newPinEdit", "7391")
        type_into(dialog, "newPinAgainEdit", "7391")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)  # the new PIN is saved off the GUI thread
        seen.append(dialog.findChild(QLabel, "newPinError").text())

    on_next_modal(short_pin)
    click(qtbot, page, "resetPinButton")
    assert seen[-1] == "A PIN has at least 6 digits."


def test_a_one_time_pin_whose_new_pin_is_not_chosen_signs_nobody_in(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    till = till_app.till
    assert till is not None and till_app.login is not None
    manager = till.auth.log_in("manager", "9999")
    cashier = next(staff for staff in till.auth.staff_on_duty() if staff.username == "wangfang")
    till.staff_admin.reset_pin(manager, cashier.staff_id, "7391")
    choose(till_app, "wangfang")
    opened: list[str] = []
    on_next_modal(lambda dialog: opened.append(dialog.objectName()))  # then Cancel
    type_pin(qtbot, till_app, "7391")
    login = till_app.login
    assert opened == ["newPinDialog"] and till_app.window is None
    assert login.error_label.text() == "Sign in again with the PIN you were given."
    assert login.pin_edit.text() == "" and login.focusWidget() is login.pin_edit
