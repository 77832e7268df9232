"""The database stops or refuses mid-payment: the cashier reads why, the order is kept,
and paying again once it is back takes one order, not two (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.domain.payment import PaymentMethod, Tender
from app.services.till_settings import TillSettingsService
from db.engine import SQLITE_BUSY_TIMEOUT_ENV
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    ready,
    settle,
    wait_paid,
    without_local_copy,
)
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow

SCREENS = Path(os.environ.get("POS_SCREENSHOT_DIR", "/work/notes/screens"))


@pytest.fixture
def app_on(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    demo_templates: DemoTemplates,
) -> Iterator[Callable[[str], TillApp]]:
    # A locked SQLite file fails a write after 2 s here, not the till's 15: same failure.
    monkeypatch.setenv(SQLITE_BUSY_TIMEOUT_ENV, "2")
    apps: list[TillApp] = []

    def make(language: str) -> TillApp:
        options = LaunchOptions(database_url, DEMO_MEMBERS, language)
        if not apps:  # the first start: the demo it would seed
            demo_templates.fill(database_url, Demo(DEMO_MEMBERS, clock.now().date()))
        settings = TillSettingsService(tmp_path / f"settings-{language}.json")
        till_app = TillApp(qapp, options, settings, clock)
        till_app.start()
        ready(till_app)
        without_local_copy(till_app)
        apps.append(till_app)
        return till_app

    yield make
    for till_app in apps:
        till_app.shut_down()


@contextmanager
def database_stopped(url: str) -> Iterator[None]:
    """PostgreSQL: the server cuts the till's connections and refuses new ones.
    SQLite: another process holds the file's write lock."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(parsed.database)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        try:
            yield
        finally:
            holder.communicate("\n", timeout=30)
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = parsed.database
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
    try:
        yield
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()


_HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


