from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from app.domain.print_jobs import JobStatus
from hardware.printing.escpos_decode import decode_escpos
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    save_screenshot,
    settle,
    sign_in,
    wait_paid,
)
from ui.app import TillApp
from ui.cashier.slip_view import SlipView
from ui.cashier.window import CashierWindow


def label(window: QWidget, name: str) -> str:
    widget = window.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def table_cells(window: CashierWindow) -> list[list[str]]:
    table = window.findChild(QTableWidget, "orderTable")
    assert table is not None
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_cashier_rings_up_a_member_order_and_gets_a_receipt(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    window = open_cashier(qtbot, till_app)
    qtbot.waitExposed(window)
    assert label(window, "staffLabel") == "王芳"

    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "category_DRINK")
    click(qtbot, window, "item_DRINK-04")
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, "138 0013 8000")
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)

    assert label(window, "memberName") == "张伟"
    assert label(window, "memberTier") == "金卡会员 (9折)"
    assert label(window, "memberStoredValue") == "¥500.00"
    assert "花生过敏" in label(window, "memberAllergies")
    assert table_cells(window) == [
        ["宫保鸡丁", "2", "¥38.00", "9折 -¥7.60", "¥68.40"],
        ["青岛啤酒", "1", "¥15.00", "不打折", "¥15.00"],
    ]
    assert label(window, "totalLabel") == "¥83.40"
    assert label(window, "customerDisplay") == "Welcome back!       \nGold 10% off        "
    save_screenshot(window, "cashier-mid-order-zh")

    def pay_with_100(dialog: QWidget) -> None:
        click(qtbot, dialog, "tender100")
        assert label(dialog, "changeLabel") == "¥16.60"
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(pay_with_100)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)

    preview = window.findChild(SlipView, "receiptPreview")
    qtbot.waitUntil(lambda: "T1-20261122-0001" in preview.toPlainText(), timeout=5000)
    receipt = preview.toPlainText()
    for expected in (
        "宫保鸡丁",
        "9折 -¥7.60",
        "应付",
        "¥83.40",
        "找零",
        "¥16.60",
        "M0000001",
        "138****8000",
    ):
        assert expected in receipt
    assert "13800138000" not in receipt
    qtbot.waitUntil(lambda: "T1-20261122-0001" in label(window, "printerStatus"))
    save_screenshot(window, "cashier-after-payment-zh")

    # Ready for the next guest: empty order, no member, zero total.
    assert table_cells(window) == []
    assert label(window, "memberName") == "非会员"
    assert label(window, "totalLabel") == "¥0.00"
    assert "¥16.60" in label(window, "orderStatus")
    assert label(window, "customerDisplay") == "PAID          100.00\nCHANGE         16.60"
    assert not window.pay_cash_button.isEnabled()


def test_wrong_pin_keeps_the_login_open_with_a_message(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    sign_in(qtbot, till_app, pin="1234")
    assert till_app.window is None and till_app.login is not None
    assert label(till_app.login, "loginError") == "Wrong PIN. Try again."
    assert till_app.login.findChild(QLineEdit, "pinEdit").text() == ""
    assert "1111" in label(till_app.login, "demoHint")


def test_the_sign_in_window_goes_as_the_counter_opens(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    """It shows "Opening the till…" (Esc refused) until then; left showing, with nothing
    to wait for, it hid the counter and kept keys from it."""
    till_app = make_app("en")
    login = till_app.login
    assert login is not None
    seen = EventsSeen((QEvent.Type.Hide, QEvent.Type.DeferredDelete))
    login.installEventFilter(seen)
    sign_in(qtbot, till_app)
    assert till_app.window is not None and till_app.window.isVisible()
    assert not isValid(login) or login.isHidden()
    qtbot.waitUntil(lambda: not isValid(login))  # deleted when Qt comes to it
    assert seen.types[:1] == [QEvent.Type.Hide]  # at once, not when Qt came to deleting it


class EventsSeen(QObject):
    def __init__(self, kinds: tuple[QEvent.Type, ...]) -> None:
        super().__init__()
        self._kinds = kinds
        self.types: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._kinds:
            self.types.append(event.type())
        return False


def test_simulated_swipe_on_a_dine_in_table_then_card_terminal(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)

    def open_table(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "tableEdit").setText("A3")
        dialog.findChild(QSpinBox, "partySizeSpin").setValue(4)
        click(qtbot, dialog, "confirmTableButton")

    on_next_modal(open_table)
    click(qtbot, window, "dineInButton")
    assert label(window, "orderTypeLabel") == "Table A3 · 4 guests"

    def swipe(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "swipeDataEdit").setText("8800000000000002")
        click(qtbot, dialog, "swipeButton")

    on_next_modal(swipe)
    click(qtbot, window, "simulateSwipeButton")
    qtbot.waitUntil(lambda: label(window, "memberName") == "Emily Chen")  # read off the thread
    assert label(window, "memberTier") == "Platinum (15% off)"

    click(qtbot, window, "category_SET")
    click(qtbot, window, "item_SET-01")  # set menus are excluded for Platinum
    click(qtbot, window, "category_HOT")
    click(qtbot, window, "item_HOT-03")
    assert [row[3] for row in table_cells(window)] == ["excluded", "15% off -¥13.20"]
    assert label(window, "totalLabel") == "¥242.80"

    def approve(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "cardReferenceEdit").setText("AUTH 4411")
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(approve)
    click(qtbot, window, "payCardButton")
    wait_paid(qtbot, window)
    preview = window.findChild(SlipView, "receiptPreview")
    qtbot.waitUntil(lambda: "Table" in preview.toPlainText(), timeout=5000)
    receipt = preview.toPlainText()
    assert "A3" in receipt and "Card" in receipt and "AUTH 4411" in receipt
    assert "Change" not in receipt


def test_quantity_buttons_and_guest_checkout(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-02")
    click(qtbot, window, "qtyPlusButton")
    click(qtbot, window, "qtyPlusButton")
    assert table_cells(window)[0][1] == "3"
    click(qtbot, window, "qtyMinusButton")
    assert label(window, "totalLabel") == "¥52.00"
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, "5555")
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)
    assert "No member found" in label(window, "memberMessage")

    def exact(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit, "tenderedEdit")
        edit.setText("51.99")
        assert not dialog.findChild(QWidget, "confirmPaymentButton").isEnabled()
        assert "short" in label(dialog, "changeLabel")
        click(qtbot, dialog, "tenderExact")
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(exact)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)
    preview = window.findChild(SlipView, "receiptPreview")
    qtbot.waitUntil(lambda: "Mapo Tofu" in preview.toPlainText(), timeout=5000)
    assert "Member" not in preview.toPlainText()
    assert table_cells(window) == []


