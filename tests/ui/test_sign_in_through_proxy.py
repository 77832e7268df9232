"""Signing in while the PostgreSQL server stalls (a TCP proxy between till and server,
tests/pg_proxy.py): the PIN is right, the counter's first read (menu, rules) runs off the
GUI thread, so the sign-in window keeps turning and shows that the till is opening, then
says why in one sentence; once the server answers, the next sign-in opens the counter.
The same for the window's own reads (the staff list as it shows, the PIN check, a new
PIN's save) and the sign-out's record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer
from tests.ui.conftest import (
    click,
    on_next_modal,
    ready,
    settle,
    sign_in,
    tap_sign_in,
    without_local_copy,
)
from tests.ui.test_loyalty_at_till import label
from tests.ui.test_outage_through_proxy import WITHIN_MS
from ui.app import LaunchOptions, TillApp
from ui.new_pin_dialog import NewPinDialog

pytestmark = pytest.mark.postgres

COULD_NOT_OPEN = "The server cannot be reached, so the till could not open: try again in a moment."


@pytest.fixture
def signing_in(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[tuple[TillApp, PgProxy]]:
    """The sign-in window of a till on PostgreSQL through a proxy, the manager chosen."""
    url = postgres.create_database()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    settings = tmp_path / "settings.json"  # short timeouts: the test waits less
    settings.write_text(json.dumps({"connect_timeout_s": 2, "statement_timeout_s": 1}))
    with PgProxy.before(url) as proxy:
        options = LaunchOptions(proxy.url(url), DEMO_MEMBERS, "en")
        till_app = TillApp(qapp, options, TillSettingsService(settings), clock)
        till_app.start()
        ready(till_app)
        without_local_copy(till_app)
        if till_app.daily_jobs is not None:
            till_app.daily_jobs.settle()
        assert till_app.login is not None
        staff = till_app.login.staff_combo
        staff.setCurrentIndex(staff.findData("manager"))
        try:
            yield till_app, proxy
        finally:
            proxy.resume()
            till_app.shut_down()


def test_the_sign_in_window_turns_while_the_counter_cannot_be_read_and_opens_once_back(
    qtbot: QtBot, signing_in: tuple[TillApp, PgProxy]
) -> None:
    till_app, proxy = signing_in
    login = till_app.login
    assert login is not None
    proxy.stall_on("FROM menu_categories")  # the PIN is checked; the counter's menu stalls
    for digit in "9999":
        click(qtbot, login, f"pinKey{digit}")
    click(qtbot, login, "loginButton")
    qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(till_app.opening))
    qtbot.waitUntil(lambda: bool(turned), timeout=1000)
    opening = login.findChild(QLabel, "loginOpening")
    sign_in_button = login.findChild(QPushButton, "loginButton")
    seen = {
        "turned": turned,  # the GUI thread turned while the read was still out
        "opening": (opening.isVisible(), opening.text(), sign_in_button.isEnabled()),
    }
    login.reject()  # Esc: the till still opens (or says why) in this window
    seen["esc"] = login.isVisible()
    qtbot.waitUntil(lambda: bool(label(login, "loginError")), timeout=WITHIN_MS)
    seen["said"] = label(login, "loginError")
    seen["after"] = (opening.isVisible(), sign_in_button.isEnabled(), till_app.window)

    assert seen == {
        "turned": [True],
        "opening": (True, "Opening the till…", False),
        "esc": True,
        "said": COULD_NOT_OPEN,
        "after": (False, True, None),
    }
    assert till_app.login is login and login.isVisible()
    proxy.resume()
    sign_in(qtbot, till_app, "9999")
    window = till_app.window
    assert window is not None and till_app.login is None
    settle(window)
    assert window.presenter.cashier.username == "manager"
    assert window.presenter.catalog.items and window.server.reachable


NO_COPY = (
    "The server cannot be reached and this till has no local copy yet: check the server "
    "and the network, then try again."
)


def test_the_sign_in_window_turns_while_the_pin_check_waits_and_signs_in_on_the_next_tap(
    qtbot: QtBot, signing_in: tuple[TillApp, PgProxy]
) -> None:
    till_app, proxy = signing_in
    login = till_app.login
    assert login is not None
    proxy.stall_on("WHERE staff.username")  # the PIN check's first read stalls
    for digit in "9999":
        click(qtbot, login, f"pinKey{digit}")
    click(qtbot, login, "loginButton")
    qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(till_app.opening))
    qtbot.waitUntil(lambda: bool(turned), timeout=1000)
    checking = login.findChild(QLabel, "loginOpening")
    tappable = [
        login.findChild(QWidget, name).isEnabled()
        for name in ("loginButton", "pinKey9", "pinEdit", "staffCombo")
    ]
    seen: dict[str, object] = {
        "turned": turned,  # the GUI thread turned while the PIN check was still out
        "checking": (checking.isVisible(), checking.text(), tappable),
    }
    login.try_sign_in()  # Enter again: not a second check
    login.reject()  # Esc: the check goes on in this window
    seen["esc"] = login.isVisible()
    qtbot.waitUntil(lambda: bool(label(login, "loginError")), timeout=WITHIN_MS)
    seen["said"] = label(login, "loginError")
    seen["after"] = (
        checking.isVisible(),
        login.findChild(QPushButton, "loginButton").isEnabled(),
        login.focusWidget() is login.pin_edit,
        till_app.opening,
        till_app.window,
    )

    assert seen == {
        "turned": [True],
        "checking": (True, "Checking the PIN…", [False, False, False, False]),
        "esc": True,
        "said": NO_COPY,
        "after": (False, True, True, False, None),
    }
    assert till_app.login is login and login.pin_edit.text() == "9999"  # kept: tap again
    proxy.resume()
    tap_sign_in(qtbot, till_app)  # the server answers: the same PIN signs in
    window = till_app.window
    assert window is not None and till_app.login is None
    settle(window)
    assert window.presenter.cashier.username == "manager"


NOT_SAVED = "The server did not answer, so the new PIN was not saved: try again in a moment."


def test_a_new_pin_waits_on_a_stalled_server_in_its_dialog_which_says_why_and_stays_open(
    qtbot: QtBot, signing_in: tuple[TillApp, PgProxy]
) -> None:
    till_app, proxy = signing_in
    login, till = till_app.login, till_app.till
    assert login is not None and till is not None
    manager = till.auth.log_in("manager", "9999")
    cashier = next(staff for staff in till.auth.staff_on_duty() if staff.username == "wangfang")
    till.staff_admin.reset_pin(manager, cashier.staff_id, "7391")
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("wangfang"))
    seen: dict[str, object] = {}

    def new_pin(dialog: QWidget) -> None:
        assert isinstance(dialog, NewPinDialog)
        for name in ("newPinEdit", "newPinAgainEdit"):
            dialog.findChild(QLineEdit, name).setText("5082")
        proxy.stall_on("UPDATE staff")  # the new PIN's transaction stalls
        click(qtbot, dialog, "newPinConfirm")
        qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
        saving = dialog.findChild(QLabel, "newPinSaving")
        confirm = dialog.findChild(QPushButton, "newPinConfirm")
        seen["saving"] = (dialog.waiting, saving.isVisible(), confirm.isEnabled())
        dialog.reject()  # Esc or Cancel: the save's answer decides
        qtbot.waitUntil(lambda: not dialog.waiting, timeout=WITHIN_MS)
        seen["said"] = (dialog.isVisible(), dialog.error.text(), confirm.isEnabled())
        proxy.resume()
        for name in ("newPinEdit", "newPinAgainEdit"):
            dialog.findChild(QLineEdit, name).setText("5082")
        click(qtbot, dialog, "newPinConfirm")
        settle(dialog)
        seen["accepted"] = dialog.result() == QDialog.DialogCode.Accepted

    on_next_modal(new_pin)
    for digit in "7391":
        click(qtbot, login, f"pinKey{digit}")
    tap_sign_in(qtbot, till_app)

    assert seen == {
        "saving": (True, True, False),
        "said": (True, NOT_SAVED, True),
        "accepted": True,
    }
    window = till_app.window
    assert window is not None and window.presenter.cashier.username == "wangfang"
    assert till.auth.log_in("wangfang", "5082").username == "wangfang"


def test_the_sign_in_window_shows_and_turns_while_the_staff_list_stalls_and_fills_once_back(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> None:
    """The staff list (and the demo marker) are read off the GUI thread as the window
    shows: it shows at once saying so, keeps turning while the read is held, says in one
    sentence that it could not be read, and reads it again at the next tap."""
    url = postgres.create_database()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"connect_timeout_s": 2, "statement_timeout_s": 1}))
    with PgProxy.before(url) as proxy:
        options = LaunchOptions(proxy.url(url), DEMO_MEMBERS, "en")
        till_app = TillApp(qapp, options, TillSettingsService(settings), clock)
        proxy.stall_on("FROM staff")  # the staff list's read: the start reads no staff
        try:
            till_app.start()  # returns with the window showing, the read still out
            login = till_app.login
            assert login is not None
            reading = login.findChild(QLabel, "loginOpening")
            seen: dict[str, object] = {
                "shown": (login.isVisible(), till_app.opening),
                "reading": (reading.isVisible(), reading.text()),
                "tappable": login.findChild(QPushButton, "loginButton").isEnabled(),
            }
            qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
            turned: list[bool] = []
            QTimer.singleShot(0, lambda: turned.append(proxy.held > 0))
            qtbot.waitUntil(lambda: bool(turned), timeout=1000)
            seen["turned"] = turned  # the GUI thread turned while the server held the read
            ready(till_app)  # the read is given up on: the window says why
            seen["said"] = (label(login, "loginError"), login.staff_combo.count())
            seen["after"] = (reading.isVisible(), login.pin_edit.isEnabled())

            assert seen == {
                "shown": (True, True),
                "reading": (True, "Reading the staff list…"),
                "tappable": False,
                "turned": [True],
                "said": (NO_COPY, 0),
                "after": (False, True),
            }
            proxy.resume()
            tap_sign_in(qtbot, till_app)  # the server answers: the list is read again
            assert login.staff_combo.count() == 3 and label(login, "loginError") == ""
            assert "1111" in label(login, "demoHint")
            sign_in(qtbot, till_app, "1111")
            assert till_app.window is not None
        finally:
            proxy.resume()
            till_app.shut_down()


def test_signing_out_while_the_server_stalls_shows_the_sign_in_window_at_once(
    qtbot: QtBot, signing_in: tuple[TillApp, PgProxy]
) -> None:
    """The sign-out is recorded off the GUI thread, as the staff list is read: neither
    holds the window up."""
    till_app, proxy = signing_in
    sign_in(qtbot, till_app, "9999")
    window = till_app.window
    assert window is not None
    settle(window)
    proxy.stall_on("INSERT INTO audit_events")  # the sign-out's record stalls
    click(qtbot, window, "logoutButton")
    login = till_app.login
    assert login is not None
    seen: dict[str, object] = {"shown": (login.isVisible(), login.waiting, till_app.opening)}
    qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(proxy.held > 0))
    qtbot.waitUntil(lambda: bool(turned), timeout=1000)
    seen["turned"] = turned

    assert seen == {"shown": (True, True, True), "turned": [True]}
    proxy.resume()
    ready(till_app)
    login = till_app.login
    assert login is not None
    if login.staff_combo.count() == 0:  # the stall took the staff list's read too
        tap_sign_in(qtbot, till_app)
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("manager"))
    sign_in(qtbot, till_app, "9999")
    assert till_app.window is not None and till_app.window.presenter.cashier.username == "manager"
