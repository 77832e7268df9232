"""A manual discount through the real widgets: asked for by a cashier, approved by a
manager's PIN, explained, paid and printed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from app.domain.approvals import ReasonCode
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    save_screenshot,
    settle,
)
from tests.ui.test_loyalty_at_till import label, last_slip, rows
from ui.app import TillApp


def fill(dialog: QWidget, value: str, reason: ReasonCode, note: str) -> None:
    dialog.findChild(QLineEdit, "manualDiscountValue").setText(value)
    combo = dialog.findChild(QComboBox, "manualDiscountReason")
    combo.setCurrentIndex(combo.findData(reason))
    dialog.findChild(QLineEdit, "manualDiscountNote").setText(note)


def test_a_cashier_gives_a_line_discount_a_manager_approves_and_the_slip_shows_it(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-03")  # fish ¥88
    click(qtbot, window, "item_HOT-01")  # chicken ¥38, now selected
    window.order_panel.table.selectRow(0)  # the fish
    previews: list[str] = []
    refusals: list[str] = []

    def wrong_then_right(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("0000")
        click(qtbot, dialog, "approveButton")
        settle(dialog)  # the PIN is checked off the GUI thread
        refusals.append(dialog.findChild(QLabel, "approvalError").text())
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def ask(dialog: QWidget) -> None:
        scope = dialog.findChild(QComboBox, "manualDiscountScope")
        assert scope.currentText() == "Sichuan Boiled Fish ×1"
        fill(dialog, "8.5折", ReasonCode.GUEST_COMPLAINT, "fish came cold")
        previews.append(dialog.findChild(QLabel, "manualDiscountPreview").text())
        save_screenshot(dialog, "manual-discount-en")
        on_next_modal(wrong_then_right)
        click(qtbot, dialog, "manualDiscountApplyButton")

    on_next_modal(ask)
    click(qtbot, window, "manualDiscountButton")

    assert previews == ["Takes ¥13.20 off."]  # 15% of ¥88
    assert refusals == ["Wrong PIN, or the account is locked."]
    assert rows(window)[0][3] == "staff discount -¥13.20"
    assert label(window, "discountLabel") == "-¥13.20"
    assert label(window, "totalLabel") == "¥112.80"

    explained: list[str] = []

    def read(dialog: QWidget) -> None:
        explained.append(dialog.findChild(QTextBrowser, "whyPriceText").toPlainText())
        click(qtbot, dialog, "closeWhyButton")

    on_next_modal(read)
    click(qtbot, window, "whyPriceButton")
    assert "; staff discount −¥13.20" in explained[0]
    assert (
        "Staff discount 15% off (Guest complaint), approved by 李经理 up to ¥13.20: −¥13.20"
        in explained[0]
    )

    pay_exact_cash(qtbot, window)
    slip = last_slip(qtbot, window, "Staff discount")
    assert "-¥13.20" in slip


def test_an_order_discount_can_be_taken_off_again_without_approval(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-01")  # ¥38

    def approve(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def ask(dialog: QWidget) -> None:
        dialog.findChild(QComboBox, "manualDiscountScope").setCurrentIndex(0)  # whole order
        kind = dialog.findChild(QComboBox, "manualDiscountKind")
        kind.setCurrentIndex(1)  # amount off
        fill(dialog, "5", ReasonCode.GOODWILL, "regular guest")
        on_next_modal(approve)
        click(qtbot, dialog, "manualDiscountApplyButton")

    on_next_modal(ask)
    click(qtbot, window, "manualDiscountButton")
    assert label(window, "totalLabel") == "¥33.00"

    def remove(dialog: QWidget) -> None:
        assert (
            dialog.findChild(QLabel, "manualDiscountCurrent")
            .text()
            .startswith("Now: ¥5.00 off, approved by ")
        )
        click(qtbot, dialog, "manualDiscountRemoveButton")

    window.order_panel.table.clearSelection()
    on_next_modal(remove)
    click(qtbot, window, "manualDiscountButton")
    assert label(window, "totalLabel") == "¥38.00"
