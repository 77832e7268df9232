"""The amounts a cashier enters at the counter are tapped on a keypad, through the real
dialogs: a stored-value top-up, a points and a stored-value correction (Take away, then the
manager's PIN on its own keypad), the units of a line to refund and a manual discount. Every
key is a touch target on the smallest screen, and the keyboard still types the same fields.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    save_screenshot,
    settle,
)
from tests.ui.test_loyalty_at_till import find_member, label, rows
from tests.ui.test_till_fits import SCREENS, problems
from ui.app import TillApp

SMALLEST = QRect(0, 0, *SCREENS[0])


def tap(qtbot: QtBot, dialog: QWidget, prefix: str, keys: str) -> None:
    """Tap ``keys`` on the keypad named ``prefix`` ("." is the point, "<" backspace)."""
    names = {".": "Point", "<": "Backspace", "C": "Clear"}
    for key in keys:
        click(qtbot, dialog, f"{prefix}{names[key]}" if key in names else f"{prefix}Key{key}")


def approve_on_keypad(qtbot: QtBot, found: list[str]) -> None:
    """The manager's PIN tapped on the approval dialog's keypad, when it opens."""

    def approve(dialog: QWidget) -> None:
        found.extend(problems(dialog, SMALLEST, ("approverPinKey9", "approveButton")))
        save_screenshot(dialog, "keypad-approval-en")
        tap(qtbot, dialog, "approverPin", "9999")
        click(qtbot, dialog, "approveButton")

    on_next_modal(approve)


def test_a_top_up_is_tapped_on_the_keypad_and_shows_its_bonus(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    find_member(qtbot, window, "13800138000")  # 张伟, Gold
    found: list[str] = []
    bonuses: list[str] = []

    def five_hundred(dialog: QWidget) -> None:
        found.extend(problems(dialog, SMALLEST, ("topUpKey5", "topUpPoint", "confirmTopUpButton")))
        tap(qtbot, dialog, "topUp", "49")
        bonuses.append(label(dialog, "topUpBonusLabel"))  # under ¥500: no bonus
        tap(qtbot, dialog, "topUp", "<<500.")
        bonuses.append(label(dialog, "topUpBonusLabel"))
        save_screenshot(dialog, "keypad-top-up-en")
        click(qtbot, dialog, "confirmTopUpButton")

    on_next_modal(five_hundred)
    click(qtbot, window, "topUpButton")
    assert not found, "\n".join(found)
    assert bonuses == ["¥0.00", "¥30.00"]
    assert rows(window)[-1][:3] == ["Stored-value top-up", "1", "¥500.00"]


def test_the_top_up_field_still_takes_the_keyboard_and_refuses_letters(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    find_member(qtbot, window, "13800138000")
    typed: list[str] = []

    def keyboard(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit, "topUpAmountEdit")
        qtbot.keyClicks(edit, "1x000")
        typed.append(edit.text())
        qtbot.keyClick(edit, "\r")  # Enter adds it, as the main button does

    on_next_modal(keyboard)
    click(qtbot, window, "topUpButton")
    assert typed == ["1000"]
    assert rows(window)[-1][2:4] == ["¥1,000.00", "+¥100.00 bonus"]


def test_points_are_taken_away_on_the_keypad_with_the_managers_pin_tapped(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    find_member(qtbot, window, "13800138000")
    assert label(window, "memberPoints") == "1,280"
    found: list[str] = []
    typed: list[str] = []

    def take_200(dialog: QWidget) -> None:
        keys = ("adjustKey1", "adjustTakeButton", "adjustAddButton", "confirmAdjustButton")
        found.extend(problems(dialog, SMALLEST, keys))
        tap(qtbot, dialog, "adjust", "200")
        click(qtbot, dialog, "adjustTakeButton")
        edit = dialog.findChild(QLineEdit, "adjustAmountEdit")
        typed.append(edit.text())
        point = dialog.findChild(QPushButton, "adjustPoint")
        typed.append("point off" if not point.isEnabled() else "point on")  # points are whole
        dialog.findChild(QLineEdit, "adjustNoteEdit").setText("counted twice on T1-0042")
        save_screenshot(dialog, "keypad-adjust-en")
        approve_on_keypad(qtbot, found)
        click(qtbot, dialog, "confirmAdjustButton")

    on_next_modal(take_200)
    click(qtbot, window, "adjustButton")
    settle(window)  # the member is read again off the GUI thread
    assert typed == ["-200", "point off"]
    assert not found, "\n".join(found)
    assert label(window, "memberPoints") == "1,080"


def test_stored_value_is_added_in_yuan_and_fen_on_the_keypad(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    find_member(qtbot, window, "13800138000")  # ¥500 stored value
    signs: list[bool] = []

    def add_12_50(dialog: QWidget) -> None:
        kind = dialog.findChild(QWidget, "adjustKindCombo")
        kind.setCurrentIndex(kind.findData("principal"))  # type: ignore[attr-defined]
        edit = dialog.findChild(QLineEdit, "adjustAmountEdit")
        qtbot.keyClicks(edit, "-")  # typed on the keyboard: Take away lights up
        signs.append(dialog.findChild(QWidget, "adjustTakeButton").isChecked())  # type: ignore[attr-defined]
        click(qtbot, dialog, "adjustAddButton")  # and Add turns the sign back
        tap(qtbot, dialog, "adjust", "12.5")
        signs.append(edit.text() == "12.5")
        dialog.findChild(QLineEdit, "adjustNoteEdit").setText("top-up keyed short")
        approve_on_keypad(qtbot, [])
        click(qtbot, dialog, "confirmAdjustButton")

    on_next_modal(add_12_50)
    click(qtbot, window, "adjustButton")
    settle(window)  # the member is read again off the GUI thread
    assert signs == [True, True]
    assert label(window, "memberStoredValue") == "¥512.50"


def test_the_units_to_refund_are_tapped_on_the_refund_keypad(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    for _ in range(3):
        click(qtbot, window, "item_HOT-01")  # ¥38 each
    pay_exact_cash(qtbot, window)
    found: list[str] = []
    previews: list[str] = []

    def refund_one(dialog: QWidget) -> None:
        dialog.findChild(QTableWidget, "recentOrdersTable").selectRow(0)
        settle(dialog)
        units = dialog.findChild(QSpinBox, "refundUnits1")
        found.extend(problems(dialog, SMALLEST, ("refundKey1", "refundUnits1")))
        tap(qtbot, dialog, "refund", "1")  # the line's 3 are selected: replaced
        settle(dialog)
        previews.append(f"{units.value()} {label(dialog, 'refundPreview')}")
        save_screenshot(dialog, "keypad-refund-en")
        approve_on_keypad(qtbot, found)
        click(qtbot, dialog, "confirmRefundButton")

    on_next_modal(refund_one)
    click(qtbot, window, "refundButton")
    settle(window)  # the member is read again off the GUI thread
    assert not found, "\n".join(found)
    assert previews[0].startswith("1 ") and "Give back ¥38.00." in previews[0]
    assert label(window, "orderStatus") == "Order T1-20261122-0001 refunded: give back ¥38.00."


@pytest.mark.parametrize(("kind", "keys", "takes"), [(0, "15", "¥5.70"), (1, "8.5", "¥8.50")])
def test_a_manual_discount_is_tapped_on_the_keypad(
    qtbot: QtBot, make_app: Callable[[str], TillApp], kind: int, keys: str, takes: str
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    click(qtbot, window, "item_HOT-01")  # ¥38
    previews: list[str] = []
    found: list[str] = []

    def discount(dialog: QWidget) -> None:
        found.extend(problems(dialog, SMALLEST, ("manualDiscountKey1", "manualDiscountPoint")))
        dialog.findChild(QWidget, "manualDiscountKind").setCurrentIndex(kind)  # type: ignore[attr-defined]
        tap(qtbot, dialog, "manualDiscount", keys)
        previews.append(dialog.findChild(QLabel, "manualDiscountPreview").text())
        save_screenshot(dialog, f"keypad-discount-{kind}-en")
        dialog.reject()

    on_next_modal(discount)
    click(qtbot, window, "manualDiscountButton")
    assert not found, "\n".join(found)
    assert previews == [f"Takes {takes} off."]
