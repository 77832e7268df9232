"""The manager's editor for targeted offers, holidays and stacking, driven through its
widgets: a new offer with every condition, a deactivation, a holiday and a new policy
reach the table and the rules the till prices with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.bootstrap import prepare_database
from app.domain.money import CNY
from app.domain.offers import BenefitKind, Conditions, HolidayRule, Offer, StackingPolicy
from app.domain.service_type import ServiceType
from app.services.auth import AuthService
from app.services.loyalty_admin import LoyaltyAdminService
from app.services.member_outlook import LoyaltyService
from db.engine import session_factory
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.ui.conftest import on_next_modal, save_screenshot, settle
from tests.ui.test_loyalty_rules_editor import (
    Programme,
    click,
    error_of,
    fill,
    open_editor,
    select_row,
    table_rows,
)
from ui.manager.loyalty_rules_dialog import LoyaltyRulesDialog

TARGETED_TAB, HOLIDAYS_TAB = 3, 4


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


def row_of(dialog: QWidget, code: str) -> list[str]:
    return next(row for row in table_rows(dialog, "targetedOffersTable") if row[0] == code)


def tick(form: QWidget, name: str, *texts: str) -> None:
    """Tick the entries ``texts`` of the check list ``name``."""
    choices = form.findChild(QListWidget, name)
    assert choices is not None, name
    for text in texts:
        [entry] = choices.findItems(text, Qt.MatchFlag.MatchExactly)
        entry.setCheckState(Qt.CheckState.Checked)


def check(form: QWidget, name: str, on: bool = True) -> None:
    box = form.findChild(QCheckBox, name)
    assert box is not None, name
    box.setChecked(on)


def test_the_demo_offers_read_as_what_they_give_when_and_to_whom(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    assert row_of(dialog, "AFTERNOON-TEA")[2:] == [
        "15% off · 8.5折",
        "Mon–Fri\n14:00–17:00\nnot on public holidays",
        "—",
        "Cold dishes, Drinks",
        "Members",
        "—",
        "—",
        "—",
        "No",
        "Yes",
    ]
    assert row_of(dialog, "FAMILY-4")[2:7] == [
        "¥30.00 off",
        "Any time",
        "4+ guests\ndine-in",
        "All items",
        "Members",
    ]
    assert row_of(dialog, "MEMBER-TUESDAY")[3:9] == [
        "Tue",
        "—",
        "All items",
        "Gold, Platinum",
        "—",
        "4",
    ]
    assert row_of(dialog, "CPN-BIRTHDAY")[7:] == ["¥200.00", "—", "—", "Yes", "Yes"]
    save_screenshot(dialog, "targeted-offers-en")


def test_in_chinese_the_table_names_days_categories_and_tiers_in_chinese(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = LoyaltyRulesDialog(
        programme.admin, programme.auth.log_in("manager", "9999"), CNY, "zh"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    tea = row_of(dialog, "AFTERNOON-TEA")
    assert (tea[1], tea[3].splitlines()[0], tea[5]) == (
        "工作日下午茶 饮品凉菜85折",
        "周一–周五",
        "凉菜、饮品",
    )
    assert row_of(dialog, "MEMBER-TUESDAY")[6] == "金卡会员、铂金会员"
    save_screenshot(dialog, "targeted-offers-zh")
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(HOLIDAYS_TAB)
    assert table_rows(dialog, "holidaysTable")[0][1] == "周四"

    def look(form: QWidget) -> None:
        save_screenshot(form, "targeted-offer-form-zh")

    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    select_row(dialog, "targetedOffersTable", "AFTERNOON-TEA")
    on_next_modal(look)
    click(qtbot, dialog, "editTargetedOfferButton")


def test_a_manager_adds_an_offer_with_every_condition_and_sees_it_in_the_table(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    changed: list[bool] = []
    dialog.rules_changed.connect(lambda: changed.append(True))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    seen: dict[str, str] = {}

    def add_offer(form: QWidget) -> None:
        fill(qtbot, form, "targetedCodeEdit", "late-night")
        fill(qtbot, form, "targetedNameZhEdit", "深夜食堂 87.5折")
        fill(qtbot, form, "targetedNameEnEdit", "Late night: 12.5% off")
        fill(qtbot, form, "targetedValueEdit", "12.5")
        seen["hint"] = error_of(form, "targetedValueHint")
        form.findChild(QSpinBox, "targetedPrioritySpin").setValue(7)
        fill(qtbot, form, "targetedMinSpendEdit", "20")
        form.findChild(QSpinBox, "targetedUsesSpin").setValue(3)
        check(form, "targetedValidFromCheck")
        form.findChild(QDateEdit, "targetedValidFromEdit").setDate(QDate(2026, 11, 1))
        check(form, "targetedValidUntilCheck")
        form.findChild(QDateEdit, "targetedValidUntilEdit").setDate(QDate(2027, 3, 31))
        for day in range(5):
            check(form, f"targetedWeekday{day}")
        holidays = form.findChild(QComboBox, "targetedHolidaysCombo")
        holidays.setCurrentIndex(holidays.findData(HolidayRule.NOT_ON_HOLIDAYS.value))
        check(form, "targetedStartsCheck")
        form.findChild(QTimeEdit, "targetedStartsEdit").setTime(QTime(22, 0))
        check(form, "targetedEndsCheck")
        form.findChild(QTimeEdit, "targetedEndsEdit").setTime(QTime(2, 0))
        form.findChild(QSpinBox, "targetedPartySpin").setValue(2)
        check(form, "targetedDineInCheck")
        tick(form, "targetedTiersList", "Gold", "Platinum")
        tick(form, "targetedSegmentsList", "Champions")
        fill(qtbot, form, "targetedSegmentsEdit", "night_owls")
        tick(form, "targetedCategoriesList", "Drinks")
        tick(form, "targetedItemsList", "STAPLE-01  Steamed Rice")
        check(form, "targetedCouponOnlyCheck")
        check(form, "targetedMembersOnlyCheck", on=False)
        save_screenshot(form, "targeted-offer-form-en")
        click(qtbot, form, "saveTargetedOfferButton")  # refused: the form stays open
        seen["refused"] = error_of(form, "targetedOfferFormError")
        check(form, "targetedCouponOnlyCheck", on=False)
        check(form, "targetedMembersOnlyCheck")
        click(qtbot, form, "saveTargetedOfferButton")

    on_next_modal(add_offer)
    click(qtbot, dialog, "addTargetedOfferButton")

    assert seen["hint"] == "12.5% off · 8.75折"
    assert "a coupon-only offer is for members only" in seen["refused"]
    assert row_of(dialog, "LATE-NIGHT") == [
        "LATE-NIGHT",
        "Late night: 12.5% off",
        "12.5% off · 8.75折",
        "Mon–Fri\n22:00–02:00 (next day)\nnot on public holidays",
        "2+ guests\ndine-in",
        "Drinks, Steamed Rice",
        "Gold, Platinum\nsegment Champions, night_owls",
        "¥20.00",
        "3",
        "2026-11-01 –\n2027-03-31",
        "No",
        "Yes",
    ]
    assert dialog.findChild(QTableWidget, "targetedOffersTable").selectedItems()[0].text() == (
        "LATE-NIGHT"
    )
    drinks = next(c for c in programme.admin.categories() if c.code == "DRINK")
    rice = next(i for i in programme.admin.menu_items() if i.code == "STAPLE-01")
    expected = Offer(
        "LATE-NIGHT",
        "深夜食堂 87.5折",
        "Late night: 12.5% off",
        BenefitKind.PERCENT_OFF,
        1250,
        Conditions(
            valid_from=date(2026, 11, 1),
            valid_until=date(2027, 3, 31),
            weekdays=frozenset(range(5)),
            holidays=HolidayRule.NOT_ON_HOLIDAYS,
            starts_at=time(22),
            ends_at=time(2),
            min_party_size=2,
            service_types=frozenset({ServiceType.DINE_IN}),
            categories=frozenset({drinks.category_id}),
            items=frozenset({rice.item_id}),
            tiers=frozenset({"GOLD", "PLATINUM"}),
            segments=frozenset({"champions", "night_owls"}),
            uses_per_member=3,
            min_spend=2_000,
        ),
        priority=7,
    )
    assert expected in programme.loyalty.rules().offers
    assert changed == [True]


def test_an_amount_offer_is_edited_and_another_deactivated(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    changed: list[bool] = []
    dialog.rules_changed.connect(lambda: changed.append(True))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    seen: dict[str, str] = {}

    def edit_family(form: QWidget) -> None:
        seen["value"] = form.findChild(QLineEdit, "targetedValueEdit").text()
        fill(qtbot, form, "targetedValueEdit", "35.5")
        form.findChild(QSpinBox, "targetedPartySpin").setValue(6)
        click(qtbot, form, "saveTargetedOfferButton")

    select_row(dialog, "targetedOffersTable", "FAMILY-4")
    on_next_modal(edit_family)
    click(qtbot, dialog, "editTargetedOfferButton")
    assert seen["value"] == "30.00"
    assert row_of(dialog, "FAMILY-4")[2:5] == ["¥35.50 off", "Any time", "6+ guests\ndine-in"]
    family = next(o for o in programme.loyalty.rules().offers if o.code == "FAMILY-4")
    assert (family.value, family.conditions.min_party_size) == (3_550, 6)

    select_row(dialog, "targetedOffersTable", "MEMBER-TUESDAY")
    click(qtbot, dialog, "deactivateTargetedOfferButton")
    assert row_of(dialog, "MEMBER-TUESDAY")[-1] == "No"
    assert not dialog.findChild(QPushButton, "deactivateTargetedOfferButton").isEnabled()
    save_screenshot(dialog, "targeted-offers-edited-en")
    assert "MEMBER-TUESDAY" not in [o.code for o in programme.loyalty.rules().offers]
    assert changed == [True, True]


def test_a_manager_changes_the_stacking_policy_and_the_holidays(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    changed: list[bool] = []
    dialog.rules_changed.connect(lambda: changed.append(True))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(HOLIDAYS_TAB)
    policy = dialog.findChild(QComboBox, "stackingPolicyCombo")
    cap = dialog.findChild(QLineEdit, "offerCapEdit")
    save = dialog.findChild(QPushButton, "saveStackingButton")
    assert (policy.currentData(), cap.text(), save.isEnabled()) == ("best_of", "30", False)
    assert dialog.findChild(QLabel, "stackingExplanation_best_of").font().bold()
    save_screenshot(dialog, "holidays-and-stacking-en")

    policy.setCurrentIndex(policy.findData(StackingPolicy.ADDITIVE.value))
    assert dialog.findChild(QLabel, "stackingExplanation_additive").font().bold()
    cap.clear()
    qtbot.keyClicks(cap, "lots")
    click(qtbot, dialog, "saveStackingButton")
    assert error_of(dialog, "loyaltyRulesMessage") == "Enter the cap in percent, e.g. 30 or 100."
    cap.clear()
    qtbot.keyClicks(cap, "25")
    click(qtbot, dialog, "saveStackingButton")
    assert error_of(dialog, "loyaltyRulesMessage") == ""
    rules = programme.loyalty.rules()
    assert (rules.stacking, rules.offer_cap_bp) == (StackingPolicy.ADDITIVE, 2_500)
    assert not save.isEnabled()

    holidays = table_rows(dialog, "holidaysTable")
    assert holidays[0] == ["2026-10-01", "Thu", "国庆节 National Day"]
    dialog.findChild(QDateEdit, "holidayDateEdit").setDate(QDate(2027, 4, 5))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "holidayNameEdit"), "Qingming")
    click(qtbot, dialog, "addHolidayButton")
    assert ["2027-04-05", "Mon", "Qingming"] in table_rows(dialog, "holidaysTable")
    assert date(2027, 4, 5) in programme.loyalty.rules().holidays
    click(qtbot, dialog, "addHolidayButton")  # the next day, same name
    assert date(2027, 4, 6) in programme.loyalty.rules().holidays

    select_row(dialog, "holidaysTable", "2027-04-05")
    click(qtbot, dialog, "removeHolidayButton")
    days = [row[0] for row in table_rows(dialog, "holidaysTable")]
    assert "2027-04-05" not in days and "2027-04-06" in days
    assert date(2027, 4, 5) not in programme.loyalty.rules().holidays
    assert not dialog.findChild(QPushButton, "removeHolidayButton").isEnabled()
    assert changed == [True, True, True, True]


def test_a_cashier_sees_offers_but_may_not_add_a_holiday(
    qtbot: QtBot, programme: Programme
) -> None:
    dialog = open_editor(qtbot, programme, programme.auth.log_in("wangfang", "1111"))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(HOLIDAYS_TAB)
    before = len(table_rows(dialog, "holidaysTable"))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "holidayNameEdit"), "Qingming")
    click(qtbot, dialog, "addHolidayButton")
    assert error_of(dialog, "loyaltyRulesMessage") == "Your role may not edit the loyalty rules."
    assert len(table_rows(dialog, "holidaysTable")) == before


def test_the_segments_are_ticked_by_name_and_other_names_typed(
    qtbot: QtBot, programme: Programme
) -> None:
    """The RFM segments the daily job names are offered by name; a name typed besides them
    is kept, and still checked when saved."""
    dialog = open_editor(qtbot, programme, programme.auth.log_in("manager", "9999"))
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    seen: dict[str, object] = {}

    def target(form: QWidget) -> None:
        choices = form.findChild(QListWidget, "targetedSegmentsList")
        seen["names"] = [choices.item(row).text() for row in range(choices.count())]
        tick(form, "targetedSegmentsList", "At risk", "Hibernating")
        fill(qtbot, form, "targetedSegmentsEdit", "night_owls，" + "x" * 25)
        click(qtbot, form, "saveTargetedOfferButton")
        seen["refused"] = error_of(form, "targetedOfferFormError")
        fill(qtbot, form, "targetedSegmentsEdit", "night_owls，")
        click(qtbot, form, "saveTargetedOfferButton")

    select_row(dialog, "targetedOffersTable", "FAMILY-4")
    on_next_modal(target)
    click(qtbot, dialog, "editTargetedOfferButton")
    assert seen["names"] == [
        "Champions",
        "Loyal",
        "Potential",
        "New",
        "Need attention",
        "At risk",
        "Hibernating",
        "Lost",
    ]
    assert "a segment name is at most 24 characters" in str(seen["refused"])
    assert row_of(dialog, "FAMILY-4")[6] == "Members\nsegment At risk, Hibernating, night_owls"
    family = next(o for o in programme.loyalty.rules().offers if o.code == "FAMILY-4")
    assert family.conditions.segments == {"at_risk", "hibernating", "night_owls"}

    def look(form: QWidget) -> None:
        choices = form.findChild(QListWidget, "targetedSegmentsList")
        seen["ticked"] = [
            choices.item(row).text()
            for row in range(choices.count())
            if choices.item(row).checkState() == Qt.CheckState.Checked
        ]
        seen["others"] = form.findChild(QLineEdit, "targetedSegmentsEdit").text()

    on_next_modal(look)
    click(qtbot, dialog, "editTargetedOfferButton")
    assert (seen["ticked"], seen["others"]) == (["At risk", "Hibernating"], "night_owls")
