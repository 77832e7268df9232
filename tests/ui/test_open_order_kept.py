"""The open order survives a stop: the till opens with it again, and a paid or dropped
order is gone for good."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, open_cashier, pay_exact_cash, settle
from ui.app import TillApp
from ui.cashier.window import CashierWindow


def order(window: CashierWindow) -> list[tuple[str, int]]:
    return [(line.item.code, line.quantity) for line in window.presenter.draft.lines()]


def status(window: CashierWindow) -> str:
    label = window.findChild(QLabel, "orderStatus")
    assert label is not None
    return label.text()


def ring_up_zhang(qtbot: QtBot, window: CashierWindow) -> None:
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-01")
    search = window.findChild(QLineEdit, "memberSearch")
    assert search is not None
    qtbot.keyClicks(search, "138 0013 8000")
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)
    assert window.presenter.draft.member is not None


def restart(till_app: TillApp, make_app: Callable[[str], TillApp], language: str) -> TillApp:
    """The till stops without anyone closing the order (a crash, a power cut) and starts."""
    till_app.shut_down()
    return make_app(language)


def test_an_order_open_when_the_till_stopped_comes_back_until_it_is_paid(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    first = make_app("en")
    window = open_cashier(qtbot, first)
    ring_up_zhang(qtbot, window)
    kept = json.loads((tmp_path / "open-order-T1.json").read_text())
    assert kept["lines"] and kept["member_id"] is not None and kept["paying"] is False

    second = restart(first, make_app, "en")
    window = open_cashier(qtbot, second)
    assert order(window) == [("HOT-01", 2)]
    member = window.presenter.draft.member
    assert member is not None and member.name == "张伟"
    assert status(window).startswith("The order that was open when the till stopped is back.")

    pay_exact_cash(qtbot, window)
    assert window.presenter.draft.is_empty()
    assert not (tmp_path / "open-order-T1.json").exists()
    third = restart(second, make_app, "en")
    window = open_cashier(qtbot, third)
    assert order(window) == [] and window.presenter.draft.member is None


def test_a_stop_in_the_middle_of_a_payment_is_said_on_restart(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    first = make_app("zh")
    window = open_cashier(qtbot, first)
    ring_up_zhang(qtbot, window)
    path = tmp_path / "open-order-T1.json"
    saved = json.loads(path.read_text())
    path.write_text(json.dumps({**saved, "paying": True, "lines": [*saved["lines"], [99999, 1]]}))

    second = restart(first, make_app, "zh")
    window = open_cashier(qtbot, second)
    assert order(window) == [("HOT-01", 2)]
    text = status(window)
    assert "收银台停止时未完成的订单已恢复" in text
    assert "正在付款" in text and "已下架未恢复的菜：1" in text
