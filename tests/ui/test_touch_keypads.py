"""The numeric keypads through the real widgets: a line's quantity typed after a tap on it,
and the cash received typed on the cash dialog's keys, then paid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, open_cashier, wait_paid
from tests.ui.test_counter_keys import order_rows
from ui.app import TillApp


def tap_quantity(qtbot: QtBot, table: QTableWidget, row: int) -> None:
    rect = table.visualItemRect(table.item(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_tap_on_the_quantity_types_a_new_one_on_the_keypad(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")  # Kung Pao Chicken, ¥38
    table = window.findChild(QTableWidget, "orderTable")

    def twelve(dialog: QWidget) -> None:
        for key in ("qtyKey1", "qtyKey2"):  # the old quantity is selected: replaced
            click(qtbot, dialog, key)
        click(qtbot, dialog, "confirmQuantityButton")

    on_next_modal(twelve)
    tap_quantity(qtbot, table, 0)
    qtbot.waitUntil(lambda: order_rows(window)[0][1] == "12")
    assert window.findChild(QLabel, "totalLabel").text() == "¥456.00"

    def none(dialog: QWidget) -> None:
        click(qtbot, dialog, "qtyClear")
        click(qtbot, dialog, "qtyKey0")
        click(qtbot, dialog, "confirmQuantityButton")

    on_next_modal(none)
    tap_quantity(qtbot, table, 0)
    qtbot.waitUntil(lambda: order_rows(window) == [])


def test_the_cash_received_is_typed_on_the_keypad_and_the_change_shown(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")
    seen: list[str] = []

    def fifty(dialog: QWidget) -> None:
        for key in ("cashKey5", "cashKey0", "cashPoint", "cashKey0", "cashBackspace"):
            click(qtbot, dialog, key)
        seen.append(dialog.findChild(QLineEdit, "tenderedEdit").text())
        seen.append(dialog.findChild(QLabel, "changeLabel").text())
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(fifty)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)
    assert seen == ["50.", "¥12.00"]
    assert "Change: ¥12.00" in window.findChild(QLabel, "orderStatus").text()
