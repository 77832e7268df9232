"""The shared PostgreSQL server stalls mid-sale (the loopback proxy holds every byte, the
connections stay open: a frozen host, a path that swallows packets): the till does not
wait for its statement deadline (30 s here, longer than the test waits for a sale) but
finds the server stalled (``db.stall_check``: a new connection does not answer either),
sells on its copy, and once the server answers resyncs without doubling the sale whose
COMMIT the stall held (the server may commit it when the bytes flow again)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.domain.payment import PaymentMethod, Tender
from app.domain.request_keys import RequestKind
from app.services.till_settings import TillSettingsService
from db.offline_checks import find_anomalies
from db.server_timeouts import stall_check_of
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fake_printer import FakeNetworkPrinter
from tests.fakes import FakeClock
from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer
from tests.ui.conftest import open_cashier, ready
from tests.ui.test_offline_switch import ZENG_PHONE, Counter, pay, ring_up
from tests.ui.test_outage_through_proxy import WITHIN_MS
from ui.app import LaunchOptions, TillApp

pytestmark = pytest.mark.postgres


@pytest.fixture
def patient_counter(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[Counter]:
    """A counter whose deadlines are longer than a test waits for a sale (20 s): only the
    stall check can switch it in time."""
    url = postgres.create_database()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    printer = FakeNetworkPrinter()
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "connect_timeout_s": 30,
                "statement_timeout_s": 30,
                "lock_timeout_s": 30,
                "printer_url": printer.url,
            }
        )
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


def test_a_stalled_server_is_found_at_once_and_the_sale_goes_through_on_the_copy(
    qtbot: QtBot, patient_counter: Counter
) -> None:
    counter = patient_counter
    window, proxy, server = counter.window, counter.proxy, counter.server
    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # online
    local_copy = counter.till.local_copy
    assert local_copy is not None
    local_copy.build()
    check = stall_check_of(counter.till._engine)
    assert check is not None and check.stalls == 0

    due = ring_up(qtbot, window, ZENG_PHONE)  # looked up online
    assert not window.offline.active
    proxy.stall_on("COMMIT")  # the sale's writes reach the server, its COMMIT is held
    said = pay(qtbot, window, PaymentMethod.STORED_VALUE, due)
    assert said.startswith("Order ") and " paid." in said, said
    assert check.stalls >= 1  # the stall check cut it, not a deadline (30 s)
    assert window.offline.active and not window.server.reachable
    assert proxy.held >= 1  # the server is still stalled: the sale was not answered online
    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # and the next one
    qtbot.waitUntil(lambda: window.offline.pending == 2, timeout=WITHIN_MS)

    proxy.resume()  # the held COMMIT may reach the server now: the resync must see it
    qtbot.waitUntil(lambda: window.server.reachable, timeout=WITHIN_MS)
    qtbot.waitUntil(lambda: window.offline.pending == 0, timeout=WITHIN_MS)

    entries = counter.offline.services().seller.journal.entries()
    assert len(entries) == 2 and all(e.outcome and "held" not in e.outcome for e in entries)
    till_id = counter.till.config.till_id
    assert find_anomalies(server, entries, till_id, online_orders=1).total == 0
    with server.connect() as connection:
        orders = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
        keys = connection.execute(
            text("SELECT count(*) FROM request_keys WHERE kind = :kind"),
            {"kind": RequestKind.CHECKOUT.value},
        ).scalar_one()
    assert (orders, keys) == (3, 3)  # the online sale and the two offline ones, once each


def test_a_slow_statement_on_a_server_that_answers_does_not_switch_the_counter(
    qtbot: QtBot, patient_counter: Counter
) -> None:
    """A member's row held by another till for longer than the stall check waits: the
    check's new connection is answered, so the sale waits for the row and goes through
    online."""
    counter = patient_counter
    window, server = counter.window, counter.server
    check = stall_check_of(counter.till._engine)
    assert check is not None
    due = ring_up(qtbot, window, ZENG_PHONE)
    assert window.presenter.draft.member is not None
    answered = check.probes_answered
    with server.connect() as other_till:
        other_till.execute(
            text("SELECT id FROM members WHERE phone = :phone FOR UPDATE"), {"phone": ZENG_PHONE}
        )
        window.pay(Tender(PaymentMethod.STORED_VALUE, due))

        def waiting_for_the_row() -> bool:
            with server.connect() as look:
                return bool(
                    look.execute(
                        text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    ).scalar_one()
                )

        qtbot.waitUntil(waiting_for_the_row, timeout=WITHIN_MS)
        qtbot.waitUntil(lambda: check.probes_answered > answered, timeout=WITHIN_MS)
        other_till.rollback()  # the other till lets go of the row
    qtbot.waitUntil(lambda: not window.paying, timeout=WITHIN_MS)
    assert window.order_status.text().startswith("Order "), window.order_status.text()
    assert check.stalls == 0
    assert not window.offline.active and window.server.reachable
    with server.connect() as connection:
        orders = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
    assert orders == 1  # on the server
