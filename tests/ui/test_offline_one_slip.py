"""One sale, one slip: the server commits a checkout and its reply is lost (the proxy
swallows the COMMIT's answer and drops the connection), the counter switches to its local
copy and sells the order again there under the same request key, printing the offline
slip. When the server answers again the resync gets the committed order back for that
key, and the server's own receipt job for it is not printed: the fake TCP printer counts
one slip for the sale."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.payment import PaymentMethod
from app.domain.request_keys import RequestKind
from app.services.printing import slip_text
from tests.ui.test_offline_switch import Counter, counter, pay, ring_up
from tests.ui.test_outage_through_proxy import WITHIN_MS

__all__ = ["counter"]  # the fixture, shared with the outage test


def test_a_sale_whose_reply_was_lost_and_sold_again_offline_prints_one_slip(
    qtbot: QtBot, counter: Counter
) -> None:
    window, proxy, server, printer = counter.window, counter.proxy, counter.server, counter.printer
    local_copy = counter.till.local_copy
    assert local_copy is not None
    local_copy.build()
    till_id = counter.till.config.till_id

    due = ring_up(qtbot, window)
    proxy.swallow_commit_reply("INSERT INTO orders")  # committed on the server, unanswered
    said = pay(qtbot, window, PaymentMethod.CASH, due)
    assert proxy.commits_swallowed == 1
    assert said.startswith("Order ") and " paid." in said  # the retry, on the copy
    sold_offline = window.presenter.last_order
    assert sold_offline is not None and "-L" in sold_offline.order_no
    first = printer.wait_for_jobs(1)
    assert f"{till_id} · offline" in slip_text(first[0])

    qtbot.waitUntil(lambda: window.server.reachable, timeout=20_000)  # the probe hears it
    qtbot.waitUntil(lambda: window.offline.pending == 0, timeout=20_000)  # resynced
    entry = counter.offline.services().seller.journal.entries()[-1]
    assert entry.outcome is not None and entry.kind == "checkout"
    key = entry.request_key  # the key the till made at the tap on pay, kept for the retry
    online_no = str(entry.outcome["order_no"])  # the order the server committed first

    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # the next sale, online
    after = window.presenter.last_order
    assert after is not None and not window.offline.active
    # The spooler takes the server's jobs in order: the lost reply's before this one.
    printed = f"Receipt {after.order_no} printed"
    qtbot.waitUntil(lambda: window.devices.printer_status.text() == printed, timeout=WITHIN_MS)

    def slips() -> list[str]:
        return [slip_text(job) for job in printer.wait_for_jobs(1)]

    qtbot.waitUntil(lambda: any(after.order_no in slip for slip in slips()), timeout=WITHIN_MS)
    assert len(slips()) == 2, slips()  # the offline slip and the next sale's
    assert not any(online_no in slip for slip in slips())
    with server.connect() as connection:
        orders = connection.execute(
            text("SELECT count(*) FROM request_keys WHERE key = :key AND kind = :kind"),
            {"key": key, "kind": RequestKind.CHECKOUT.value},
        ).scalar_one()
        jobs = connection.execute(
            text(
                "SELECT p.status FROM print_jobs p JOIN orders o ON o.id = p.order_id"
                " WHERE o.order_no = :order_no"
            ),
            {"order_no": online_no},
        ).all()
        total = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
    assert orders == 1 and total == 2  # charged once: the lost reply's order, then the next
    assert [status for (status,) in jobs] == ["printed_offline"]
