"""The print jobs list and reprints while the server is gone: the counter's dialog shows
the local copy's outbox (the slips of sales made offline, each said to be offline), a
past offline receipt is reprinted from the copy on the real printer, and an online
order's number says it needs the server."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.domain.payment import PaymentMethod
from app.services.printing import slip_text
from tests.ui.conftest import click, on_next_modal, save_screenshot, settle
from tests.ui.test_offline_switch import Counter, counter, pay, ring_up

__all__ = ["counter"]  # the fixture, shared with the outage test


def cells(dialog: QWidget) -> list[list[str]]:
    table = dialog.findChild(QTableWidget, "printJobsTable")
    assert table is not None
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_offline_the_print_jobs_list_shows_the_copys_slips_and_reprints_from_it(
    qtbot: QtBot, counter: Counter
) -> None:
    window, proxy, printer = counter.window, counter.proxy, counter.printer
    local_copy = counter.till.local_copy
    assert local_copy is not None
    local_copy.build()
    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # online
    online = window.presenter.last_order
    assert online is not None
    printer.wait_for_jobs(1)

    proxy.cut()
    pay(qtbot, window, PaymentMethod.CASH, ring_up(qtbot, window))  # offline
    sold = window.presenter.last_order
    assert sold is not None and window.offline.active and "-L" in sold.order_no
    printed = f"Receipt {sold.order_no} printed"
    qtbot.waitUntil(lambda: window.devices.printer_status.text() == printed, timeout=10_000)
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        seen["listed"] = cells(dialog)
        edit = dialog.findChild(QLineEdit, "reprintOrderEdit")
        edit.setText(online.order_no)  # an online order: its receipt is on the server
        click(qtbot, dialog, "reprintOrderButton")
        settle(dialog)
        seen["online"] = dialog.findChild(QLabel, "printJobsMessage").text()
        edit.setText(sold.order_no)
        click(qtbot, dialog, "reprintOrderButton")
        settle(dialog)
        seen["message"] = dialog.findChild(QLabel, "printJobsMessage").text()
        seen["after"] = cells(dialog)
        save_screenshot(dialog, "print-jobs-offline")
        dialog.reject()

    on_next_modal(look)
    click(qtbot, window, "printJobsButton")

    slip = f"receipt {sold.order_no} (offline)"
    assert [(row[1], row[3]) for row in seen["listed"]] == [(slip, "printed")]  # type: ignore[attr-defined]
    assert seen["online"] == (
        f"No receipt of a sale made offline has number {online.order_no}: the receipts of"
        " online orders can be reprinted once the server is back."
    )
    assert seen["message"] == ""
    after = seen["after"]
    assert isinstance(after, list) and after[0][1] == f"reprint {sold.order_no} (offline)"
    slips = [slip_text(job) for job in printer.wait_for_jobs(3)]
    assert "DUPLICATE" in slips[2] and sold.order_no in slips[2]
