"""UI fixtures: a whole till application on a temporary database, driven offscreen."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QDeadlineTimer, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow
from ui.i18n import LanguageSwitcher


@pytest.fixture
def make_app(
    qapp: QApplication, tmp_path: Path, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[Callable[[str], TillApp]]:
    """``make(language)``: a till on ``tmp_path/till.db``, a copy of the demo with its day's
    jobs done, unless the test put a database there first (opened as it is)."""
    apps: list[TillApp] = []

    def make(language: str = "zh") -> TillApp:
        options = LaunchOptions(f"sqlite:///{tmp_path / 'till.db'}", DEMO_MEMBERS, language)
        if not (tmp_path / "till.db").exists():  # the first start: the demo it would seed
            today = clock.now().date()  # with the day's jobs done, as after a first start
            demo_templates.fill(
                options.database_url, Demo(DEMO_MEMBERS, today, day_done_at=clock.now())
            )
        till_app = TillApp(qapp, options, TillSettingsService(tmp_path / "settings.json"), clock)
        till_app.start()
        apps.append(till_app)
        ready(till_app)
        if till_app.daily_jobs is not None:
            till_app.daily_jobs.settle()  # the start-of-day catch-up runs in the background
        return till_app

    yield make
    for till_app in apps:
        close_till(till_app)
    apps.clear()


TILLS_PER_COLLECTION = 8


class _Closed:
    since_collection = 0


def close_till(till_app: TillApp) -> None:
    """Shut ``till_app`` down; what it leaves is collected with what the next few tills
    leave, every ``TILLS_PER_COLLECTION``-th close: a full collection passes over every
    object of the test process (about 0.14 s, as long as a short UI test's own work).

    Between collections all is frozen, so that what outlives the till (this process's
    modules, fixtures, caches) is left out of the next till's collections, as the till
    leaves out what it finds at its start (``ui/app.py``): its collect-and-freeze then
    scans the new objects only.
    """
    till_app.shut_down(collect_garbage=False)
    _Closed.since_collection += 1
    if _Closed.since_collection >= TILLS_PER_COLLECTION:
        collect_all()
    gc.freeze()


def collect_all() -> None:
    gc.unfreeze()
    gc.collect()
    _Closed.since_collection = 0


@pytest.fixture(scope="session", autouse=True)
def _collect_before_exit(qapp: QApplication) -> Iterator[None]:
    """The tills' last garbage goes while the QApplication exists (see ``shut_down``)."""
    yield
    collect_all()


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The interface in Chinese for the test (widgets made without a ``TillApp``)."""
    switcher = LanguageSwitcher(qapp)
    switcher.apply("zh")
    yield
    switcher.apply("en")


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None, f"no button {name}"
    assert button.isEnabled(), f"button {name} is disabled"
    button.click()


def ready(till_app: TillApp, timeout_ms: int = 20_000) -> TillApp:
    """Wait until the sign-in window can take a PIN: its staff list (and demo marker) is
    read off the GUI thread as it shows, and a sign-out is recorded there too."""
    until = QDeadlineTimer(timeout_ms)
    while till_app.opening and not until.hasExpired():  # as qtbot.waitUntil waits
        QTest.qWait(10)
    assert not till_app.opening, "the sign-in window was not ready within 20 s"
    return till_app


def sign_in(qtbot: QtBot, till_app: TillApp, pin: str = "1111") -> None:
    ready(till_app)
    login = till_app.login
    assert login is not None
    for digit in pin:
        click(qtbot, login, f"pinKey{digit}")
    tap_sign_in(qtbot, till_app)


def tap_sign_in(qtbot: QtBot, till_app: TillApp) -> None:
    """Tap Sign in and wait for the sign-in's end: the PIN check and then the counter's
    first read (menu, rules) run off the GUI thread; a refusal is said by then."""
    login = till_app.login
    assert login is not None
    click(qtbot, login, "loginButton")
    qtbot.waitUntil(lambda: not till_app.opening, timeout=20_000)


def on_next_modal(handler: Callable[[QWidget], None]) -> None:
    """Run ``handler`` on the next modal dialog once it is showing (exec() blocks the test)."""

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, attempt)
        else:
            try:
                settle(widget)  # what the dialog reads as it opens comes off the GUI thread
                handler(widget)
            finally:
                if widget.isVisible() and isinstance(widget, QDialog):
                    widget.reject()  # a failed handler must not leave exec() blocking

    QTimer.singleShot(0, attempt)


def save_screenshot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("POS_SCREENSHOT_DIR")
    if folder:
        QApplication.processEvents()  # let pending layouts run, as a person's screen would
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def open_cashier(qtbot: QtBot, till_app: TillApp, pin: str = "1111") -> CashierWindow:
    """Sign in on ``till_app``'s login dialog and return the cashier window."""
    sign_in(qtbot, till_app, pin)
    assert till_app.window is not None, "sign-in did not open the cashier window"
    settle(till_app.window)  # the order kept from before comes back off the GUI thread
    return till_app.window


Page = TypeVar("Page", bound=QWidget)


def open_workspace_as_manager(
    qtbot: QtBot, till_app: TillApp, page: type[Page] | None = None, name: str = ""
) -> tuple[CashierWindow, QMainWindow, Page | None]:
    """Sign the demo manager in, open the manager workspace and, given a page type and
    its object name, bring that tab forward."""
    assert till_app.login is not None
    till_app.login.staff_combo.setCurrentIndex(till_app.login.staff_combo.findData("manager"))
    window = open_cashier(qtbot, till_app, pin="9999")
    click(qtbot, window, "workspaceButton")
    settle(window)  # the workspace opens once its first read is back
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None
    tabs = workspace.findChild(QTabWidget, "workspaceTabs")
    if page is None:
        tabs.setCurrentIndex(0)
        return window, workspace, None
    found = workspace.findChild(page, name)
    assert found is not None, f"no {name} in the workspace"
    tabs.setCurrentWidget(found)
    return window, workspace, found


def pay_exact_cash(qtbot: QtBot, window: CashierWindow) -> None:
    """Press Cash, take the exact amount in the cash dialog, confirm."""

    def exact(dialog: QWidget) -> None:
        click(qtbot, dialog, "tenderExact")
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(exact)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)


def wait_paid(qtbot: QtBot, window: CashierWindow) -> None:
    """The checkout runs off the GUI thread: wait until its result is on the screen."""
    qtbot.waitUntil(lambda: not window.paying, timeout=20_000)


def settle(widget: QWidget, timeout_ms: int = 20_000) -> None:
    """Searches, member lookups and checkouts run off the GUI thread: wait until every
    result is on ``widget``'s window (at once for a window without such work)."""
    window = widget.window()
    waited = 0
    while isValid(window) and getattr(window, "waiting", False):
        assert waited < timeout_ms, "the counter's background work did not come back"
        QTest.qWait(10)
        waited += 10


def settle_all() -> None:
    """``settle`` every open window (keys go to whatever has the focus)."""
    for widget in QApplication.topLevelWidgets():
        if isValid(widget) and widget.isVisible():  # a popup may be gone by now
            settle(widget)


def without_local_copy(till_app: TillApp) -> None:
    """No local copy is built for this till (its refresher stopped before its first run):
    when the server goes, its counter says "unreachable" instead of selling on a copy."""
    till = till_app.till
    if till is not None and till.copy_refresher is not None:
        till.copy_refresher.stop()
