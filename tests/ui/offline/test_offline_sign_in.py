"""Signing in with the shared PostgreSQL server gone: a till with a local copy opens from it
(staff, PIN hashes and lockout from the copy) and its counter opens marked offline; a till
without one says so in one sentence in the staff's language, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDeadlineTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.domain.staff import MAX_FAILED_ATTEMPTS
from app.server_down.errors import NoLocalCopy
from tests.pg_outage import stalled
from tests.postgres_server import PostgresServer
from tests.ui.conftest import ready, save_screenshot, sign_in
from tests.ui.offline_tills import Outage, Tills
from ui.app import TillApp
from ui.cashier.window import CashierWindow
from ui.login import LoginDialog
from ui.startup_problem import StartupProblem

pytestmark = pytest.mark.postgres

BACK_WITHIN_MS = 20_000
"""The probe asks every 2 s and a connection gives up after 2 s."""


def login_of(till_app: TillApp) -> LoginDialog:
    """The sign-in window once it can take a PIN (its staff list read off the GUI thread)."""
    ready(till_app)
    assert till_app.login is not None, "no sign-in window"
    return till_app.login


def type_pin(till_app: TillApp, pin: str) -> None:
    login = login_of(till_app)
    login.pin_edit.setText(pin)
    login.try_sign_in()
    until = QDeadlineTimer(20_000)  # the counter's first read runs off the GUI thread
    while till_app.opening and not until.hasExpired():  # as qtbot.waitUntil waits
        QTest.qWait(10)
    assert not till_app.opening, "the counter did not open or fail within 20 s"


def status(window: CashierWindow) -> QLabel:
    """The status bar's "Offline since 14:02 — 0 sales waiting": the counter sells on the
    copy it signed in from (``ui.cashier.offline_status``)."""
    found = window.findChild(QLabel, "offlineStatus")
    assert found is not None
    return found


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


OFFLINE_NOTE = "The server cannot be reached: signing in from this till's local copy."
NEW_PIN_NEEDS_SERVER = "A new PIN needs the server, which cannot be reached now: try later."
NO_COPY_AT_SIGN_IN = (
    "The server cannot be reached and this till has no local copy yet: check the server "
    "and the network, then try again."
)


def test_with_the_server_stopped_a_till_with_a_copy_signs_in_from_it_and_opens_offline(
    qtbot: QtBot, tills: Tills, outage: Outage, chinese: None
) -> None:
    tills.with_copy()
    outage.stop()
    till_app = tills.open("zh")
    assert till_app.till is not None and till_app.till.started_offline is not None
    login = login_of(till_app)
    assert login.staff_combo.count() == 3  # the demo's staff, from the copy
    offline = login.findChild(QLabel, "loginOffline")
    assert offline is not None and offline.isVisibleTo(login)
    assert offline.text() == tr("LoginDialog", OFFLINE_NOTE)

    type_pin(till_app, "1234")
    assert till_app.window is None
    assert login.error_label.text() == tr("LoginDialog", "Wrong PIN. Try again.")
    save_screenshot(login, "offline-sign-in")

    cashier = login.staff_combo.currentData()
    sign_in(qtbot, till_app, "1111")
    window = till_app.window
    assert window is not None, "the right PIN did not open the counter"
    assert window.presenter.cashier.username == cashier
    assert window.presenter.catalog.items, "the menu, from the copy"
    assert not window.server.reachable
    assert window.offline.active and status(window).isVisibleTo(window)
    save_screenshot(window, "offline-counter-opened")

    outage.end()  # the server answers again: the counter notices by itself
    qtbot.waitUntil(lambda: window.server.reachable, timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: not status(window).isVisibleTo(window))
    assert not window.offline.active


def test_a_server_that_stalls_at_start_is_waited_for_once_then_the_till_opens_from_the_copy(
    qtbot: QtBot, tills: Tills, server: PostgresServer
) -> None:
    tills.with_copy()
    with stalled(server):  # it accepts connections and answers nothing
        till_app = tills.open()
        assert till_app.till is not None and till_app.till.started_offline is not None
        assert login_of(till_app).desk.unreachable is not None  # not asked again
        sign_in(qtbot, till_app, "1111")
        assert till_app.window is not None and not till_app.window.server.reachable


def test_wrong_pins_offline_lock_the_account_as_online(tills: Tills, outage: Outage) -> None:
    tills.with_copy()
    outage.stop()
    till_app = tills.open()
    for _attempt in range(MAX_FAILED_ATTEMPTS):
        type_pin(till_app, "0000")
    type_pin(till_app, "1111")  # the right PIN, too late
    assert till_app.window is None
    locked = login_of(till_app).error_label.text()
    assert locked.startswith("Too many wrong PINs. Locked until ")


def test_a_till_that_signed_in_online_signs_the_next_person_in_from_the_copy(
    qtbot: QtBot, tills: Tills, outage: Outage
) -> None:
    tills.with_copy()
    till_app = tills.open()
    assert till_app.till is not None and till_app.till.started_offline is None
    sign_in(qtbot, till_app, "1111")
    assert till_app.window is not None
    outage.stop()
    till_app.log_out()  # the sign-out is not recorded on the server: no error either
    login = login_of(till_app)
    assert login.desk.unreachable is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("manager"))
    sign_in(qtbot, till_app, "9999")
    assert till_app.window is not None
    assert till_app.window.presenter.cashier.username == "manager"
    assert not till_app.window.server.reachable
    till_app.log_out()  # the counter knew: the next sign-in goes to the copy at once
    again = login_of(till_app)
    assert again.desk.unreachable is not None and again.staff_combo.count() == 3
    sign_in(qtbot, till_app, "1111")
    assert till_app.window is not None


def test_without_a_copy_the_sign_in_window_says_so_in_the_staffs_language(
    tills: Tills, outage: Outage, chinese: None
) -> None:
    till_app = tills.open("zh")  # no copy built yet
    sign_in_ok = login_of(till_app)
    assert sign_in_ok.staff_combo.count() == 3
    outage.stop()
    till_app.show_login()  # as after a sign-out
    login = login_of(till_app)
    assert login.staff_combo.count() == 0
    text = login.error_label.text()
    assert text == tr("LoginDialog", NO_COPY_AT_SIGN_IN)
    save_screenshot(login, "offline-sign-in-no-copy")
    type_pin(till_app, "1111")  # still down: it asks again and says the same
    assert login.staff_combo.count() == 0 and login.error_label.text() == text

    outage.end()
    type_pin(till_app, "1111")  # the server answers: the list is read, then a PIN is typed
    assert login.staff_combo.count() == 3 and login.error_label.text() == ""
    assert not login.offline_label.isVisibleTo(login)
    type_pin(till_app, "1111")
    assert till_app.window is not None


def test_without_a_copy_a_start_says_so_in_one_sentence(
    tills: Tills, outage: Outage, chinese: None
) -> None:
    outage.stop()
    with pytest.raises(NoLocalCopy):
        tills.open("zh")
    words = StartupProblem()
    box = words.box(words.no_local_copy(), heading=words.server_unreachable())
    assert box.text() == tr("StartupProblem", "The server cannot be reached.")


def test_pos_without_a_copy_exits_with_the_sentence_and_no_traceback(
    tills: Tills, outage: Outage, tmp_path: Path
) -> None:
    outage.stop()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "ui.cli", "--db", tills.url,
               "--settings", str(tills.settings)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "no local copy to work from yet" in done.stderr


def test_a_one_time_pin_on_the_copy_is_told_that_a_new_pin_needs_the_server(
    tills: Tills, outage: Outage
) -> None:
    first = tills.open()
    till = first.till
    assert till is not None and till.local_copy is not None
    manager = till.auth.log_in("manager", "9999")
    cashier = next(staff for staff in till.auth.staff_on_duty() if staff.username == "wangfang")
    till.staff_admin.reset_pin(manager, cashier.staff_id, "7391")
    till.local_copy.build()  # the copy holds the one-time PIN
    tills.close(first)
    outage.stop()
    till_app = tills.open()
    login = login_of(till_app)
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("wangfang"))
    type_pin(till_app, "7391")
    assert till_app.window is None
    assert login.error_label.text() == tr("LoginDialog", NEW_PIN_NEEDS_SERVER)
    assert login.pin_edit.text() == "" and login.focusWidget() is login.pin_edit
