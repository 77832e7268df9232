"""The back office's Menu page, driven as a manager would: an item added with its
allergens, marked sold out, cannot be sold at the till until the next day; the till warns
when a member's recorded allergy is in an item; screenshots of the page and its dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.menu import Allergen
from tests.fakes import FakeClock
from tests.ui.conftest import click as press
from tests.ui.conftest import (
    on_next_modal,
    open_workspace_as_manager,
    save_screenshot,
    settle,
)
from ui.app import TillApp
from ui.cashier.window import CashierWindow
from ui.manager.menu_tab import MenuTab
from ui.menu_text import allergen_label

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    """Press ``name``, then wait for what the page saves and reads off the GUI thread."""
    press(qtbot, parent, name)
    settle(parent)


def open_menu_page(qtbot: QtBot, till_app: TillApp) -> tuple[CashierWindow, QMainWindow, MenuTab]:
    window, workspace, page = open_workspace_as_manager(qtbot, till_app, MenuTab, "menuTab")
    assert page is not None
    return window, workspace, page


def fill_item(
    name_zh: str, name_en: str, price: str, allergens: tuple[str, ...]
) -> Callable[[QWidget], None]:
    def fill(dialog: QWidget) -> None:
        for field, text in (
            ("itemNameZhEdit", name_zh), ("itemNameEnEdit", name_en), ("itemPriceEdit", price),
        ):  # fmt: skip
            edit = dialog.findChild(QLineEdit, field)
            assert edit is not None
            edit.setText(text)
        for code in allergens:
            box = dialog.findChild(QCheckBox, f"allergen_{code}")
            assert box is not None
            box.setChecked(True)
        confirm = dialog.findChild(QPushButton, "menuItemConfirm")
        assert confirm is not None
        confirm.click()
        settle(dialog)  # saved off the GUI thread

    return fill


def rows(page: MenuTab) -> list[list[str]]:
    table = page.findChild(QTableWidget, "menuItemTable")
    assert table is not None
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def shown_buttons(window: CashierWindow) -> list[QPushButton]:
    """The grid's buttons now (those replaced were hidden, and wait to be deleted)."""
    explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
    return [
        b for b in window.findChildren(QPushButton)
        if not (b.testAttribute(explicit) and b.isHidden())
    ]  # fmt: skip


def item_button(window: CashierWindow, text: str) -> QPushButton:
    found = [b for b in shown_buttons(window) if b.text().startswith(text)]
    assert len(found) == 1, [b.text() for b in found]
    return found[0]


def test_an_item_sold_out_today_cannot_be_sold_until_tomorrow(
    qtbot: QtBot, make_app: Callable[[str], TillApp], clock: FakeClock
) -> None:
    till_app = make_app("en")
    window, _workspace, page = open_menu_page(qtbot, till_app)
    seen: list[str] = []

    def refused_then_fixed(dialog: QWidget) -> None:
        fill_item("花生米", "Fried peanuts", "-3", ("peanut",))(dialog)
        seen.append(dialog.findChild(QLabel, "menuItemError").text())
        fill_item("花生米", "Fried peanuts", "15", ())(dialog)

    on_next_modal(refused_then_fixed)
    click(qtbot, page, "addItemButton")
    assert seen == ["A price is a number from 0.00 to 100,000.00."]
    assert rows(page)[-1] == ["Fried peanuts", "¥15.00", "On sale", "Peanut"]
    settle(window)  # the till reads the menu again off the GUI thread
    assert item_button(window, "Fried peanuts").isEnabled()
    assert "Peanut" in item_button(window, "Fried peanuts").toolTip()

    click(qtbot, page, "soldOutButton")
    assert rows(page)[-1][2] == "Sold out today"
    assert page.buttons["soldOutButton"].text() == "Back on sale"
    settle(window)
    sold_out = item_button(window, "Fried peanuts")
    assert not sold_out.isEnabled() and "sold out today" in sold_out.toolTip()

    clock.advance(timedelta(days=1))
    click(qtbot, window, "newOrderButton")
    settle(window)  # the void and the next menu come back off the GUI thread
    back = item_button(window, "Fried peanuts")
    assert back.isEnabled()
    back.click()
    order = window.findChild(QTableWidget, "orderTable")
    assert order is not None and order.rowCount() == 1

    page.table.selectRow(page.table.rowCount() - 1)
    click(qtbot, page, "hideItemButton")
    assert rows(page)[-1][2] == "Hidden"
    settle(window)
    assert not [b for b in shown_buttons(window) if b.text().startswith("Fried")]


