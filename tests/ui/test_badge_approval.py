"""A manager approves at the till by swiping their badge: the swipe comes through the
till's card reader and reaches whichever open dialog takes card reads."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.demo import DEMO_MANAGER_BADGE
from app.domain.staff import Permission
from app.errors import BadgeProblem, BadgeRefused, LoginRefusal, LoginRefused, TillError
from app.ports import SimulatesSwipes
from db.models import AuditEventRow, RefundRow
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    save_screenshot,
    settle,
)
from ui.app import TillApp
from ui.cashier.window import CashierWindow
from ui.errors import describe_error

MANAGER_SWIPE = f"\x02;{DEMO_MANAGER_BADGE}=2812?\r\n"  # a reader's framing and track 2
CASHIER_BADGE = ";6600000000001111=2812?"


def label(parent: QWidget, name: str) -> str:
    widget = parent.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def swipe(window: CashierWindow, data: str) -> None:
    """What the card reader sends, delivered as every read reaches the window."""
    reader = window.card_reader
    assert isinstance(reader, SimulatesSwipes)
    reader.simulate_swipe(data)
    settle(window)


def approvals(till: Till) -> list[tuple[str, dict[str, str]]]:
    assert till._engine is not None
    query = (
        select(AuditEventRow.action, AuditEventRow.detail)
        .where(AuditEventRow.action.in_(("approval", "approval_refused")))
        .order_by(AuditEventRow.id)
    )
    with Session(till._engine) as session:
        return [(action, json.loads(detail)) for action, detail in session.execute(query)]


def sell_one_dish(qtbot: QtBot, window: CashierWindow) -> None:
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, "13800138000")
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: "paid" in label(window, "orderStatus"))


def register_badge(qtbot: QtBot, window: CashierWindow, pin: str, data: str) -> list[str]:
    """Register a badge in "My badge…" as a staff member does; what the dialog said."""
    said: list[str] = []

    def register(dialog: QWidget) -> None:
        said.append(label(dialog, "badgeStatus"))
        swipe(window, data)  # before the PIN: nothing happens yet
        said.append(label(dialog, "badgeError"))
        dialog.findChild(QLineEdit, "badgePinEdit").setText(pin)
        swipe(window, data)
        said.append(label(dialog, "badgeStatus"))
        save_screenshot(dialog, "my-badge-en")
        dialog.reject()

    on_next_modal(register)
    click(qtbot, window, "myBadgeButton")
    return said


def test_a_refund_is_approved_by_a_swipe_of_the_managers_badge(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    till = till_app.till
    assert till is not None
    sell_one_dish(qtbot, window)
    said = register_badge(qtbot, window, "1111", CASHIER_BADGE)
    assert said == [
        "You have no badge registered.",
        "Type your PIN first, then swipe your badge.",
        "Badge registered: it ends in 1111.",
    ]
    refusals: list[str] = []

    def approve(dialog: QWidget) -> None:
        assert label(dialog, "approvalSwipeHint") == "…or swipe a manager's card"
        swipe(window, ";6600000000004321=2812?")  # nobody's badge
        settle(dialog)  # the approval is tried off the GUI thread
        refusals.append(label(dialog, "approvalError"))
        swipe(window, CASHIER_BADGE)  # the cashier's own badge may not approve a refund
        settle(dialog)
        refusals.append(label(dialog, "approvalError"))
        save_screenshot(dialog, "approval-badge-refused-en")
        swipe(window, MANAGER_SWIPE)

    def refund(dialog: QWidget) -> None:
        dialog.findChild(QTableWidget, "recentOrdersTable").selectRow(0)
        settle(dialog)
        on_next_modal(approve)
        click(qtbot, dialog, "confirmRefundButton")

    on_next_modal(refund)
    click(qtbot, window, "refundButton")
    assert refusals == [
        "This card is not a registered staff badge. (unknown badge)",
        "The holder of this badge may not approve this. (refund or void orders)",
    ]
    assert label(window, "orderStatus") == "Order T1-20261122-0001 refunded: give back ¥34.20."
    manager = next(s for s in till.auth.staff_on_duty() if s.username == "manager")
    assert till._engine is not None
    with Session(till._engine) as session:
        assert session.scalars(select(RefundRow.approver_id)).one() == manager.staff_id
    assert [(action, detail["by"]) for action, detail in approvals(till)] == [
        ("approval_refused", "badge"),
        ("approval_refused", "badge"),
        ("approval", "badge"),
    ]
    # With no dialog open, a swipe identifies a member again.
    click(qtbot, window, "clearMemberButton")
    swipe(window, ";8800000000000001=2712?")
    qtbot.waitUntil(lambda: label(window, "memberName") == "张伟")


def test_a_no_sale_is_approved_by_the_simulated_badge_swipe_of_the_demo(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)

    def send_suggested(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit, "swipeDataEdit")
        assert edit.text() == DEMO_MANAGER_BADGE
        click(qtbot, dialog, "swipeButton")

    def approve(dialog: QWidget) -> None:
        on_next_modal(send_suggested)
        click(qtbot, dialog, "simulateBadgeButton")

    on_next_modal(approve)
    click(qtbot, window, "noSaleButton")  # the approval dialog opens; the kick is queued later
    qtbot.waitUntil(
        lambda: label(window, "orderStatus") == "Cash drawer opened (no sale).", timeout=20_000
    )


def test_a_manager_removes_a_lost_badge_and_it_no_longer_approves(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    assert till_app.login is not None
    till_app.login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    said: list[str] = []

    def remove(dialog: QWidget) -> None:
        said.append(label(dialog, "badgeStatus"))
        remove_button = dialog.findChild(QPushButton, "removeBadgeButton")
        dialog.findChild(QLineEdit, "badgePinEdit").setText("1234")
        remove_button.click()
        settle(dialog)  # the badge is changed off the GUI thread
        said.append(label(dialog, "badgeError"))
        dialog.findChild(QLineEdit, "badgePinEdit").setText("9999")
        remove_button.click()
        settle(dialog)
        said.append(label(dialog, "badgeStatus"))
        assert not remove_button.isEnabled()
        dialog.reject()

    on_next_modal(remove)
    click(qtbot, window, "myBadgeButton")
    assert said == [
        "Your badge ends in 9999.",
        "Wrong PIN, or the account is locked.",
        "Badge removed: it no longer approves anything.",
    ]
    assert till_app.till is not None
    with pytest.raises(LoginRefused):
        till_app.till.auth.approve_by_badge(MANAGER_SWIPE, Permission.OPEN_DRAWER)


def test_each_badge_refusal_has_its_own_headline() -> None:
    errors: list[TillError] = [
        LoginRefused(reason)
        for reason in (
            LoginRefusal.UNREADABLE_BADGE,
            LoginRefusal.UNKNOWN_BADGE,
            LoginRefusal.INACTIVE,
            LoginRefusal.LOCKED,
        )
    ]
    errors += [
        BadgeRefused(problem) for problem in BadgeProblem if problem is not BadgeProblem.UNREADABLE
    ]
    headlines = [describe_error(error).partition(" (")[0] for error in errors]
    assert len(set(headlines)) == len(headlines)
    assert not {"Sign-in refused.", "The till refused this action."} & set(headlines)
