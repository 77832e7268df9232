"""The refund dialog with the server stopped: an order this till sold offline during the
outage is refunded there (a manager approves against the local copy), an order the till
has not got locally says in one sentence that its refund needs the server, and the
refund reaches the server once with the resync."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from tests.ui.conftest import click, on_next_modal, open_cashier, pay_exact_cash, settle
from tests.ui.offline_tills import Outage, Tills
from ui.cashier.approval_dialog import ApprovalDialog
from ui.cashier.refund_dialog import RefundDialog

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

BACK_WITHIN_MS = 60_000
"""The probe asks every 2 s and a connection gives up after 2 s; then the resync (the
machine is shared: generous)."""
WITHIN_MS = 20_000
ZHANG_WEI = "13800138000"
NEEDS_SERVER = (
    "Offline, only the orders this till sold since the server went can be refunded: this "
    "one's refund needs the server."
)


def test_an_offline_sale_is_refunded_offline_and_reaches_the_server_with_the_resync(
    qtbot: QtBot, tills: Tills, outage: Outage
) -> None:
    tills.with_copy()
    window = open_cashier(qtbot, tills.open())  # the cashier: a refund needs a manager
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    online = window.presenter.last_order
    assert online is not None and online.order_no.endswith("-0001")

    outage.stop()
    window.identify(ZHANG_WEI)  # the counter notices and goes on from its copy
    settle(window)
    assert window.offline.active and window.presenter.draft.member is not None
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    sold = window.presenter.last_order
    assert sold is not None and sold.order_no.endswith("-L0001")

    seen: dict[str, str] = {}

    def refund(dialog: QWidget) -> None:
        assert isinstance(dialog, RefundDialog)
        seen["note"] = dialog.findChild(QLabel, "refundOfflineNote").text()
        table = dialog.findChild(QTableWidget, "recentOrdersTable")
        seen["listed"] = " ".join(table.item(row, 0).text() for row in range(table.rowCount()))
        edit = dialog.findChild(QLineEdit, "refundOrderEdit")
        edit.setText(online.order_no)  # sold online: the server has it, the copy not
        edit.editingFinished.emit()
        settle(dialog)
        seen["online"] = dialog.preview_label.text()
        assert not dialog.confirm.isEnabled()
        table.selectRow(0)  # this outage's offline sale
        settle(dialog)
        seen["preview"] = dialog.preview_label.text()
        click(qtbot, dialog, "confirmRefundButton")
        qtbot.waitUntil(
            lambda: isinstance(QApplication.activeModalWidget(), ApprovalDialog), timeout=WITHIN_MS
        )
        approval = QApplication.activeModalWidget()
        assert isinstance(approval, ApprovalDialog)
        settle(approval)  # the managers on duty, read from the copy
        approval.manager_combo.setCurrentIndex(approval.manager_combo.findData("manager"))
        approval.pin_edit.setText("9999")
        click(qtbot, approval, "approveButton")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(refund)
    click(qtbot, window, "refundButton")
    assert seen["note"].startswith("Offline: only the orders this till sold")
    assert seen["listed"] == sold.order_no
    assert seen["online"] == NEEDS_SERVER
    assert seen["preview"].startswith(f"Order {sold.order_no}, paid ")
    assert window.order_status.text().startswith(f"Order {sold.order_no} refunded: give back")
    qtbot.waitUntil(lambda: window.offline.pending == 2, timeout=WITHIN_MS)  # sale, refund

    outage.end()
    qtbot.waitUntil(lambda: window.server.reachable, timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: window.offline.pending == 0, timeout=BACK_WITHIN_MS)
    server = create_engine(tills.url)
    try:
        with server.connect() as connection:
            refunded = connection.execute(
                text(
                    "SELECT o.status, count(r.id) FROM orders o JOIN refunds r"
                    " ON r.order_id = o.id WHERE o.order_no = :number GROUP BY o.status"
                ),
                {"number": sold.order_no},
            ).all()
    finally:
        server.dispose()
    assert refunded == [("refunded", 1)]
