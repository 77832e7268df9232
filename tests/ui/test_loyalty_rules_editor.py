"""The manager's loyalty programme editor, driven through its widgets: a tier's discount,
a new top-up bonus and a new renewal offer reach the table and the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.bootstrap import prepare_database
from app.domain.loyalty_admin import OfferSpec, TopUpRuleSpec
from app.domain.money import CNY
from app.domain.renewal import OfferKind
from app.domain.staff import StaffMember
from app.services.auth import AuthService
from app.services.loyalty_admin import LoyaltyAdminService
from app.services.member_outlook import LoyaltyService
from db.engine import session_factory
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.ui.conftest import click as press
from tests.ui.conftest import on_next_modal, open_cashier, save_screenshot, settle
from tests.ui.test_loyalty_at_till import find_member, label
from ui.app import TillApp
from ui.manager.loyalty_rules_dialog import LoyaltyRulesDialog


@dataclass
class Programme:
    admin: LoyaltyAdminService
    loyalty: LoyaltyService
    auth: AuthService


@pytest.fixture
def programme(
    tmp_path: Path, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[Programme]:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))  # the demo a till seeds
    engine = prepare_database(url, DEMO_MEMBERS, clock.now().date())
    sessions = session_factory(engine)
    yield Programme(
        LoyaltyAdminService(partial(SqlUnitOfWork, sessions), clock, "T1"),
        LoyaltyService(partial(SqlUnitOfWork, sessions)),
        AuthService(partial(SqlUnitOfWork, sessions), clock, "T1"),
    )
    engine.dispose()


def open_editor(qtbot: QtBot, programme: Programme, staff: StaffMember) -> LoyaltyRulesDialog:
    dialog = LoyaltyRulesDialog(programme.admin, staff, CNY, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)  # the rules are read off the GUI thread
    return dialog


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    """Press ``name``, then wait for what the editor reads and saves off the GUI thread."""
    press(qtbot, parent, name)
    settle(parent)


def table_rows(dialog: QWidget, name: str) -> list[list[str]]:
    table = dialog.findChild(QTableWidget, name)
    assert table is not None, name
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def select_row(dialog: QWidget, name: str, text: str, column: int = 0) -> None:
    """Select the row of table ``name`` whose cell in ``column`` reads ``text``."""
    table = dialog.findChild(QTableWidget, name)
    cells = [table.item(r, column).text() for r in range(table.rowCount())]
    table.selectRow(cells.index(text))


def fill(qtbot: QtBot, form: QWidget, name: str, text: str) -> None:
    """Replace a field's text: typed key by key when ASCII (key clicks of CJK abort Qt)."""
    edit = form.findChild(QLineEdit, name)
    assert edit is not None, name
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.setText(text)


