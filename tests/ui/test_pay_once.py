"""The connection drops after the server committed a payment: the cashier's next tap on pay
shows the order that was paid, and nothing is charged or queued for printing twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.domain.payment import PaymentMethod, Tender
from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.pg_proxy import PgProxy
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


@pytest.fixture
def through_proxy(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[tuple[TillApp, PgProxy, str]]:
    url = postgres.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    with PgProxy.before(url) as proxy:
        options = LaunchOptions(proxy.url(url), DEMO_MEMBERS, "en")
        till_app = TillApp(qapp, options, TillSettingsService(tmp_path / "s.json"), clock)
        till_app.start()
        ready(till_app)
        without_local_copy(till_app)
        try:
            yield till_app, proxy, url
        finally:
            till_app.shut_down()


def counts(url: str) -> tuple[int, int, int]:
    """(orders, receipt jobs, stored value held by all members)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT (SELECT count(*) FROM orders),"
                " (SELECT count(*) FROM print_jobs WHERE kind = 'receipt'),"
                " (SELECT coalesce(sum(principal_delta_fen + bonus_delta_fen), 0)"
                "  FROM stored_value_ledger)"
            )
        ).one()
    engine.dispose()
    return int(found[0]), int(found[1]), int(found[2])


def test_the_next_tap_after_a_lost_commit_reply_shows_the_paid_order_once(
    qtbot: QtBot, through_proxy: tuple[TillApp, PgProxy, str]
) -> None:
    till_app, proxy, url = through_proxy
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-01")
    window.identify("13800138000")
    settle(window)
    due = window.presenter.bill().due
    orders, receipts, held = counts(url)

    proxy.swallow_commit_reply("INSERT INTO orders")
    window.pay(Tender(PaymentMethod.STORED_VALUE, due))
    wait_paid(qtbot, window)

    shown = window.findChild(QLabel, "counterFailure")
    assert shown is not None and shown.isVisible()
    assert proxy.commits_swallowed == 1
    assert not window.presenter.draft.is_empty()  # the order stays, with its key
    key = window.presenter.draft.request_key
    assert key is not None
    assert counts(url) == (orders + 1, receipts + 1, held - due)  # the server did commit

    qtbot.waitUntil(lambda: window.server.reachable, timeout=20_000)  # the till's probe
    window.pay(Tender(PaymentMethod.STORED_VALUE, due))  # the cashier taps pay again

    wait_paid(qtbot, window)

    assert not shown.isVisible()
    assert window.presenter.draft.is_empty() and window.presenter.draft.request_key != key
    paid = window.presenter.last_order
    assert paid is not None and paid.replayed
    assert window.order_status.text().startswith(f"Order {paid.order_no} was paid by the")
    assert counts(url) == (orders + 1, receipts + 1, held - due)
    save_screenshot(window, "pay-once-after-lost-reply")


def test_an_order_changed_after_a_lost_commit_reply_is_refused_with_a_sentence(
    qtbot: QtBot, through_proxy: tuple[TillApp, PgProxy, str]
) -> None:
    till_app, proxy, url = through_proxy
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-01")
    due = window.presenter.bill().due
    proxy.swallow_commit_reply("INSERT INTO orders")
    window.pay(Tender(PaymentMethod.CASH, due))
    wait_paid(qtbot, window)
    paid = counts(url)

    qtbot.waitUntil(lambda: window.server.reachable, timeout=20_000)
    click(qtbot, window, "item_HOT-01")  # the cashier adds a dish and pays again
    window.pay(Tender(PaymentMethod.CASH, 2 * due))
    wait_paid(qtbot, window)

    said = window.order_status.text()
    assert said.startswith("This was already done (T1-20261122-")
    assert "nothing was charged again" in said
    assert len(window.presenter.draft.lines()) == 1  # the order stays for "New order"
    assert counts(url) == paid
    save_screenshot(window, "pay-once-key-reused")
