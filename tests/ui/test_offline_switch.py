"""The shared PostgreSQL server vanishes mid-shift (a TCP proxy between till and server,
tests/pg_proxy.py, cut): the running counter carries on over its local copy at once
(guest and member sales, stored value within the offline allowance, past it refused in
one sentence), says so in the status bar, and once the server answers again goes back
online by itself and resyncs the journal in the background: every order once on the
server, every balance its ledger's sum, every receipt printed once."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, create_engine, text

from app.bootstrap import Till
from app.domain.payment import PaymentMethod, Tender
from app.domain.request_keys import RequestKind
from app.offline.counter import OfflineCounter
from app.services.printing import slip_text
from app.services.till_settings import TillSettingsService
from db.offline_checks import find_anomalies
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fake_printer import FakeNetworkPrinter
from tests.fakes import FakeClock
from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    ready,
    save_screenshot,
    settle,
    wait_paid,
)
from tests.ui.test_outage_through_proxy import WITHIN_MS
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow

pytestmark = pytest.mark.postgres

log = logging.getLogger(__name__)

EMILY_CARD = "8800000000000002"
ZENG_PHONE = "18600008000"  # 曾小贤, Silver, ¥200.00 of stored value
NEW_PHONE = "13700001234"
TOP_UP = 10_000


@dataclass
class Counter:
    till_app: TillApp
    window: CashierWindow
    proxy: PgProxy
    server: Engine
    printer: FakeNetworkPrinter

    @property
    def till(self) -> Till:
        assert self.till_app.till is not None
        return self.till_app.till

    @property
    def offline(self) -> OfflineCounter:
        counter = self.till.offline_counter
        assert counter is not None
        return counter


@pytest.fixture
def counter(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[Counter]:
    url = postgres.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    printer = FakeNetworkPrinter()
    settings = tmp_path / "settings.json"  # short timeouts: a stall is noticed sooner
    settings.write_text(
        json.dumps({"connect_timeout_s": 2, "statement_timeout_s": 1, "printer_url": printer.url})
    )
    server = create_engine(url)
    with PgProxy.before(url) as proxy:
        till_app = TillApp(qapp, LaunchOptions(proxy.url(url), DEMO_MEMBERS, "en"),
                           TillSettingsService(settings), clock)  # fmt: skip
        till_app.start()
        ready(till_app)
        if till_app.daily_jobs is not None:
            till_app.daily_jobs.settle()
        try:
            yield Counter(till_app, open_cashier(qtbot, till_app), proxy, server, printer)
        finally:
            proxy.resume()
            till_app.shut_down()
            server.dispose()
            printer.close()


def ring_up(qtbot: QtBot, window: CashierWindow, member: str = "") -> int:
    """One dish (for ``member``, looked up as the cashier would); what is due."""
    if member:
        window.identify(member)
        settle(window)
        assert window.presenter.draft.member is not None, member
    click(qtbot, window, "item_HOT-01")
    return window.presenter.bill().due


def pay(qtbot: QtBot, window: CashierWindow, method: PaymentMethod, due: int) -> str:
    window.pay(Tender(method, due))
    wait_paid(qtbot, window)
    return window.order_status.text()


def test_the_counter_sells_on_its_copy_through_an_outage_and_resyncs_by_itself(
    qtbot: QtBot, counter: Counter
) -> None:
    window, proxy, server = counter.window, counter.proxy, counter.server
    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # online, before the cut
    due = ring_up(qtbot, window, ZENG_PHONE)
    pay(qtbot, window, PaymentMethod.STORED_VALUE, due)
    with server.begin() as connection:  # offline, Silver members may spend one dish's worth
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
            {"key": "offline.allowance.stored_value@tier:SILVER", "value": str(due)},
        )
    local_copy = counter.till.local_copy
    assert local_copy is not None
    local_copy.build()
    assert window.server.reachable and not window.offline.active

    proxy.cut()
    cut_at = time.monotonic()
    said = pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # a guest
    log.warning("selling again %.2f s after the cut", time.monotonic() - cut_at)
    assert said.startswith("Order ") and " paid." in said
    assert window.offline.active and not window.server.reachable
    assert window.server.label.isHidden()  # not "unreachable" in red: selling offline
    paid = window.presenter.last_order
    assert paid is not None  # its receipt, from the copy's outbox, in the status bar too
    printed = f"Receipt {paid.order_no} printed"
    qtbot.waitUntil(lambda: window.devices.printer_status.text() == printed, timeout=WITHIN_MS)

    window.on_card_read(EMILY_CARD)  # a member by card, paid by card
    settle(window)
    assert window.presenter.draft.member is not None
    pay(qtbot, window, PaymentMethod.CARD_TERMINAL, ring_up(qtbot, window))
    due = ring_up(qtbot, window, ZENG_PHONE)  # by phone, from stored value: the allowance
    pay(qtbot, window, PaymentMethod.STORED_VALUE, due)
    due = ring_up(qtbot, window, ZENG_PHONE)  # again: past the allowance
    said = pay(qtbot, window, PaymentMethod.STORED_VALUE, due)
    assert said == (
        "Offline, this member may pay at most ¥0.00 from stored value until the server is"
        " back: take the rest in cash or by card."
    )
    assert not window.presenter.draft.is_empty()  # kept: the guest pays another way
    pay(qtbot, window, PaymentMethod.CASH, due)

    def enrol(dialog: QWidget) -> None:  # a new member, numbered provisionally
        dialog.findChild(QLineEdit, "enrolPhoneEdit").setText(NEW_PHONE)
        dialog.findChild(QLineEdit, "enrolNameEdit").setText("Wang Fang")
        click(qtbot, dialog, "enrolConfirmButton")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(enrol)
    click(qtbot, window, "enrolButton")
    settle(window)
    member = window.presenter.draft.member
    till_id = counter.till.config.till_id
    assert member is not None and member.member_no.startswith(f"P{till_id}-")
    click(qtbot, window, "item_HOT-01")
    window.presenter.set_top_up(TOP_UP)  # a cash top-up with the dish
    pay(qtbot, window, PaymentMethod.CASH, window.presenter.bill().due)
    qtbot.waitUntil(lambda: window.offline.pending == 6, timeout=WITHIN_MS)
    assert window.offline.label.text() == "Offline since 12:30 — 6 sales waiting"
    assert window.offline.label.isVisible()
    save_screenshot(window, "offline-counter")

    proxy.resume()
    qtbot.waitUntil(lambda: window.server.reachable, timeout=WITHIN_MS)
    assert not window.offline.active  # the next sale goes to the server
    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))
    qtbot.waitUntil(lambda: window.offline.label.isHidden(), timeout=WITHIN_MS)
    assert window.offline.pending == 0

    entries = counter.offline.services().seller.journal.entries()
    assert len(entries) == 6 and all(e.outcome and "held" not in e.outcome for e in entries)
    assert find_anomalies(server, entries, till_id, online_orders=3).total == 0
    with server.connect() as connection:
        orders = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
        keys = connection.execute(
            text("SELECT count(*) FROM request_keys WHERE kind = :kind"),
            {"kind": RequestKind.CHECKOUT.value},
        ).scalar_one()
        receipts = connection.execute(
            text(
                "SELECT count(*) FROM print_jobs WHERE kind = 'receipt'"
                " AND status <> 'printed_offline'"
            )
        ).scalar_one()
        kept = connection.execute(
            text("SELECT count(*) FROM print_jobs WHERE status = 'printed_offline'")
        ).scalar_one()
        confirmed = connection.execute(
            text(
                "SELECT m.member_no, coalesce(sum(s.principal_delta_fen), 0) FROM members m"
                " LEFT JOIN stored_value_ledger s ON s.member_id = m.id"
                " WHERE m.phone = :phone GROUP BY m.member_no"
            ),
            {"phone": NEW_PHONE},
        ).all()
    assert (orders, keys, receipts) == (8, 8, 3)  # offline receipts printed from the copy,
    assert kept == 5  # kept on the server for a reprint, never printed there
    assert len(confirmed) == 1 and not confirmed[0][0].startswith("P")  # the server's number
    assert confirmed[0][1] == TOP_UP
    slips = [slip_text(job) for job in counter.printer.wait_for_jobs(8)]
    assert len(slips) == 8
    assert sum(f"{till_id} · offline" in slip for slip in slips) == 5
