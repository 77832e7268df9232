"""The network between the till and its PostgreSQL server drops, resets or stalls in the
middle of a stored-value payment (a TCP proxy between them, tests/pg_proxy.py): the
window keeps turning while it waits, says the server is unreachable, recovers by itself
when the network is back, and the cashier's next tap charges the member once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.domain.payment import PaymentMethod, Tender
from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer
from tests.ui.conftest import click, open_cashier, ready, settle, wait_paid, without_local_copy
from tests.ui.test_pay_once import counts
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow

pytestmark = pytest.mark.postgres

WITHIN_MS = 20_000
"""Generous: the till gives up on a statement after 1 s + 2 s here, and its probe asks
every 2 s."""


@pytest.fixture
def through_proxy(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[tuple[CashierWindow, PgProxy, str]]:
    url = postgres.new_url()
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
        try:
            yield open_cashier(qtbot, till_app), proxy, url
        finally:
            proxy.resume()
            till_app.shut_down()


def turns_while_waiting() -> Callable[[], bool]:
    """A timer posted now fires while the payment waits: the GUI thread is not blocked."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    return lambda: bool(fired)


def cut_mid_transaction(proxy: PgProxy, how: str) -> None:
    if how == "drop":
        proxy.drop()
    elif how == "reset":
        proxy.reset()
    # "stall": the bytes stay held; the till's own watchdog gives up on them


@pytest.mark.parametrize("how", ["drop", "reset", "stall"])
def test_a_payment_cut_mid_transaction_is_charged_once_after_the_till_recovers(
    qtbot: QtBot, through_proxy: tuple[CashierWindow, PgProxy, str], how: str
) -> None:
    window, proxy, url = through_proxy
    click(qtbot, window, "item_HOT-01")
    window.identify("13800138000")
    settle(window)
    due = window.presenter.bill().due
    orders, receipts, held = counts(url)

    proxy.stall_on("INSERT INTO orders")  # the order's first row: the transaction is open
    window.pay(Tender(PaymentMethod.STORED_VALUE, due))
    qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
    assert window.paying and not window.pay_cash_button.isEnabled()
    qtbot.waitUntil(turns_while_waiting(), timeout=1000)
    cut_mid_transaction(proxy, how)
    if how != "stall":
        proxy.resume()  # the network is back at once; the cut transaction is gone
    qtbot.waitUntil(lambda: not window.paying, timeout=WITHIN_MS)

    shown = window.findChild(QLabel, "counterFailure")
    assert shown is not None and shown.isVisible()  # said, not silent
    assert not window.presenter.draft.is_empty()  # the order is kept for the next tap
    proxy.resume()
    qtbot.waitUntil(lambda: window.server.reachable, timeout=WITHIN_MS)
    assert counts(url) == (orders, receipts, held)  # nothing of the cut payment stayed

    window.pay(Tender(PaymentMethod.STORED_VALUE, due))
    wait_paid(qtbot, window)

    assert window.presenter.draft.is_empty() and window.presenter.last_order is not None
    assert counts(url) == (orders + 1, receipts + 1, held - due)
