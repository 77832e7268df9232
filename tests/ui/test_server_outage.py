"""The real cashier window on a PostgreSQL server that stalls or stops: the window stays
live while a checkout waits, the status bar says the server is unreachable and since
when, searching and paying then say so at once, and the till recovers by itself when the
server answers again: one order, no double charge."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.domain.payment import PaymentMethod, Tender
from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.pg_outage import stalled, start, stop
from tests.postgres_server import PostgresServer
from tests.ui.conftest import (
    click,
    open_cashier,
    ready,
    save_screenshot,
    settle,
    wait_paid,
    without_local_copy,
)
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow

pytestmark = pytest.mark.postgres

RECOVERED_WITHIN_MS = 20_000
"""Generous: the probe asks every 2 s and a connection gives up after 2 s."""
UNREACHABLE = "The database cannot be reached: nothing was saved. Try again in a moment."


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    """A cluster of its own: these tests stall and stop it."""
    started = PostgresServer.start()
    yield started
    started.stop()


@pytest.fixture
def cashier(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    server: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[tuple[CashierWindow, str]]:
    url = server.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    settings = tmp_path / "settings.json"  # short timeouts: the test waits less
    settings.write_text(json.dumps({"connect_timeout_s": 2, "statement_timeout_s": 1}))
    till_app = TillApp(
        qapp, LaunchOptions(url, DEMO_MEMBERS, "en"), TillSettingsService(settings), clock
    )
    till_app.start()
    ready(till_app)
    without_local_copy(till_app)
    if till_app.daily_jobs is not None:
        till_app.daily_jobs.settle()
    yield open_cashier(qtbot, till_app), url
    till_app.shut_down()


def orders_in(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
    engine.dispose()
    return int(count)


def status(window: CashierWindow) -> QLabel:
    found = window.findChild(QLabel, "serverStatus")
    assert found is not None
    return found


def notice(window: CashierWindow) -> str:
    found = window.findChild(QLabel, "counterFailure")
    assert found is not None
    return found.text() if found.isVisible() else ""


def event_loop_turns(qtbot: QtBot) -> Callable[[], bool]:
    """A timer posted now fires while the window waits for the server: the GUI thread is
    not blocked."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    return lambda: bool(fired)


def test_a_checkout_on_a_stalled_server_leaves_the_window_live_then_recovers_and_pays_once(
    qtbot: QtBot, cashier: tuple[CashierWindow, str], server: PostgresServer
) -> None:
    window, url = cashier
    click(qtbot, window, "item_HOT-01")
    due = window.presenter.bill().due
    before = orders_in(url)
    lines = list(window.presenter.draft.lines())

    with stalled(server):
        window.pay(Tender(PaymentMethod.CASH, due))  # returns at once: the job waits
        assert window.paying and window.paying_bar.isVisibleTo(window)
        assert not window.pay_cash_button.isEnabled()  # no second tap while it is saved
        qtbot.waitUntil(event_loop_turns(qtbot), timeout=1000)
        save_screenshot(window, "server-stalled-paying")
        qtbot.waitUntil(lambda: not window.paying, timeout=RECOVERED_WITHIN_MS)
        assert notice(window) == UNREACHABLE
        assert status(window).isVisibleTo(window)
        assert "12:30" in status(window).text()  # since when (the till's clock)
        assert list(window.presenter.draft.lines()) == lines  # the order is kept
        assert window.pay_cash_button.isEnabled()

        window.identify("13800138000")  # says so at once, without waiting again
        settle(window)
        assert notice(window) == UNREACHABLE
        save_screenshot(window, "server-unreachable")

    qtbot.waitUntil(lambda: window.server.reachable, timeout=RECOVERED_WITHIN_MS)
    assert not status(window).isVisibleTo(window)
    window.pay(Tender(PaymentMethod.CASH, due))
    wait_paid(qtbot, window)
    assert window.presenter.last_order is not None and window.presenter.draft.is_empty()
    assert orders_in(url) == before + 1


def test_a_stopped_server_shows_unreachable_and_a_restarted_one_clears_it_by_itself(
    qtbot: QtBot, cashier: tuple[CashierWindow, str], server: PostgresServer
) -> None:
    window, _url = cashier
    click(qtbot, window, "item_HOT-02")
    options = stop(server)
    try:
        window.identify("13800138000")
        settle(window)
        assert notice(window) == UNREACHABLE
        assert status(window).isVisibleTo(window)
        expected = QCoreApplication.translate(
            "ServerLink", "Server unreachable since %1: retrying by itself…"
        ).replace("%1", "12:30:00")
        assert status(window).text() == expected
        window.pay(Tender(PaymentMethod.CASH, window.presenter.bill().due))
        assert not window.paying and notice(window) == UNREACHABLE  # at once, no job
    finally:
        start(server, options)

    qtbot.waitUntil(lambda: window.server.reachable, timeout=RECOVERED_WITHIN_MS)
    assert not status(window).isVisibleTo(window)
    window.identify("13800138000")
    settle(window)
    assert window.presenter.draft.member is not None
