"""The first-run set-up wizard, driven through its real widgets on a brand-new database,
to a first paid member order whose printed receipt carries the restaurant's name."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.bootstrap import prepare_database
from app.domain.draft import OrderDraft
from app.domain.enrolment import EnrolmentForm
from app.domain.payment import PaymentMethod, Tender
from app.restaurant_profile.profile import RestaurantProfile
from app.services.till_settings import TillSettingsService
from app.setup.menu_csv import parse_menu_csv
from app.setup.menu_import import import_menu_lines
from app.setup.restaurant import SetupRequest, needs_setup, set_up_restaurant
from hardware.printing.escpos_decode import decode_escpos
from tests.fakes import FakeClock
from tests.integration.test_setup_cli import DELIVERED, MENU, table
from tests.ui.conftest import click, open_cashier, ready, save_screenshot
from ui.app import LaunchOptions, TillApp
from ui.setup_wizard.wizard import SetupWizard

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
]

NAME = "老王面馆 Wang's"
TAX = "税号 91310104MA1FR0000X"


@pytest.fixture
def apps() -> Iterator[list[TillApp]]:
    started: list[TillApp] = []
    yield started
    for till_app in started:
        till_app.shut_down()


def launch(
    qapp: QApplication, url: str, folder: Path, clock: FakeClock, apps: list[TillApp], lang: str
) -> TillApp:
    """As ``pos`` launches the till: no demo for a new database."""
    options = LaunchOptions(url, None, lang)
    till_app = TillApp(qapp, options, TillSettingsService(folder / "settings.json"), clock)
    apps.append(till_app)
    till_app.start()
    ready(till_app)
    return till_app


def wizard_of(till_app: TillApp) -> SetupWizard:
    assert till_app.setup_wizard is not None and till_app.login is None
    return till_app.setup_wizard


def field(wizard: SetupWizard, name: str) -> QLineEdit:
    edit = wizard.findChild(QLineEdit, name)
    assert edit is not None and edit.isVisibleTo(wizard), name
    return edit


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Key presses for ASCII; the rest committed as an input method commits Chinese."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def type_into(qtbot: QtBot, wizard: SetupWizard, name: str, text: str) -> None:
    edit = field(wizard, name)
    edit.clear()
    type_text(qtbot, edit, text)


def error_text(wizard: SetupWizard) -> str:
    label = wizard.findChild(QLabel, "wizardError")
    assert label is not None
    return label.text()


def choose_language(wizard: SetupWizard, language: str) -> None:
    combo = wizard.language_combo
    combo.setCurrentIndex(combo.findData(language))
    combo.activated.emit(combo.currentIndex())


def shoot(wizard: SetupWizard, language: str) -> None:
    wizard.resize(1024, 768)
    page = wizard.pages.currentIndex() + 1
    save_screenshot(wizard, f"wizard-{page}-{language}")


def test_the_wizard_opens_a_new_restaurant_that_sells_to_a_member_and_prints_its_name(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    receipts = tmp_path / "receipts.bin"
    till_app = launch(qapp, url, tmp_path, clock, apps, "zh")
    wizard = wizard_of(till_app)
    assert wizard.language_combo.currentData() == "zh"

    # 1. The restaurant, typed in Chinese; then the language switches and keeps it.
    type_into(qtbot, wizard, "restaurantNameEdit", NAME)
    type_into(qtbot, wizard, "restaurantAddressEdit", "上海市徐汇区漕溪北路1号")
    type_into(qtbot, wizard, "restaurantPhoneEdit", "021-6400 1234")
    type_into(qtbot, wizard, "restaurantTaxLineEdit", TAX)
    footer = wizard.findChild(QPlainTextEdit, "receiptFooterEdit")
    assert footer is not None
    type_text(qtbot, footer, "多谢惠顾")
    assert wizard.details.preview_58.lines()[0].strip() == NAME
    assert TAX in [line.strip() for line in wizard.details.preview_80.lines()]
    shoot(wizard, "zh")
    choose_language(wizard, "en")
    wizard = wizard_of(till_app)
    assert field(wizard, "restaurantNameEdit").text() == NAME
    assert field(wizard, "restaurantTaxLineEdit").text() == TAX
    shoot(wizard, "en")
    qtbot.keyClick(field(wizard, "restaurantTaxLineEdit"), Qt.Key.Key_Return)  # Enter: Next

    # 2. Currency and business day.
    assert wizard.pages.currentIndex() == 1, error_text(wizard)
    wizard.business.cutoff_spin.setFocus()
    qtbot.keyClick(wizard.business.cutoff_spin, Qt.Key.Key_Up)
    assert wizard.business.cutoff_spin.value() == 5
    shoot(wizard, "en")
    click(qtbot, wizard, "wizardNextButton")

    # 3. The membership programme: the first template, described.
    assert wizard.pages.currentIndex() == 2
    paid = wizard.findChild(QRadioButton, "template-paid-tiers")
    assert paid is not None and paid.isChecked()
    shoot(wizard, "en")
    click(qtbot, wizard, "wizardNextButton")

    # 4. The first manager.
    assert wizard.pages.currentIndex() == 3
    type_into(qtbot, wizard, "managerNameEdit", "王老板")
    type_into(qtbot, wizard, "managerPinEdit", "2580")
    type_into(qtbot, wizard, "managerPinAgainEdit", "2580")
    shoot(wizard, "en")
    click(qtbot, wizard, "wizardNextButton")

    # 5. The printer: a file, checked off the GUI thread.
    assert wizard.pages.currentIndex() == 4, error_text(wizard)
    url_edit = field(wizard, "printerUrlEdit")
    url_edit.clear()
    qtbot.keyClicks(url_edit, f"escpos+file://{receipts}")
    click(qtbot, wizard, "checkPrinterButton")
    result = wizard.findChild(QLabel, "deviceResult")
    assert result is not None
    qtbot.waitUntil(lambda: result.text().startswith(("✓", "✗")), timeout=10_000)
    assert result.text().startswith("✓"), result.text()
    shoot(wizard, "en")
    click(qtbot, wizard, "wizardFinishButton")
    qtbot.waitUntil(lambda: till_app.login is not None, timeout=20_000)
    ready(till_app)  # its staff list is read off the GUI thread
    assert till_app.setup_wizard is None

    settings = TillSettingsService(tmp_path / "settings.json").load()
    assert settings.printer_url == f"escpos+file://{receipts}"
    assert settings.card_reader_url == "sim://" and settings.language == "en"  # as switched
    stored = dict(table(url, "SELECT key, value FROM settings"))
    assert stored["restaurant_name"] == NAME and stored["business_day_cutoff_hour"] == "5"
    assert stored["restaurant_tax_line"] == TAX and stored["currency"] == "CNY"
    actions = [a for (a,) in table(url, "SELECT action FROM audit_events ORDER BY id")]
    assert actions[:4] == [
        "restaurant_set_up",
        "store_renamed",  # the migration's "Main store" takes the restaurant's name
        "staff_created",
        "loyalty_programme_from_template",
    ]
    assert table(url, "SELECT name FROM stores") == [(NAME,)]

    # The manager signs in; the menu comes from the product's CSV import; a member is
    # enrolled and pays, and the receipt prints.
    import_menu_lines(url, parse_menu_csv(MENU.read_bytes()).lines, clock, dry_run=False)
    assert till_app.login is not None
    assert till_app.login.staff_combo.currentText() == "王老板"
    assert "2580" not in " ".join(label.text() for label in till_app.login.findChildren(QLabel))
    assert open_cashier(qtbot, till_app, pin="2580") is not None
    till = till_app.till
    assert till is not None
    manager = till.auth.log_in("manager", "2580")
    till.enrolment.enrol(manager, EnrolmentForm(phone="13900001111", name="陈一"))
    member = till.members.identify("13900001111").member
    assert member is not None and member.tier.code == "SILVER"
    draft = OrderDraft()
    items = {item.name_zh: item for item in till.catalog.load().items}
    draft.add(items["宫保鸡丁"])
    draft.member = member
    order = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 5_000), manager)
    deadline = time.monotonic() + 10
    while not any(
        job.reference == order.order_no and job.status in DELIVERED for job in till.spooler.recent()
    ):
        assert time.monotonic() < deadline, till.spooler.recent()
        time.sleep(0.02)
    data = receipts.read_bytes()
    head = data[: data.index(b"-" * 20)]
    assert "老王面馆".encode("gb18030") in head and "税号".encode("gb18030") in head
    slip = decode_escpos(data, strict=True).text
    assert slip.splitlines()[0].strip() == NAME
    assert TAX in slip[: slip.index("宫保鸡丁")] and "多谢惠顾" in slip


def test_the_wizard_refuses_on_the_page_an_empty_name_a_weak_pin_and_two_different_pins(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    till_app = launch(qapp, url, tmp_path, clock, apps, "en")
    wizard = wizard_of(till_app)
    click(qtbot, wizard, "wizardNextButton")
    assert wizard.pages.currentIndex() == 0
    assert error_text(wizard) == "Enter the restaurant's name."
    type_into(qtbot, wizard, "restaurantNameEdit", "小店")
    for _ in range(3):
        click(qtbot, wizard, "wizardNextButton")
    assert wizard.pages.currentIndex() == 3 and error_text(wizard) == ""
    click(qtbot, wizard, "wizardNextButton")
    assert error_text(wizard) == "Enter the manager's name."
    type_into(qtbot, wizard, "managerNameEdit", "王老板")
    for pin, again, refusal in (
        ("1234", "1234", "A PIN of digits in a row (like 1234) is too easy to guess."),
        ("7777", "7777", "A PIN of one digit repeated is too easy to guess."),
        ("25", "25", "A PIN has at least 4 digits."),
        ("2580", "2581", "The two PINs differ; type the same PIN twice."),
    ):
        type_into(qtbot, wizard, "managerPinEdit", pin)
        type_into(qtbot, wizard, "managerPinAgainEdit", again)
        click(qtbot, wizard, "wizardNextButton")
        assert wizard.pages.currentIndex() == 3
        assert error_text(wizard) == refusal
    choose_language(wizard, "zh")  # the refusal in the user's language
    wizard = wizard_of(till_app)
    assert wizard.pages.currentIndex() == 3
    click(qtbot, wizard, "wizardNextButton")
    assert error_text(wizard) == "两次输入的 PIN 不一致，请输入相同的 PIN。"
    shoot(wizard, "zh-refused")
    assert needs_setup(url)  # nothing written yet
    for index in (1, 2, 4):  # the other pages, in Chinese, for the screenshots
        wizard._show_page(index)
        shoot(wizard, "zh")


def test_the_till_opens_the_wizard_only_on_a_brand_new_database(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert launch(qapp, fresh, tmp_path, clock, apps, "en").setup_wizard is not None

    empty = f"sqlite:///{tmp_path / 'empty.db'}"  # a schema, but no staff and no restaurant
    prepare_database(empty, None, clock.now().date()).dispose()
    assert launch(qapp, empty, tmp_path, clock, apps, "en").setup_wizard is not None

    real = f"sqlite:///{tmp_path / 'real.db'}"
    set_up_restaurant(real, SetupRequest(RestaurantProfile("小店"), "王老板", "2580"), clock)
    opened = launch(qapp, real, tmp_path, clock, apps, "en")
    assert opened.setup_wizard is None and opened.login is not None

    demo = f"sqlite:///{tmp_path / 'demo.db'}"
    prepare_database(demo, 5, clock.now().date()).dispose()
    opened = launch(qapp, demo, tmp_path, clock, apps, "en")
    assert opened.setup_wizard is None and opened.login is not None
    assert opened.login.findChild(QLabel, "demoHint") is not None


def test_closing_the_wizard_writes_nothing(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    till_app = launch(qapp, url, tmp_path, clock, apps, "en")
    wizard = wizard_of(till_app)
    type_into(qtbot, wizard, "restaurantNameEdit", "小店")
    wizard.reject()
    assert needs_setup(url)


def test_a_finish_that_fails_says_why_in_one_sentence_and_the_wizard_stays(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    till_app = launch(qapp, url, tmp_path, clock, apps, "en")
    wizard = wizard_of(till_app)
    type_into(qtbot, wizard, "restaurantNameEdit", "小店")
    for _ in range(3):
        click(qtbot, wizard, "wizardNextButton")
    type_into(qtbot, wizard, "managerNameEdit", "王老板")
    type_into(qtbot, wizard, "managerPinEdit", "2580")
    type_into(qtbot, wizard, "managerPinAgainEdit", "2580")
    click(qtbot, wizard, "wizardNextButton")
    # Meanwhile, someone sets the same database up from the command line.
    set_up_restaurant(url, SetupRequest(RestaurantProfile("别家"), "李老板", "3690"), clock)
    click(qtbot, wizard, "wizardFinishButton")
    qtbot.waitUntil(lambda: "not set up" in error_text(wizard), timeout=20_000)
    assert error_text(wizard) == (
        "The restaurant was not set up: this database is already set up (it has staff, "
        "tiers); nothing was changed"
    )
    assert till_app.setup_wizard is wizard and till_app.login is None
    assert wizard.finish_button.isEnabled() and not wizard.progress.isVisible()
    assert table(url, "SELECT display_name FROM staff") == [("李老板",)]
