"""The customer display promises only the discount the member really gets, and no
member's name, tier or order is left on it for the next person at the counter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, open_cashier, settle
from ui.app import TillApp
from ui.cashier.window import CashierWindow


def display(window: CashierWindow) -> list[str]:
    label = window.findChild(QLabel, "customerDisplay")
    assert label is not None
    return [line.rstrip() for line in label.text().split("\n")]


def test_a_lapsed_member_is_not_promised_their_old_tier_discount(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-02")
    window.identify("13698765432")  # 李娜: Silver, lapsed 20 days ago
    settle(window)
    assert display(window) == ["Welcome back!", "Membership ended"]
    assert window.presenter.bill().priced.discount == 0  # what the display now says

    window.identify("13800138000")  # 张伟: Gold, current
    settle(window)
    assert display(window) == ["Welcome back!", "Gold 10% off"]
    assert window.presenter.bill().priced.discount > 0


def test_the_display_clears_between_customers(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    window.identify("13800138000")
    settle(window)
    assert display(window)[1] == "Gold 10% off"
    click(qtbot, window, "clearMemberButton")  # the member is taken off an empty order
    assert display(window) == ["Welcome", ""]

    click(qtbot, window, "item_HOT-02")
    window.identify("13800138000")
    settle(window)
    click(qtbot, window, "clearMemberButton")  # off an order with lines: the guest's total
    assert display(window) == ["", "TOTAL          26.00"]

    window.identify("13800138000")
    settle(window)
    on_next_modal(lambda box: click(qtbot, box, "discardYes"))
    click(qtbot, window, "newOrderButton")
    settle(window)  # the void and the next menu come back off the GUI thread
    assert display(window) == ["Welcome", ""]

    window.identify("13800138000")
    settle(window)
    click(qtbot, window, "logoutButton")  # signing out leaves no member on show
    till = till_app.till
    assert till is not None and till.display is not None
    assert [line.rstrip() for line in till.display.lines] == ["Welcome", ""]
