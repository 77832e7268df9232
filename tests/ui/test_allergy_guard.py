"""The allergy guard on the real till: a dish with an allergen the member on the order is
allergic to is flagged in red, kept only when the cashier says the guest knows, and its
receipt line carries the allergy (zh and en)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.domain.menu import Allergen
from app.menu_admin.service import ItemDetails
from tests.ui.conftest import click, on_next_modal, open_cashier, pay_exact_cash, settle
from ui.app import TillApp
from ui.cashier.allergy_guard import FLAG_BACKGROUND
from ui.cashier.slip_view import SlipView
from ui.cashier.window import CashierWindow

SCREENS = Path("/work/notes/screens")


def give_allergens(till_app: TillApp, code: str, allergens: frozenset[Allergen]) -> None:
    till = till_app.till
    assert till is not None
    manager = till.auth.log_in("manager", "9999")
    item = next(i for i in till.menu_admin.listed(manager).items if i.code == code)
    details = ItemDetails(item.category_id, item.name_zh, item.name_en, item.unit_price, allergens)
    till.menu_admin.edit_item(manager, item.item_id, details)


def flagged_rows(window: CashierWindow) -> list[str]:
    table = window.order_panel.table
    return [
        table.item(row, 0).text()
        for row in range(table.rowCount())
        if table.item(row, 0).background().color() == QColor(FLAG_BACKGROUND)
    ]


def answer(qtbot: QtBot, button: str, seen: list[str]) -> Callable[[QWidget], None]:
    def press(box: QWidget) -> None:
        assert box.objectName() == "allergyGuard"
        seen.append(box.findChild(QLabel, "qt_msgbox_label").text())
        click(qtbot, box, button)

    return press


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_allergic_member_and_a_dish_with_their_allergen_are_caught_both_ways(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    till_app = make_app(language)
    give_allergens(till_app, "HOT-01", frozenset({Allergen.PEANUT, Allergen.SOY}))
    give_allergens(till_app, "HOT-02", frozenset({Allergen.PEANUT}))
    give_allergens(till_app, "HOT-03", frozenset({Allergen.SHELLFISH}))  # not hers
    window = open_cashier(qtbot, till_app)
    en = language == "en"

    click(qtbot, window, "item_HOT-01")  # a guest so far: nothing to ask
    click(qtbot, window, "item_HOT-03")
    assert flagged_rows(window) == []

    seen: list[str] = []
    on_next_modal(answer(qtbot, "allergyKeep", seen))
    window.identify("13800138000")  # 张伟: 花生过敏, attached after the dish is on
    settle(window)
    assert len(seen) == 1
    assert ("Peanut" if en else "花生") in seen[0] and "花生过敏" in seen[0]
    kung_pao = "Kung Pao Chicken" if en else "宫保鸡丁"
    assert flagged_rows(window) == [f"⚠ {kung_pao}"]

    click(qtbot, window, "item_HOT-01")  # acknowledged for her: not asked again
    assert len(seen) == 1
    assert [(line.item.code, line.quantity) for line in window.presenter.draft.lines()] == [
        ("HOT-01", 2),
        ("HOT-03", 1),
    ]
    SCREENS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    window.grab().save(str(SCREENS / f"counter-allergy-flag-{language}.png"))

    def shoot_then_take_off(box: QWidget) -> None:
        box.grab().save(str(SCREENS / f"counter-allergy-dialog-{language}.png"))
        answer(qtbot, "allergyTakeOff", seen)(box)

    on_next_modal(shoot_then_take_off)
    click(qtbot, window, "item_HOT-02")  # added for an allergic member: asked at once
    assert len(seen) == 2
    assert [line.item.code for line in window.presenter.draft.lines()] == ["HOT-01", "HOT-03"]

    pay_exact_cash(qtbot, window)
    preview = window.findChild(SlipView)
    assert preview is not None
    note = "ALLERGY: contains peanut, member" if en else "过敏提醒：含花生，会员过敏"
    qtbot.waitUntil(lambda: note in preview.toPlainText(), timeout=5000)
    text = preview.toPlainText()
    assert text.count(note[:5]) == 1  # only the dish with her allergen, not soy: not hers
    assert text.index(kung_pao) < text.index(note)

    click(qtbot, window, "item_HOT-01")  # the next order: a guest again, nothing asked
    assert flagged_rows(window) == [] and len(seen) == 2


def test_a_new_order_for_the_same_member_asks_again_and_each_dish_kept_is_audited(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")
    give_allergens(till_app, "HOT-01", frozenset({Allergen.PEANUT}))
    window = open_cashier(qtbot, till_app)
    window.identify("13800138000")
    settle(window)
    seen: list[str] = []
    on_next_modal(answer(qtbot, "allergyKeep", seen))
    click(qtbot, window, "item_HOT-01")
    on_next_modal(lambda box: click(qtbot, box, "discardYes"))
    click(qtbot, window, "newOrderButton")
    settle(window)  # the void and the next menu come back off the GUI thread
    window.identify("13800138000")
    settle(window)
    on_next_modal(answer(qtbot, "allergyTakeOff", seen))
    click(qtbot, window, "item_HOT-01")
    assert len(seen) == 2 and window.presenter.draft.is_empty()
    assert not replace(window.presenter.draft).lines()
    with sqlite3.connect(tmp_path / "till.db") as connection:
        audited = connection.execute(
            "SELECT subject, detail FROM audit_events WHERE action = 'allergy_acknowledged'"
        ).fetchall()
    assert len(audited) == 1  # the dish kept, not the one taken off
    subject, detail = audited[0]
    assert subject == "M0000001"
    assert json.loads(detail) == {
        "item": "HOT-01",
        "allergens": ["peanut"],
        "allergies": "花生过敏 Peanut allergy",
    }