def orders_in(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
    engine.dispose()
    return int(count)


def notice(window: CashierWindow) -> QLabel:
    found = window.findChild(QLabel, "counterFailure")
    assert found is not None
    return found


def order_lines(window: CashierWindow) -> list[tuple[str, int]]:
    return [(line.item.code, line.quantity) for line in window.presenter.draft.lines()]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_payment_with_the_database_gone_says_so_keeps_the_order_and_pays_once_later(
    qtbot: QtBot, app_on: Callable[[str], TillApp], database_url: str, language: str
) -> None:
    window = open_cashier(qtbot, app_on(language))
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-01")
    search = window.findChild(QLineEdit, "memberSearch")
    assert search is not None
    window.identify("13800138000")
    settle(window)
    assert window.presenter.draft.member is not None
    lines = order_lines(window)
    due = window.presenter.bill().due
    before = orders_in(database_url)

    with database_stopped(database_url):
        window.pay(Tender(PaymentMethod.CASH, due))
        wait_paid(qtbot, window)
        shown = notice(window)
        assert shown.isVisible()
        expected = QCoreApplication.translate(
            "Errors", "The database cannot be reached: nothing was saved. Try again in a moment."
        )
        assert shown.text() == expected
        if language == "zh":
            assert "数据库" in shown.text()
        assert order_lines(window) == lines
        assert window.presenter.draft.member is not None
        assert window.pay_cash_button.isEnabled()
        if make_url(database_url).get_backend_name() == "postgresql":
            window.member_panel.search.setText("1380013")  # searching as they type
            assert shown.isVisible() and shown.text() == expected
            window.member_panel.search.clear()
        SCREENS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        window.grab().save(str(SCREENS / f"counter-db-down-{language}.png"))

    assert orders_in(database_url) == before
    qtbot.waitUntil(lambda: window.server.reachable, timeout=20_000)  # it noticed by itself
    window.pay(Tender(PaymentMethod.CASH, due))
    wait_paid(qtbot, window)
    assert not notice(window).isVisible()
    assert window.presenter.draft.is_empty()
    assert window.presenter.last_order is not None
    assert orders_in(database_url) == before + 1


def test_any_counter_action_with_the_server_gone_says_so_and_changes_nothing(
    qtbot: QtBot, app_on: Callable[[str], TillApp], database_url: str
) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("a SQLite file stays readable while another process writes")
    window = open_cashier(qtbot, app_on("en"))
    click(qtbot, window, "item_HOT-02")
    expected = "The database cannot be reached: nothing was saved. Try again in a moment."
    with database_stopped(database_url):
        window.identify("13800138000")  # attach a member
        settle(window)
        assert notice(window).text() == expected and window.presenter.draft.member is None

        window.presenter.draft.add(window.presenter.draft.lines()[0].item)
        on_next_modal(lambda box: click(qtbot, box, "discardYes"))
        click(qtbot, window, "newOrderButton")  # the void is audited: it cannot be
        settle(window)  # the void and the next menu come back off the GUI thread
        assert notice(window).text() == expected
        assert order_lines(window) == [("HOT-02", 2)]

        notice(window).clear()
        said: list[str] = []

        def refund(dialog: QWidget) -> None:  # the server is known gone: it says so at once
            said.append(dialog.objectName())

        on_next_modal(refund)
        click(qtbot, window, "refundButton")
        assert said == ["needsServer"]  # tests/ui/test_needs_server.py reads the sentence

    qtbot.waitUntil(lambda: window.server.reachable, timeout=20_000)  # it noticed by itself
    window.identify("13800138000")
    settle(window)
    assert not notice(window).isVisible() and window.presenter.draft.member is not None


def test_a_dialog_whose_service_fails_says_so_in_itself(
    qtbot: QtBot, app_on: Callable[[str], TillApp], database_url: str
) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("a SQLite file stays readable while another process writes")
    window = open_cashier(qtbot, app_on("en"))
    told: list[str] = []

    def enrol_with_the_server_gone(dialog: QWidget) -> None:
        with database_stopped(database_url):
            phone = dialog.findChild(QLineEdit, "enrolPhoneEdit")
            phone.setText("13912340000")
            phone.editingFinished.emit()  # leaving the field checks for a duplicate
            error = dialog.findChild(QLabel, "enrolError")
            qtbot.waitUntil(lambda: bool(error.text()), timeout=20_000)
        told.append(error.text())
        assert phone.text() == "13912340000"

    on_next_modal(enrol_with_the_server_gone)
    click(qtbot, window, "enrolButton")
    expected = "The database cannot be reached: nothing was saved. Try again in a moment."
    assert told == [expected]


@contextmanager
def orders_refused(url: str) -> Iterator[None]:
    """The database refuses every new order (a constraint the till did not expect), as a
    value too long or a broken rule would."""
    postgres = make_url(url).get_backend_name() == "postgresql"
    refuse = (
        "ALTER TABLE orders ADD CONSTRAINT refused_by_test CHECK (false) NOT VALID"
        if postgres
        else "CREATE TRIGGER refused_by_test BEFORE INSERT ON orders "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    allow = (
        "ALTER TABLE orders DROP CONSTRAINT refused_by_test"
        if postgres
        else "DROP TRIGGER refused_by_test"
    )
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(refuse))
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(text(allow))
        engine.dispose()


def test_a_payment_the_database_refuses_says_so_and_keeps_the_order(
    qtbot: QtBot, app_on: Callable[[str], TillApp], database_url: str
) -> None:
    window = open_cashier(qtbot, app_on("en"))
    click(qtbot, window, "item_HOT-01")
    lines, due = order_lines(window), window.presenter.bill().due
    before = orders_in(database_url)

    with orders_refused(database_url):
        window.pay(Tender(PaymentMethod.CASH, due))
        wait_paid(qtbot, window)
        shown = notice(window)
        assert shown.isVisible() and shown.text().endswith("nothing was saved.")
        assert order_lines(window) == lines and window.pay_cash_button.isEnabled()
        assert orders_in(database_url) == before

    window.pay(Tender(PaymentMethod.CASH, due))
    wait_paid(qtbot, window)
    assert window.presenter.draft.is_empty() and orders_in(database_url) == before + 1
