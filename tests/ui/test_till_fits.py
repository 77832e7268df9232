"""The till fits the screens restaurants have: at 1024×768, 1280×800, 1366×768 and
1920×1080, in Chinese and in English, in its main states (empty, a member found with
offers, several candidates listed, the stored-value payment dialog, a training exercise
running), every primary control lies on the screen, unclipped and at least 44×44 px, every
visible button is a touch target, and no text is cut off without a tooltip to read it in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.fakes import FakeClock
from tests.ui.conftest import (
    click,
    close_till,
    on_next_modal,
    open_cashier,
    open_workspace_as_manager,
    ready,
    settle,
    wait_paid,
)
from tests.ui.test_training_mode import start_exercise
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow

SCREENS = ((1024, 768), (1280, 800), (1366, 768), (1920, 1080))
TOUCH = 44
PRIMARY = (
    "orderTable",
    "totalLabel",
    "payCashButton",
    "payCardButton",
    "payStoredValueButton",
    "memberSearch",
    "memberSummary",
    "moreButton",
    "logoutButton",
)
"""Always on the screen: the order, To pay, the pay buttons, member search, the member
summary, and the way to everything else."""
TAPPED = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)


def visible_rect(widget: QWidget, scrolled: bool = True) -> QRect:
    """The part of ``widget`` not cut off by its parents, in its window's coordinates;
    with ``scrolled`` False, only up to the scroll area it is in (scrolling shows it)."""
    origin = widget.window().mapToGlobal(QPoint(0, 0))
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)) - origin, widget.size())
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if not scrolled and parent.objectName() == "qt_scrollarea_viewport":
            break
        rect = rect.intersected(QRect(parent.mapToGlobal(QPoint(0, 0)) - origin, parent.size()))
        parent = parent.parentWidget()
    return rect


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and not visible_rect(widget).isEmpty()


def cut_text(widget: QWidget) -> str:
    """The text of a label or button that does not fit in it, '' when it all shows."""
    if isinstance(widget, QLabel):
        text, room = widget.text(), widget.contentsRect()
        if not text or widget.textFormat() == widget.textFormat().RichText:
            return ""
        if widget.wordWrap():
            return text if widget.heightForWidth(widget.width()) > widget.height() + 1 else ""
    elif isinstance(widget, QAbstractButton):
        text = QAbstractButton.text(widget)  # a wrapping button's text is in its label
        room = widget.contentsRect().adjusted(6, 0, -6, 0)
    else:
        return ""
    metrics = widget.fontMetrics()
    lines = text.replace("&&", "&").split("\n")
    too_wide = any(metrics.horizontalAdvance(line) > room.width() + 1 for line in lines)
    too_high = len(lines) * metrics.lineSpacing() > room.height() + 4
    return text if too_wide or too_high else ""


def problems(root: QWidget, screen: QRect, primary: tuple[str, ...]) -> list[str]:
    """What is wrong with ``root`` (a window or a dialog) on ``screen``."""
    QApplication.processEvents()
    found = []
    if root.width() > screen.width() or root.height() > screen.height():
        found.append(f"{root.objectName()} is {root.width()}×{root.height()}")
    on_screen = QRect(QPoint(0, 0), screen.size())
    for name in primary:
        widget = root.findChild(QWidget, name)
        if widget is None or not widget.isVisible():
            found.append(f"{name} is not shown")
            continue
        seen = visible_rect(widget)
        if seen.size() != widget.size() or not on_screen.contains(seen):
            found.append(f"{name} is cut off or off the screen ({seen} of {widget.size()})")
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root or not shown(widget):
            continue
        if isinstance(widget.parentWidget(), (QLineEdit, QAbstractSpinBox)):
            continue  # a field's own clear button or text: the field is the target
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, TAPPED):
            if visible_rect(widget, scrolled=False).size() != widget.size():
                seen = visible_rect(widget, scrolled=False)
                found.append(f"{name} is cut off by the widgets around it ({seen})")
            elif widget.width() < TOUCH or widget.height() < TOUCH:
                found.append(f"{name} is {widget.width()}×{widget.height()}, under {TOUCH}")
        text = cut_text(widget)
        if text and not widget.toolTip():
            found.append(f"{name} shows {text!r} cut off, with no tooltip")
    return found


def results_rows(window: QWidget) -> list[str]:
    results = window.findChild(QListWidget, "memberResults")
    found = []
    for row in range(results.count()):
        rect = results.visualItemRect(results.item(row))
        if rect.height() < TOUCH:
            found.append(f"search result row {row} is {rect.height()} px high")
    return found


def at_each_size(window: QWidget, state: str, check: Callable[[QRect], list[str]]) -> list[str]:
    found = []
    for width, height in SCREENS:
        window.resize(width, height)
        window.move(0, 0)
        for _ in range(3):  # a layout request posts the next one up: let them all run
            QApplication.processEvents()
        save = os.environ.get("POS_SCREENSHOT_DIR")
        if save:
            Path(save).mkdir(parents=True, exist_ok=True)
            window.grab().save(str(Path(save) / f"fits-{state}-{width}x{height}.png"))
        found += [f"{width}×{height}, {state}: {p}" for p in check(QRect(0, 0, width, height))]
    return found


def the_till(
    window: CashierWindow, primary: tuple[str, ...] = PRIMARY
) -> Callable[[QRect], list[str]]:
    return lambda screen: problems(window, screen, primary)


@pytest.fixture
def training_app(
    qapp: QApplication, tmp_path: Path, clock: FakeClock, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], TillApp]]:
    apps: list[TillApp] = []

    def make(language: str) -> TillApp:
        url = f"sqlite:///{tmp_path / 'till.db'}"
        options = LaunchOptions(url, DEMO_MEMBERS, language, training=True)
        till_app = TillApp(qapp, options, TillSettingsService(tmp_path / "settings.json"), clock)
        till_app.start()
        ready(till_app)
        apps.append(till_app)
        return till_app

    yield make
    for till_app in apps:
        close_till(till_app)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_till_fits_every_screen_in_every_state(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    window = open_cashier(qtbot, make_app(language))
    window.showNormal()
    devices = window.devices  # their first check (off the GUI thread) sets these labels
    qtbot.waitUntil(lambda: bool(devices.display_state.text() and devices.reader_state.text()))
    found = at_each_size(window, f"empty-{language}", the_till(window))

    click(qtbot, window, "item_HOT-01")
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, "8000")  # the last four digits: several members
    settle(search)
    results = window.findChild(QListWidget, "memberResults")
    assert results.count() >= 2
    candidates = (*PRIMARY, "memberResults")
    found += at_each_size(window, f"candidates-{language}", the_till(window, candidates))
    found += results_rows(window)

    search.clear()
    qtbot.keyClicks(search, "13800138000")  # 张伟, Gold, with an upgrade offer
    settle(search)
    qtbot.keyClick(search, "\r")
    settle(search)  # the member is looked up off the GUI thread
    offers = (*PRIMARY, "upgradeOfferButton")
    found += at_each_size(window, f"member-{language}", the_till(window, offers))

    def look(dialog: QWidget) -> None:
        dialog.adjustSize()
        for width, height in SCREENS:
            screen = QRect(0, 0, width, height)
            dialog.move(0, 0)
            problems_here = problems(dialog, screen, ("confirmPaymentButton",))
            found.extend(f"{width}×{height}, stored value: {p}" for p in problems_here)
        dialog.reject()

    on_next_modal(look)
    click(qtbot, window, "payStoredValueButton")
    wait_paid(qtbot, window)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_training_till_fits_every_screen_with_an_exercise_running(
    qtbot: QtBot, training_app: Callable[[str], TillApp], language: str
) -> None:
    till_app = training_app(language)
    login = till_app.login
    assert login is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("zhaomin"))
    window = open_cashier(qtbot, till_app, pin="2222")
    window.showNormal()
    start_exercise(qtbot, window, "stored-value payment" if language == "en" else "储值支付")
    exercise = (*PRIMARY, "exerciseTitle", "giveUpExerciseButton")
    found = at_each_size(window, f"training-{language}", the_till(window, exercise))
    assert not found, "\n".join(found)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_sign_in_and_the_managers_workspace_fit_the_smallest_screen(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    till_app = make_app(language)
    login = till_app.login
    assert login is not None
    width, height = SCREENS[0]
    screen = QRect(0, 0, width, height)
    found = problems(login, screen, ("staffCombo", "pinEdit", "pinKey0", "loginButton"))
    staff = login.staff_combo.view()
    if staff.sizeHintForRow(0) < TOUCH:
        found.append(f"the staff list's rows are {staff.sizeHintForRow(0)} px high")
    _window, workspace, _ = open_workspace_as_manager(qtbot, till_app)
    workspace.resize(width, height)
    tabs = workspace.findChild(QTabWidget, "workspaceTabs")
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        size = workspace.size()
        if size.width() > width or size.height() > height:
            found.append(
                f"the workspace on {tabs.tabText(index)} is {size.width()}×{size.height()}"
            )
    assert not found, "\n".join(found)


def test_exercise_rows_and_cash_keys_are_touch_targets(
    qtbot: QtBot, training_app: Callable[[str], TillApp]
) -> None:
    till_app = training_app("en")
    login = till_app.login
    assert login is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("zhaomin"))
    window = open_cashier(qtbot, till_app, pin="2222")
    found: list[str] = []

    def look_at_picker(dialog: QWidget) -> None:
        exercises = dialog.findChild(QListWidget, "exerciseList")
        for row in range(exercises.count()):
            rect = exercises.visualItemRect(exercises.item(row))
            if rect.height() < TOUCH:
                found.append(f"exercise row {row} is {rect.height()} px high")
        found.extend(problems(dialog, QRect(0, 0, *SCREENS[0]), ("startExerciseButton",)))
        dialog.reject()

    on_next_modal(look_at_picker)
    click(qtbot, window, "exercisesButton")
    click(qtbot, window, "item_HOT-01")

    def look_at_cash(dialog: QWidget) -> None:
        keys = ("cashKey7", "cashPoint", "cashBackspace", "tenderExact", "confirmPaymentButton")
        found.extend(problems(dialog, QRect(0, 0, *SCREENS[0]), keys))
        click(qtbot, dialog, "cashKey5")
        click(qtbot, dialog, "cashKey0")
        tendered = dialog.findChild(QLineEdit, "tenderedEdit")
        if tendered.text() != "50":
            found.append(f"the keypad typed {tendered.text()!r}, not '50'")
        dialog.reject()

    on_next_modal(look_at_cash)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)
    assert not found, "\n".join(found)


def test_the_full_screen_setting_opens_the_till_full_screen(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    (tmp_path / "settings.json").write_text('{"full_screen": true}', encoding="utf-8")
    window = open_cashier(qtbot, make_app("en"))
    assert window.isFullScreen()


@pytest.mark.parametrize("button", ["enrolButton", "refundButton", "dineInButton"])
def test_the_forms_a_cashier_fills_in_are_touch_sized(
    qtbot: QtBot, make_app: Callable[[str], TillApp], button: str
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    found: list[str] = []

    def look(dialog: QWidget) -> None:
        found.extend(problems(dialog, QRect(0, 0, *SCREENS[0]), ()))
        dialog.close()

    on_next_modal(look)
    click(qtbot, window, button)
    assert not found, "\n".join(found)
