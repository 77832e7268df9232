"""Cash tendered: only an amount can be typed, and an unlikely one is confirmed first.

A cashier who types the bill's ¥86.00 as 8600 would otherwise take it and hand back
¥8,514.00 in change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from app.domain.money import Currency, format_money

TIMES_THE_BILL = 10
LARGE_TENDER_UNITS = 10_000
"""A tender above this many whole currency units (¥10,000) is confirmed whatever the bill."""


def refuse_letters(edit: QLineEdit, currency: Currency) -> None:
    """Digits, thousands commas, one decimal point with the currency's decimals, and the
    currency sign that quick-amount buttons put in: any other key is refused as typed."""
    decimals = currency.minor_digits
    fraction = rf"([.。][0-9]{{0,{decimals}}})?" if decimals else ""
    sign = QRegularExpression.escape(currency.symbol)
    pattern = QRegularExpression(rf"\s*({sign}|￥)?\s*[0-9][0-9,，]{{0,11}}{fraction}\s*|\s*")
    edit.setValidator(QRegularExpressionValidator(pattern, edit))


def is_unlikely(tendered: int, total: int, currency: Currency) -> bool:
    """More than ten times the bill, or more than ¥10,000: probably a slip of the finger."""
    large = LARGE_TENDER_UNITS * 10**currency.minor_digits
    return tendered > large or (total > 0 and tendered > TIMES_THE_BILL * total)


def confirm_unlikely(parent: QWidget, tendered: int, total: int, currency: Currency) -> bool:
    """Ask whether the guest really handed over ``tendered``; ``False`` keeps the dialog."""
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("CashEntry", "Check the cash received"),
        "",
        parent=parent,
    )
    box.setObjectName("largeTenderConfirm")
    text = translate("CashEntry", "Cash received %1 for a bill of %2: change %3. Is that right?")
    box.setText(
        text.replace("%1", format_money(tendered, currency))
        .replace("%2", format_money(total, currency))
        .replace("%3", format_money(tendered - total, currency))
    )
    yes = box.addButton(translate("CashEntry", "Yes, take it"), QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("largeTenderYes")
    no = box.addButton(translate("CashEntry", "No, correct it"), QMessageBox.ButtonRole.RejectRole)
    no.setObjectName("largeTenderNo")
    box.setDefaultButton(no)
    for button in (yes, no):
        button.setMinimumHeight(44)
    box.exec()
    return box.clickedButton() is yes
