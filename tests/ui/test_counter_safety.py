"""Throwing work away asks first, cash takes only amounts and questions unlikely ones,
and a trainee on a live till is told about training mode (real widgets, SQLite)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.money import CNY
from tests.ui.conftest import click, on_next_modal, open_cashier, settle, tap_sign_in
from ui.app import TillApp
from ui.cashier.dialogs import CashPaymentDialog
from ui.cashier.enrol_dialog import EnrolDialog


def test_new_order_over_lines_asks_and_keeps_them_unless_told(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    click(qtbot, window, "newOrderButton")  # nothing on the order: nothing to ask
    settle(window)  # the void and the next menu come back off the GUI thread
    click(qtbot, window, "item_HOT-01")
    click(qtbot, window, "item_HOT-02")
    asked: list[str] = []

    def keep(box: QWidget) -> None:
        asked.append(box.findChild(QLabel, "qt_msgbox_label").text())
        click(qtbot, box, "discardNo")

    on_next_modal(keep)
    click(qtbot, window, "newOrderButton")
    settle(window)  # the void and the next menu come back off the GUI thread
    assert asked == ["Throw away this order (2 lines, ¥64.00) and start a new one?"]
    assert len(window.presenter.draft.lines()) == 2

    on_next_modal(lambda box: click(qtbot, box, "discardYes"))
    click(qtbot, window, "newOrderButton")
    settle(window)  # the void and the next menu come back off the GUI thread
    assert window.presenter.draft.is_empty()


def test_escape_in_a_half_filled_enrolment_asks_before_losing_it(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    window = open_cashier(qtbot, make_app("en"))
    window.member_panel.search.setText("139 1234 5678")  # searched, not found

    def untouched(dialog: QWidget) -> None:
        assert isinstance(dialog, EnrolDialog)
        assert dialog.phone_edit.text() == "139 1234 5678"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # only what the till filled in: closes

    on_next_modal(untouched)
    click(qtbot, window, "enrolButton")
    assert QApplication.activeModalWidget() is None

    stayed: list[bool] = []

    def half_filled(dialog: QWidget) -> None:
        assert isinstance(dialog, EnrolDialog)
        dialog.name_edit.setText("刘洋")
        on_next_modal(lambda box: click(qtbot, box, "discardNo"))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        stayed.append(dialog.isVisible() and dialog.name_edit.text() == "刘洋")
        on_next_modal(lambda box: click(qtbot, box, "discardYes"))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        stayed.append(dialog.isVisible())

    on_next_modal(half_filled)
    click(qtbot, window, "enrolButton")
    assert stayed == [True, False]
    assert window.presenter.draft.member is None


def test_cash_refuses_letters_and_enter_after_a_quick_amount_takes_the_payment(
    qtbot: QtBot, qapp: QApplication
) -> None:
    dialog = CashPaymentDialog(8_600, CNY)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.tendered_edit
    qtbot.keyClicks(edit, "1a0b0.x5")
    settle(edit)
    assert edit.text() == "100.5"
    edit.clear()
    quick = dialog.findChild(QWidget, "tender100")
    assert quick is not None
    qtbot.mouseClick(quick, Qt.MouseButton.LeftButton)
    settle(quick)
    assert edit.text() == "¥100.00"
    quick.setFocus()  # where a tap leaves the focus on some platforms
    qtbot.keyClick(quick, Qt.Key.Key_Return)
    settle(quick)
    assert dialog.tender is not None and dialog.tender.tendered == 10_000


def test_a_tender_over_ten_times_the_bill_or_ten_thousand_is_confirmed(
    qtbot: QtBot, qapp: QApplication
) -> None:
    dialog = CashPaymentDialog(8_600, CNY)
    qtbot.addWidget(dialog)
    dialog.show()
    questions: list[str] = []

    def answer(button: str) -> Callable[[QWidget], None]:
        def press(box: QWidget) -> None:
            questions.append(box.findChild(QLabel, "qt_msgbox_label").text())
            click(qtbot, box, button)

        return press

    dialog.tendered_edit.setText("8600")  # the bill typed without its decimal point
    on_next_modal(answer("largeTenderNo"))
    click(qtbot, dialog, "confirmPaymentButton")
    assert questions == [
        "Cash received ¥8,600.00 for a bill of ¥86.00: change ¥8,514.00. Is that right?"
    ]
    assert dialog.tender is None and dialog.isVisible()
    assert dialog.tendered_edit.selectedText() == "8600"

    on_next_modal(answer("largeTenderYes"))
    click(qtbot, dialog, "confirmPaymentButton")
    assert dialog.tender is not None and dialog.tender.tendered == 860_000

    small = CashPaymentDialog(200_000, CNY)  # ¥2,000 bill: ¥10,000 is five times, still asked
    qtbot.addWidget(small)
    small.show()
    small.tendered_edit.setText("10000.01")
    on_next_modal(answer("largeTenderNo"))
    click(qtbot, small, "confirmPaymentButton")
    assert len(questions) == 3 and small.tender is None
    small.tendered_edit.setText("2500")  # an ordinary tender is not questioned
    click(qtbot, small, "confirmPaymentButton")
    assert len(questions) == 3 and small.tender is not None


def test_a_trainee_on_a_live_till_is_told_to_ask_for_training_mode(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    login = till_app.login
    assert login is not None
    combo = login.findChild(QComboBox, "staffCombo")
    combo.setCurrentIndex(combo.findData("zhaomin"))
    error = login.findChild(QLabel, "loginError")
    expected_wrong = (
        "This till is not in training: a trainee signs in only after a manager switches it "
        "to training mode."
    )
    for pin, expected in (
        ("1111", expected_wrong),
        ("2222", "Trainees sign in on a till in training: ask a manager to switch."),
    ):
        edit = login.findChild(QLineEdit, "pinEdit")
        qtbot.keyClicks(edit, pin)
        settle(edit)
        tap_sign_in(qtbot, till_app)
        assert error.text() == expected
    assert till_app.window is None
    combo.setCurrentIndex(combo.findData("wangfang"))
    qtbot.keyClicks(login.findChild(QLineEdit, "pinEdit"), "2222")
    tap_sign_in(qtbot, till_app)
    assert error.text() == "Wrong PIN. Try again."
