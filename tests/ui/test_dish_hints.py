"""The member panel's usual dishes and pairing suggestion, from orders the real checkout
took, in the real window; never for a member who declined automated decisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.draft import OrderDraft
from db.models import MemberRow
from tests.integration.test_loyalty import order_for
from tests.integration.test_refund_extras import pay
from tests.ui.conftest import click, open_cashier, save_screenshot, settle
from ui.app import TillApp
from ui.cashier.window import CashierWindow

ZHANG_WEI, LI_NA = "13800138000", "13698765432"


def guest(till: Till, *codes: str) -> OrderDraft:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    return draft


def sell_history(till: Till) -> None:
    """Kung Pao Chicken goes with the plum drink (20 of its 22 orders, lift 1.45); 张伟
    had it twice with rice."""
    for _ in range(20):
        pay(till, guest(till, "HOT-01", "DRINK-01"))
    for _ in range(10):
        pay(till, guest(till, "HOT-02"))
    for _ in range(2):
        pay(till, order_for(till, ZHANG_WEI, "HOT-01", "STAPLE-01"))
        pay(till, order_for(till, LI_NA, "HOT-01", "STAPLE-01"))


def find_member(qtbot: QtBot, window: CashierWindow, phone: str) -> None:
    search = window.findChild(QLineEdit, "memberSearch")
    search.clear()
    qtbot.keyClicks(search, phone)
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)


def label(window: CashierWindow, name: str) -> QLabel:
    found = window.findChild(QLabel, name)
    assert found is not None
    return found


def test_a_members_usual_dishes_and_one_pairing_show_and_go(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    assert till_app.till is not None
    sell_history(till_app.till)
    engine = create_engine(till_app.till.config.database_url)
    try:
        with Session(engine) as session, session.begin():  # 李娜 says no to profiling
            session.execute(
                update(MemberRow)
                .where(MemberRow.phone == LI_NA)
                .values(consent_automated=False, consent_updated_at=datetime(2026, 11, 1))
            )
    finally:
        engine.dispose()
    window = open_cashier(qtbot, till_app)
    usual, hint = label(window, "memberUsualDishes"), label(window, "memberPairingHint")

    find_member(qtbot, window, ZHANG_WEI)
    qtbot.waitUntil(lambda: usual.text() == "Kung Pao Chicken · Steamed Rice")
    assert usual.isVisible() and not hint.isVisible()  # nothing ordered yet
    click(qtbot, window, "item_HOT-01")
    qtbot.waitUntil(lambda: hint.text() == "Often ordered with it: Sour Plum Drink")
    assert hint.isVisible()
    save_screenshot(window, "dish-hints-en")
    click(qtbot, window, "category_DRINK")
    click(qtbot, window, "item_DRINK-01")  # taken: nothing more to suggest
    qtbot.waitUntil(lambda: not hint.isVisible())

    find_member(qtbot, window, LI_NA)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "memberName").text() == "李娜")
    qtbot.waitUntil(lambda: not window.dish_hints.runner.busy)
    assert usual.text() == "" and not usual.isVisible()
    assert hint.text() == "" and not hint.isVisible()
