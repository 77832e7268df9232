"""Every dialog a cashier opens at the counter is made for a finger on the smallest screen:
each field and button at least 44×44 px, nothing cut off, nothing off the 1024×768
screen (signed in as the manager, with a member and a dish on the order, so every
button is enabled; the settings with the order empty, as they ask), and the trainer's
report in the training till."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, open_cashier, save_screenshot
from tests.ui.test_loyalty_at_till import find_member
from tests.ui.test_till_fits import SCREENS, problems, training_app  # noqa: F401 (a fixture)
from ui.app import TillApp

SMALLEST = QRect(0, 0, *SCREENS[0])


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    "button",
    [
        "printJobsButton",
        "myBadgeButton",
        "whyPriceButton",
        "issueCardButton",
        "mergeButton",
        "guestNoteButton",
        "settingsButton",
    ],
)
def test_each_counter_dialog_is_touch_sized_on_the_smallest_screen(
    qtbot: QtBot, make_app: Callable[[str], TillApp], button: str, language: str
) -> None:
    till_app = make_app(language)
    login = till_app.login
    assert login is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("manager"))
    window = open_cashier(qtbot, till_app, pin="9999")
    if button != "settingsButton":  # the settings open on an empty order only
        click(qtbot, window, "item_HOT-01")
    find_member(qtbot, window, "13800138000")
    found: list[str] = []

    def look(dialog: QWidget) -> None:
        if button == "settingsButton":  # its size on a 1024×768 screen (the test's is 800)
            dialog.resize(980, 540)
        dialog.move(0, 0)
        found.extend(problems(dialog, SMALLEST, ()))
        save_screenshot(dialog, f"counter-{button}-{language}")
        dialog.close()

    on_next_modal(look)
    click(qtbot, window, button)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_trainers_report_is_touch_sized_on_the_smallest_screen(
    qtbot: QtBot,
    training_app: Callable[[str], TillApp],  # noqa: F811 (the fixture imported above)
    language: str,
) -> None:
    till_app = training_app(language)
    login = till_app.login
    assert login is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("manager"))
    window = open_cashier(qtbot, till_app, pin="9999")
    found: list[str] = []

    def look(dialog: QWidget) -> None:
        dialog.move(0, 0)
        found.extend(problems(dialog, SMALLEST, ()))
        save_screenshot(dialog, f"trainer-report-{language}")
        dialog.close()

    on_next_modal(look)
    click(qtbot, window, "trainerReportButton")
    assert not found, "\n".join(found)