def test_the_till_warns_when_the_members_allergy_is_in_the_item(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    window, _workspace, page = open_menu_page(qtbot, till_app)
    on_next_modal(fill_item("宫保虾球", "Kung Pao Prawns", "58", ("peanut", "shellfish")))
    click(qtbot, page, "addItemButton")
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, "138 0013 8000")  # 张伟: 花生过敏
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)
    on_next_modal(lambda box: click(qtbot, box, "allergyKeep"))  # the guard asks too
    item_button(window, "宫保虾球").click()
    status = window.findChild(QLabel, "orderStatus")
    assert status is not None
    assert "宫保虾球" in status.text() and allergen_label(Allergen.PEANUT) in status.text()
    assert allergen_label(Allergen.SHELLFISH) not in status.text()  # not one of hers


@pytest.mark.parametrize("language", ["en", "zh"])
def test_screenshots_of_the_menu_page_and_its_item_dialog(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    till_app = make_app(language)
    window, workspace, page = open_menu_page(qtbot, till_app)
    workspace.resize(1024, 768)
    page.table.selectRow(0)
    click(qtbot, page, "soldOutButton")
    page.table.selectRow(1)
    on_next_modal(fill_item("麻婆豆腐", "Mapo Tofu", "26", ("soy", "wheat_gluten")))
    click(qtbot, page, "editItemButton")
    save_screenshot(workspace, f"menu-tab-{language}")
    window.resize(1024, 768)
    save_screenshot(window, f"menu-till-{language}")
    sizes: list[tuple[int, int]] = []

    def shoot(dialog: QWidget) -> None:
        box = dialog.findChild(QCheckBox, "allergen_peanut")
        assert box is not None
        box.setChecked(True)
        dialog.findChild(QCheckBox, "allergen_soy").setChecked(True)
        save_screenshot(dialog, f"menu-item-dialog-{language}")
        sizes.append((dialog.width(), dialog.height()))

    on_next_modal(shoot)
    click(qtbot, page, "editItemButton")
    assert sizes and sizes[0][0] <= 1024 and sizes[0][1] <= 768
    assert page.minimumSizeHint().width() <= 1024
    assert all(b.height() >= 44 for b in page.buttons.values())
    assert not item_button(window, "宫保鸡丁" if language == "zh" else "Kung Pao").isEnabled()


def test_a_category_added_and_moved_first_shows_first_on_the_till(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window, _workspace, page = open_menu_page(qtbot, till_app)

    def name_it(dialog: QWidget) -> None:
        for field, text in (("categoryNameZhEdit", "汤"), ("categoryNameEnEdit", "Soups")):
            edit = dialog.findChild(QLineEdit, field)
            assert edit is not None
            edit.setText(text)
        confirm = dialog.findChild(QPushButton, "menuCategoryConfirm")
        assert confirm is not None
        confirm.click()

    on_next_modal(name_it)
    click(qtbot, page, "addCategoryButton")
    assert page.categories.currentItem().text() == "Soups"
    page.categories.setCurrentRow(0)
    first = rows(page)[0][0]
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    settle(page)
    assert rows(page)[1][0] == first  # Ctrl+Down moved it one place later on the till
    page.categories.setCurrentRow(page.categories.count() - 1)
    for _ in range(page.categories.count() - 1):
        click(qtbot, page, "categoryUpButton")
    assert page.categories.item(0).text() == "Soups"
    on_next_modal(fill_item("蛋花汤", "Egg soup", "18", ("egg",)))
    click(qtbot, page, "addItemButton")
    settle(window)
    tabs = [b for b in shown_buttons(window) if b.objectName().startswith("category_")]
    assert tabs[0].text() == "Soups"
    tabs[0].click()
    assert item_button(window, "Egg soup").isEnabled()
