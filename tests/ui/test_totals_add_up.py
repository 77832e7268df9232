"""The totals on the cashier screen add up: subtotal − discounts − points + each fee on a
row of its own (renewal, upgrade, top-up) = To pay, over several real orders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.domain.money import parse_money
from tests.ui.conftest import click, on_next_modal, open_cashier, settle
from ui.app import TillApp
from ui.cashier.window import CashierWindow


def amount(window: CashierWindow, name: str) -> int:
    label = window.findChild(QLabel, name)
    assert label is not None, name
    text = label.text().split(" (")[0].replace("+", "")
    negative = text.startswith("-")
    value = parse_money(text.lstrip("-"))
    return -value if negative else value


def shown_fees(window: CashierWindow) -> dict[str, int]:
    fees = window.order_panel.fee_rows.labels
    return {name: amount(window, name) for name, label in fees.items() if label.text()}


def check_sum(window: CashierWindow) -> dict[str, int]:
    fees = shown_fees(window)
    parts = (
        amount(window, "subtotalLabel")
        + amount(window, "discountLabel")
        + amount(window, "pointsRedeemedLabel")
        + sum(fees.values())
    )
    assert parts == amount(window, "totalLabel") == window.presenter.bill().due
    return fees


def test_the_totals_add_up_with_discounts_points_renewal_upgrade_and_top_up(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    presenter = window.presenter
    seen: set[str] = set()

    def ring(*codes: str) -> None:
        for code in codes:
            if code.split("-")[0] != "HOT":
                click(qtbot, window, f"category_{code.split('-')[0]}")
            click(qtbot, window, f"item_{code}")
        click(qtbot, window, "category_HOT")

    def next_order() -> None:
        on_next_modal(lambda box: click(qtbot, box, "discardYes"))
        click(qtbot, window, "newOrderButton")
        settle(window)  # the void and the next menu come back off the GUI thread
        assert presenter.draft.is_empty()

    ring("HOT-01", "HOT-02")  # a guest
    assert check_sum(window) == {} and amount(window, "discountLabel") == 0

    next_order()
    ring("HOT-01", "HOT-03", "DRINK-04")
    window.identify("13800138000")  # 张伟, Gold: tier discount, points, an upgrade offer
    settle(window)
    assert amount(window, "discountLabel") < 0
    presenter.toggle_upgrade()
    presenter.set_redeem_points(True)
    presenter.set_top_up(50_000)
    window.refresh()
    seen |= check_sum(window).keys()
    assert amount(window, "pointsRedeemedLabel") < 0

    next_order()
    ring("HOT-02")
    window.identify("13698765432")  # 李娜, Silver lapsed 20 days ago: a renewal offer
    settle(window)
    presenter.toggle_renewal()
    window.refresh()
    seen |= check_sum(window).keys()

    presenter.toggle_renewal()  # off again: its row goes
    window.refresh()
    assert "renewalFeeLabel" not in check_sum(window)

    next_order()
    ring("HOT-01")
    window.identify("13912345678")  # Emily Chen, Platinum: a top-up only
    settle(window)
    presenter.set_top_up(100_000)
    window.refresh()
    seen |= check_sum(window).keys()

    assert seen == {"renewalFeeLabel", "upgradeFeeLabel", "topUpFeeLabel"}