def error_of(form: QWidget, name: str) -> str:
    label = form.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_a_manager_changes_golds_discount_and_sees_the_table_and_database_follow(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    changed: list[bool] = []
    dialog.rules_changed.connect(lambda: changed.append(True))
    gold = table_rows(dialog, "tiersTable")[1]
    assert gold[:7] == ["2", "GOLD", "Gold", "10% off · 9折", "1.5×", "¥199.00", "¥3,000.00"]
    assert gold[7] == "Drinks"
    assert not dialog.findChild(QWidget, "editTierButton").isEnabled()
    save_screenshot(dialog, "loyalty-rules-tiers-en")
    seen: dict[str, str] = {}

    def edit_gold(form: QWidget) -> None:
        assert form.findChild(QLineEdit, "tierDiscountEdit").text() == "10"
        fill(qtbot, form, "tierDiscountEdit", "150")
        click(qtbot, form, "saveTierButton")  # refused: the form stays open with the reason
        seen["refused"] = error_of(form, "tierFormError")
        fill(qtbot, form, "tierDiscountEdit", "12.5")
        seen["hint"] = error_of(form, "tierDiscountHint")
        fill(qtbot, form, "tierFeeEdit", "299.5")
        click(qtbot, form, "saveTierButton")

    select_row(dialog, "tiersTable", "GOLD", column=1)
    on_next_modal(edit_gold)
    click(qtbot, dialog, "editTierButton")

    assert "the discount is from 0% to 100%" in seen["refused"]
    assert seen["hint"] == "12.5% off · 8.75折"
    assert table_rows(dialog, "tiersTable")[1][3:6] == ["12.5% off · 8.75折", "1.5×", "¥299.50"]
    saved = next(t for t in programme.admin.tiers() if t.code == "GOLD")
    assert (saved.discount_bp, saved.annual_fee) == (1250, 29_950)
    assert next(t for t in programme.loyalty.tiers() if t.code == "GOLD").discount_bp == 1250
    assert changed == [True]


def test_a_manager_adds_and_deactivates_a_top_up_bonus(qtbot: QtBot, programme: Programme) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(2)
    assert table_rows(dialog, "topUpTable")[0] == ["¥500.00", "¥30.00", "Yes"]

    def add_rule(form: QWidget) -> None:
        qtbot.keyClicks(form.findChild(QLineEdit, "topUpMinimumEdit"), "300")
        qtbot.keyClicks(form.findChild(QLineEdit, "topUpBonusEdit"), "15.50")
        click(qtbot, form, "saveTopUpButton")

    on_next_modal(add_rule)
    click(qtbot, dialog, "addTopUpButton")
    assert table_rows(dialog, "topUpTable")[0] == ["¥300.00", "¥15.50", "Yes"]
    assert TopUpRuleSpec(30_000, 1_550, True) in [
        TopUpRuleSpec(r.minimum, r.bonus, r.active) for r in programme.admin.top_up_rules()
    ]
    assert programme.loyalty.rules().top_up_rules[0].minimum == 30_000

    assert dialog.findChild(QWidget, "deactivateTopUpButton").isEnabled()  # the new row
    click(qtbot, dialog, "deactivateTopUpButton")
    assert table_rows(dialog, "topUpTable")[0] == ["¥300.00", "¥15.50", "No"]
    assert not dialog.findChild(QWidget, "deactivateTopUpButton").isEnabled()
    assert programme.loyalty.rules().top_up_rules[0].minimum == 50_000


def test_a_manager_adds_a_dated_renewal_offer(qtbot: QtBot, programme: Programme) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(1)
    assert table_rows(dialog, "offersTable")[0] == [
        "EARLY-90",
        "Early renewal",
        "¥99.00",
        "90 days",
        "—",
        "—",
        "—",
        "Yes",
    ]

    def add_offer(form: QWidget) -> None:
        kinds = form.findChild(QComboBox, "offerKindCombo")
        kinds.setCurrentIndex(kinds.findData(OfferKind.GRACE.value))
        qtbot.keyClicks(form.findChild(QLineEdit, "offerCodeEdit"), "grace-7")
        fill(qtbot, form, "offerFeeEdit", "59")
        form.findChild(QSpinBox, "offerWindowSpin").setValue(7)
        form.findChild(QCheckBox, "offerValidUntilCheck").setChecked(True)
        form.findChild(QDateEdit, "offerValidUntilEdit").setDate(QDate(2027, 1, 31))
        click(qtbot, form, "saveOfferButton")

    on_next_modal(add_offer)
    click(qtbot, dialog, "addOfferButton")
    assert table_rows(dialog, "offersTable")[-1] == [
        "GRACE-7",
        "Grace renewal",
        "¥59.00",
        "7 days",
        "—",
        "—",
        "2027-01-31",
        "Yes",
    ]
    added = programme.admin.offers()[-1]
    assert added == OfferSpec(
        "GRACE-7",
        OfferKind.GRACE,
        fee=5_900,
        window_days=7,
        valid_until=added.valid_until,
        offer_id=added.offer_id,
    )
    assert str(added.valid_until) == "2027-01-31"


def test_a_cashier_sees_the_rules_but_the_service_refuses_a_change(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("wangfang", "1111"))
    seen: list[str] = []

    def try_edit(form: QWidget) -> None:
        fill(qtbot, form, "tierDiscountEdit", "50")
        click(qtbot, form, "saveTierButton")
        seen.append(error_of(form, "tierFormError"))

    select_row(dialog, "tiersTable", "GOLD", column=1)
    on_next_modal(try_edit)
    click(qtbot, dialog, "editTierButton")
    assert seen == ["Your role may not edit the loyalty rules."]
    assert next(t for t in programme.admin.tiers() if t.code == "GOLD").discount_bp == 1000


def test_a_tier_added_by_mistake_is_deleted_but_one_that_members_hold_is_not(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))

    def add_tier(form: QWidget) -> None:
        fill(qtbot, form, "tierCodeEdit", "diamond")
        form.findChild(QSpinBox, "tierRankSpin").setValue(4)
        fill(qtbot, form, "tierNameZhEdit", "钻石会员")
        fill(qtbot, form, "tierNameEnEdit", "Diamond")
        fill(qtbot, form, "tierDiscountEdit", "20")
        fill(qtbot, form, "tierMultiplierEdit", "3")
        categories = form.findChild(QListWidget, "tierExcludedList")
        drinks = categories.findItems("Drinks", Qt.MatchFlag.MatchExactly)[0]
        drinks.setCheckState(Qt.CheckState.Checked)
        click(qtbot, form, "saveTierButton")

    on_next_modal(add_tier)
    click(qtbot, dialog, "addTierButton")
    diamond = table_rows(dialog, "tiersTable")[-1]
    assert diamond[:5] == ["4", "DIAMOND", "Diamond", "20% off · 8折", "3×"]
    assert diamond[7] == "Drinks"

    asked: list[str] = []

    def answer_yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    on_next_modal(answer_yes)
    click(qtbot, dialog, "deleteTierButton")  # the new row is still selected
    assert [row[1] for row in table_rows(dialog, "tiersTable")] == ["SILVER", "GOLD", "PLATINUM"]

    select_row(dialog, "tiersTable", "GOLD", column=1)
    on_next_modal(answer_yes)
    click(qtbot, dialog, "deleteTierButton")
    assert "hold the tier GOLD" in error_of(dialog, "loyaltyRulesMessage")
    assert asked == [
        "Delete the tier DIAMOND? This cannot be undone.",
        "Delete the tier GOLD? This cannot be undone.",
    ]
    assert len(programme.admin.tiers()) == 3


def test_a_manager_edits_a_tier_from_the_till_and_the_open_order_is_priced_anew(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    cashier_app = make_app("en")
    cashier_window = open_cashier(qtbot, cashier_app)
    assert cashier_window.findChild(QWidget, "loyaltyRulesButton") is None
    cashier_window.close()

    till_app = make_app("en")
    assert till_app.login is not None
    till_app.login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    click(qtbot, window, "item_HOT-01")  # ¥38
    find_member(qtbot, window, "13800138000")  # 张伟, Gold 10% off
    assert label(window, "totalLabel") == "¥34.20"

    def edit_gold(dialog: QWidget) -> None:
        def form(tier_form: QWidget) -> None:
            fill(qtbot, tier_form, "tierDiscountEdit", "20")
            click(qtbot, tier_form, "saveTierButton")

        select_row(dialog, "tiersTable", "GOLD", column=1)
        on_next_modal(form)
        click(qtbot, dialog, "editTierButton")
        click(qtbot, dialog, "closeRulesButton")

    on_next_modal(edit_gold)
    click(qtbot, window, "loyaltyRulesButton")
    settle(window)  # the rules are read again off the GUI thread
    assert label(window, "totalLabel") == "¥30.40"