def test_remove_line_and_new_order_clear_the_order(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-02")
    click(qtbot, window, "removeLineButton")  # the last added line is selected
    assert [row[0] for row in table_cells(window)] == ["Kung Pao Chicken"]
    on_next_modal(lambda box: click(qtbot, box, "discardYes"))  # it asks first
    click(qtbot, window, "newOrderButton")
    settle(window)  # the void and the next menu come back off the GUI thread
    assert table_cells(window) == []
    assert label(window, "totalLabel") == "¥0.00"


def test_a_failed_print_can_be_retried_once_the_printer_is_back(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    device_folder = tmp_path / "usb"  # the printer is "unplugged": its device is missing
    (tmp_path / "settings.json").write_text(
        json.dumps({"printer_url": f"escpos+file://{device_folder}/lp0"}), encoding="utf-8"
    )
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "category_STAPLE")
    click(qtbot, window, "item_STAPLE-02")

    pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: "offline" in label(window, "printerStatus"), timeout=5000)
    assert "NOT printed" in label(window, "printerStatus")
    assert window.devices.retry_print_button.isEnabled()

    device_folder.mkdir()  # plugged back in
    click(qtbot, window, "retryPrintButton")
    qtbot.waitUntil(lambda: "sent" in label(window, "printerStatus"), timeout=5000)
    slip = decode_escpos((device_folder / "lp0").read_bytes()).text
    assert "Dan Dan Noodles" in slip and "T1-20261122-0001" in slip
    assert not window.devices.retry_print_button.isEnabled()


def test_closing_the_till_signs_the_cashier_out(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    sign_in(qtbot, till_app)
    assert till_app.till is not None and till_app.till._engine is not None
    engine = till_app.till._engine
    till_app.shut_down()
    with engine.connect() as connection:
        actions = [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT action FROM audit_events WHERE action <> 'segments_computed' ORDER BY id"
            )
        ]
    assert actions == ["login", "logout"]  # besides the start-up's segment job


def test_no_sale_needs_a_manager_pin_at_the_till(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    seen: list[str] = []

    def approve(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("1234")
        click(qtbot, dialog, "approveButton")
        settle(dialog)  # the PIN is checked off the GUI thread
        seen.append(label(dialog, "approvalError"))
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    on_next_modal(approve)
    click(qtbot, window, "noSaleButton")  # the approval dialog opens; the kick is queued later
    qtbot.waitUntil(
        lambda: label(window, "orderStatus") == "Cash drawer opened (no sale).", timeout=20_000
    )
    assert seen == ["Wrong PIN, or the account is locked."]
    preview = window.findChild(SlipView, "receiptPreview")
    assert till_app.till is not None and till_app.till.print_preview is not None
    qtbot.waitUntil(
        lambda: any(
            decode_escpos(job).drawer_kicks for job in till_app.till.printer.transport.jobs()
        )
    )
    assert preview.toPlainText() == ""  # a drawer kick prints nothing


def test_a_past_receipt_is_reprinted_from_the_print_jobs_list(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-01")

    pay_exact_cash(qtbot, window)
    preview = window.findChild(SlipView, "receiptPreview")
    qtbot.waitUntil(lambda: "T1-20261122-0001" in preview.toPlainText())
    spooler = till_app.till.spooler if till_app.till is not None else None
    assert spooler is not None  # the slip is shown as sent; its job is marked just after
    qtbot.waitUntil(lambda: {j.status for j in spooler.recent()} == {JobStatus.PRINTED})
    states: list[str] = []

    def reprint(dialog: QWidget) -> None:
        table = dialog.findChild(QTableWidget, "printJobsTable")
        states.append(table.item(0, 3).text())
        dialog.findChild(QLineEdit, "reprintOrderEdit").setText("T1-20991231-0001")
        click(qtbot, dialog, "reprintOrderButton")
        settle(dialog)  # the outbox is changed off the GUI thread
        states.append(label(dialog, "printJobsMessage"))
        dialog.findChild(QLineEdit, "reprintOrderEdit").setText("T1-20261122-0001")
        click(qtbot, dialog, "reprintOrderButton")
        settle(dialog)
        save_screenshot(dialog, "print-jobs-zh")
        dialog.reject()

    on_next_modal(reprint)
    click(qtbot, window, "printJobsButton")
    assert states == ["已打印", "未找到订单 T1-20991231-0001 的小票。"]
    qtbot.waitUntil(lambda: "重印 DUPLICATE" in preview.toPlainText())
