"""The manager's workspace is made for a finger too: on a 1024×768 touch screen, in Chinese
and in English, every field, button, tick box, tab and table row a manager taps (each
workspace tab, a member's story, the staff and menu forms, the loyalty rules editor) is at
least 44×44 px, unclipped, with no text cut off without a tooltip."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, open_workspace_as_manager, save_screenshot
from tests.ui.test_till_fits import SCREENS, TOUCH, problems
from ui.app import TillApp

SMALLEST = QRect(0, 0, *SCREENS[0])
TABLES = ("memberTable", "staffTable", "menuItemTable", "menuCategoryList", "holidaysTable",
          "campaignsTable")  # fmt: skip
"""Tables whose rows are tapped (opened, edited, picked)."""


def settle() -> None:
    for _ in range(3):  # a layout request posts the next one up: let them all run
        QApplication.processEvents()


def small_tabs(root: QWidget) -> list[str]:
    found = []
    for bar in root.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for index in range(bar.count()):
            rect = bar.tabRect(index)
            if rect.height() < TOUCH or rect.width() < TOUCH:
                found.append(f"tab {bar.tabText(index)!r} is {rect.width()}×{rect.height()}")
    return found


def low_rows(root: QWidget) -> list[str]:
    found = []
    for view in root.findChildren(QAbstractItemView):
        if view.objectName() in TABLES and view.isVisible() and view.model().rowCount():
            row = view.model().index(0, 0)
            height = (
                view.rowHeight(0) if isinstance(view, QTableView) else view.visualRect(row).height()
            )
            if height < TOUCH:
                found.append(f"{view.objectName()}'s rows are {height} px high")
    return found


def touch_problems(root: QWidget, where: str) -> list[str]:
    settle()
    found = problems(root, SMALLEST, ()) + small_tabs(root) + low_rows(root)
    return [f"{where}: {problem}" for problem in found]


@pytest.mark.qt_log_ignore("This plugin does not support raise")
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_control_of_the_workspace_is_a_touch_target_on_the_smallest_screen(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    _window, workspace, _ = open_workspace_as_manager(qtbot, make_app(language))
    workspace.resize(SMALLEST.size())
    tabs = workspace.findChild(QTabWidget, "workspaceTabs")
    found: list[str] = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        found += touch_problems(workspace, tabs.tabText(index))
        save_screenshot(workspace, f"workspace-{index}-{language}")
    story = workspace.stories.open(1)  # type: ignore[attr-defined]
    with qtbot.waitSignal(story.loaded, timeout=10_000):
        pass
    sections = story.findChild(QTabWidget, "storySections")
    for index in range(sections.count()):
        sections.setCurrentIndex(index)
        found += touch_problems(workspace, f"story, {sections.tabText(index)}")
    save_screenshot(workspace, f"workspace-story-{language}")
    assert not found, "\n".join(found)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
@pytest.mark.parametrize(
    "button", ["addStaffButton", "addItemButton", "addCategoryButton", "loyaltyRulesButton"]
)
def test_the_managers_forms_are_touch_sized(
    qtbot: QtBot, make_app: Callable[[str], TillApp], button: str
) -> None:
    window, workspace, _ = open_workspace_as_manager(qtbot, make_app("en"))
    found: list[str] = []

    def look(dialog: QWidget) -> None:
        dialog.move(0, 0)
        tabs = dialog.findChild(QTabWidget)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            found.extend(touch_problems(dialog, f"{button}, page {index}"))
        save_screenshot(dialog, f"workspace-{button}-en")
        dialog.close()

    on_next_modal(look)
    click(qtbot, window if button == "loyaltyRulesButton" else workspace, button)
    assert not found, "\n".join(found)
