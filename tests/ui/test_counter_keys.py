"""The till by keyboard: shortcuts from the key map, typing that goes to member search,
Tab in screen order, and a member checkout from search to receipt with keys alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services.till_settings import TillSettings, save_till_settings
from hardware.printing.escpos_decode import decode_escpos
from tests.ui.conftest import click, on_next_modal, open_cashier, settle, settle_all
from ui.app import TillApp
from ui.cashier.key_map import KEYS, key_for, key_name, translated
from ui.cashier.window import CashierWindow

SCREENS = Path("/work/notes/screens")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key | str) -> None:
    """A key on whatever has the focus, as a person's keyboard sends it."""
    qtbot.keyClick(focused(), key)
    settle_all()


def type_text(qtbot: QtBot, text: str) -> None:
    for char in text:  # each key to the focus of the moment, as a keyboard sends it
        qtbot.keyClick(focused(), char)
    settle_all()


def text_of(window: QWidget, name: str) -> str:
    widget = window.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def search_edit(window: CashierWindow) -> QLineEdit:
    edit = window.findChild(QLineEdit, "memberSearch")
    assert edit is not None
    return edit


def shown_window(qtbot: QtBot, till_app: TillApp) -> CashierWindow:
    window = open_cashier(qtbot, till_app)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def back_from_dialog(qtbot: QtBot, window: CashierWindow) -> None:
    """The offscreen platform has no window manager to give the window back its activation
    when a dialog closes: do what one does."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def order_rows(window: CashierWindow) -> list[tuple[str, str]]:
    table = window.findChild(QTableWidget, "orderTable")
    assert table is not None
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_a_member_checkout_from_search_to_receipt_by_keyboard_alone(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    slips = tmp_path / "lp0"
    (tmp_path / "settings.json").write_text(
        json.dumps({"printer_url": f"escpos+file://{slips}"}), encoding="utf-8"
    )
    window = shown_window(qtbot, make_app("zh"))
    click(qtbot, window, "item_HOT-01")  # the dishes go on by touch
    click(qtbot, window, "category_DRINK")
    click(qtbot, window, "item_DRINK-04")
    window.findChild(QPushButton, "item_DRINK-04").setFocus()  # where the tap left it

    press(qtbot, Qt.Key.Key_F2)
    assert focused() is search_edit(window)
    type_text(qtbot, "13800138000")
    press(qtbot, Qt.Key.Key_Return)
    assert text_of(window, "memberName") == "张伟"
    assert text_of(window, "totalLabel") == "¥49.20"  # 宫保鸡丁 9折 ¥34.20 + 啤酒 ¥15.00

    seen: list[str] = []

    def pay_by_keys(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() in dialog.findChildren(QWidget))
        assert focused().objectName() == "tenderedEdit"
        type_text(qtbot, "100")
        seen.append(text_of(dialog, "changeLabel"))
        press(qtbot, Qt.Key.Key_Return)  # Enter takes the payment

    on_next_modal(pay_by_keys)
    press(qtbot, Qt.Key.Key_F4)
    assert seen == ["¥50.80"]
    qtbot.waitUntil(lambda: "T1-20261122-0001" in text_of(window, "orderStatus"))
    qtbot.waitUntil(lambda: slips.exists() and b"\x1dV" in slips.read_bytes(), timeout=5000)
    slip = decode_escpos(slips.read_bytes()).text
    for expected in ("T1-20261122-0001", "宫保鸡丁", "青岛啤酒", "49.20", "100.00", "50.80"):
        assert expected in slip, expected
    assert order_rows(window) == []


def test_stored_value_and_card_terminal_are_paid_with_their_key_and_enter(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-02")
    window.findChild(QPushButton, "item_HOT-02").setFocus()
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, "13800138000")
    press(qtbot, Qt.Key.Key_Return)
    assert text_of(window, "memberStoredValue") == "¥500.00"

    def confirm(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() in dialog.findChildren(QWidget))
        press(qtbot, Qt.Key.Key_Return)  # the dialog's main button

    on_next_modal(confirm)
    press(qtbot, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "T1-20261122-0001" in text_of(window, "orderStatus"))
    assert order_rows(window) == []

    click(qtbot, window, "item_HOT-02")
    back_from_dialog(qtbot, window)
    assert focused() is search_edit(window)  # where the cashier left it
    on_next_modal(confirm)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "T1-20261122-0002" in text_of(window, "orderStatus"))
    assert order_rows(window) == []


def test_the_keys_are_shown_on_their_buttons_and_in_the_f1_key_map(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    cash = window.findChild(QPushButton, "payCashButton")
    assert cash.text() == "Cash\nF4"
    assert window.findChild(QPushButton, "removeLineButton").text() == "Remove  Del"
    for key in KEYS:
        if key.button and key.on_label:
            button = window.findChild(QPushButton, key.button)
            assert button.text().endswith(key_name(key)), key
            assert button.toolTip() == f"{translated(key.what)}  {key_name(key)}"
    shown: list[list[str]] = []

    def read_key_map(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() in dialog.findChildren(QWidget))
        table = dialog.findChild(QTableWidget, "keyMapTable")
        shown.extend([table.item(r, c).text() for c in range(2)] for r in range(table.rowCount()))
        SCREENS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENS / "keys-f1-en.png"))
        press(qtbot, Qt.Key.Key_Escape)  # Esc closes the dialog

    on_next_modal(read_key_map)
    press(qtbot, Qt.Key.Key_F1)
    assert ["F4", "Pay cash"] in shown
    assert ["Del", "Remove the selected line"] in shown
    assert len(shown) > len(KEYS)
    window.grab().save(str(SCREENS / "keys-buttons-en.png"))


def test_the_keys_on_the_buttons_do_not_widen_the_till(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))  # English has the longest labels
    with_keys = [column.minimumSizeHint().width() for column in window._columns]
    for key in KEYS:
        button = window.findChild(QPushButton, key.button) if key.button else None
        if button is not None:
            button.setText(button.text().split("\n")[0].removesuffix(f"  {key_name(key)}"))
    QApplication.processEvents()  # the layouts hear of the new texts
    for column in window._columns:
        column.layout().invalidate()
    assert [column.minimumSizeHint().width() for column in window._columns] == with_keys


def test_typing_outside_a_text_field_goes_to_member_search(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")
    table = window.findChild(QTableWidget, "orderTable")
    table.setFocus()
    type_text(qtbot, "1380")
    edit = search_edit(window)
    assert focused() is edit and edit.text() == "1380"
    press(qtbot, Qt.Key.Key_Escape)  # Esc clears the search
    assert edit.text() == ""
    window.findChild(QPushButton, "payCardButton").setFocus()
    type_text(qtbot, "zw")
    assert edit.text() == "zw"
    assert window.findChild(QWidget, "memberResults").isVisible()  # the search ran


def test_quantity_and_delete_keys_act_on_the_selected_line(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "category_DRINK")
    click(qtbot, window, "item_DRINK-04")
    window.findChild(QTableWidget, "orderTable").setFocus()
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Minus)
    assert order_rows(window)[-1][1] == "2"
    press(qtbot, Qt.Key.Key_Delete)
    assert len(order_rows(window)) == 1
    search_edit(window).setFocus()
    type_text(qtbot, "13+")  # in the search box the same keys are typing
    press(qtbot, Qt.Key.Key_Backspace)
    assert search_edit(window).text() == "13"
    assert len(order_rows(window)) == 1 and order_rows(window)[0][1] == "1"


def test_tab_follows_the_screen_and_leaves_the_order_table(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-02")
    table = window.findChild(QTableWidget, "orderTable")
    table.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not table, "Tab is stuck in the order table"
    visited: list[QWidget] = [table]
    for _ in range(200):
        if focused() is table:
            break
        visited.append(focused())
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is table, "Tab never came round to the order table again"
    names = [w.objectName() for w in visited]
    for first, then in (
        ("orderTable", "qtyPlusButton"),
        ("qtyPlusButton", "payCashButton"),
        ("payCashButton", "payCardButton"),
        ("payCardButton", "whyPriceButton"),
        ("whyPriceButton", "memberSearch"),
        ("memberSearch", "identifyButton"),
        ("moreButton", "category_HOT"),
        ("category_HOT", "item_HOT-01"),
        ("item_HOT-01", "item_HOT-02"),
        ("item_HOT-03", "item_HOT-04"),  # the dishes row by row
    ):
        assert first in names and then in names, (first, then, names)
        assert names.index(first) < names.index(then), (first, then, names)
    assert names.index("identifyButton") < names.index("logoutButton")  # round the end
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is visited[-1]


def test_enter_presses_the_button_tab_brought_the_focus_to(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")
    window.findChild(QTableWidget, "orderTable").setFocus()
    for _ in range(10):
        if focused().objectName() == "payCashButton":
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "payCashButton"
    opened: list[str] = []

    def close_with_esc(dialog: QWidget) -> None:
        opened.append(dialog.objectName())
        qtbot.waitUntil(lambda: QApplication.focusWidget() in dialog.findChildren(QWidget))
        press(qtbot, Qt.Key.Key_Escape)

    on_next_modal(close_with_esc)
    press(qtbot, Qt.Key.Key_Return)
    assert opened == ["cashPaymentDialog"]
    assert len(order_rows(window)) == 1  # Esc closed the dialog and took nothing


def test_a_wedge_reader_still_reads_wherever_the_focus_is(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    save_till_settings(tmp_path / "settings.json", TillSettings(card_reader_url="wedge://"))
    window = shown_window(qtbot, make_app("zh"))
    click(qtbot, window, "item_HOT-01")
    edit = search_edit(window)
    typed: list[str] = []
    edit.textChanged.connect(typed.append)
    window.findChild(QPushButton, "payCardButton").setFocus()
    type_text(qtbot, "8800000000000002")  # a reader types fast and ends with Enter
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: text_of(window, "memberName") == "Emily Chen")
    assert typed == []  # not one character of the card reached the search box
    window.findChild(QTableWidget, "orderTable").setFocus()
    press(qtbot, "7")  # a person's single key: held a moment by the wedge, then typed
    qtbot.waitUntil(lambda: edit.text() == "7")
    assert focused() is edit
    assert key_for("cash").sequence == "F4"


def test_the_key_map_and_the_buttons_speak_chinese(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("zh"))
    assert window.findChild(QPushButton, "payCashButton").text() == "现金\nF4"
    assert window.findChild(QPushButton, "removeLineButton").text() == "删除  Del"
    click(qtbot, window, "item_HOT-01")
    window.grab().save(str(SCREENS / "keys-buttons-zh.png"))
    shown: list[list[str]] = []

    def read_key_map(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() in dialog.findChildren(QWidget))
        table = dialog.findChild(QTableWidget, "keyMapTable")
        shown.extend([table.item(r, c).text() for c in range(2)] for r in range(table.rowCount()))
        dialog.grab().save(str(SCREENS / "keys-f1-zh.png"))
        press(qtbot, Qt.Key.Key_Escape)

    on_next_modal(read_key_map)
    press(qtbot, Qt.Key.Key_F1)
    assert ["F4", "现金付款"] in shown and ["F9", "新订单"] in shown
    assert [
        "回车",
        "确认：对话框的主按钮（现金对话框中即收款）、当前按钮，或查找所输入的会员；无焦点时：现金付款",
    ] in shown


def test_enter_with_nothing_focused_pays_cash_and_does_nothing_on_an_empty_order(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = shown_window(qtbot, make_app("en"))
    opened: list[str] = []
    on_next_modal(lambda dialog: opened.append(dialog.objectName()))
    focused().clearFocus()
    assert QApplication.focusWidget() is None
    qtbot.keyClick(window, Qt.Key.Key_Return)  # nothing on the order: no payment to take
    settle(window)
    assert opened == []
    click(qtbot, window, "item_HOT-01")
    if QApplication.focusWidget() is not None:
        focused().clearFocus()
    qtbot.keyClick(window, Qt.Key.Key_Return)
    settle(window)
    assert opened == ["cashPaymentDialog"]
    assert len(order_rows(window)) == 1  # the dialog closed without paying
