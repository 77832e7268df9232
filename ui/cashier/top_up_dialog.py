"""Sell stored value: the amount, typed or tapped on the keypad, with the bonus the top-up
rules give shown as it is typed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.loyalty import TopUpRefused, check_top_up
from app.domain.money import Currency, format_money, parse_money
from app.domain.stored_value import TopUpRule, top_up_bonus
from ui.cashier.cash_entry import refuse_letters
from ui.numeric_keypad import NumericKeypad
from ui.widgets import Standard, confirm_buttons, error_label


class TopUpDialog(QDialog):
    """``amount`` is set when accepted (0: take the top-up off the order)."""

    def __init__(
        self,
        rules: Sequence[TopUpRule],
        currency: Currency,
        current: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("topUpDialog")
        self.setWindowTitle(self.tr("Stored-value top-up"))
        self._rules, self._currency = tuple(rules), currency
        self.amount: int | None = None
        self.amount_edit = QLineEdit(objectName="topUpAmountEdit")
        self.amount_edit.setMinimumHeight(44)
        refuse_letters(self.amount_edit, currency)
        self.amount_edit.textChanged.connect(self._update)
        self.bonus_label = QLabel(objectName="topUpBonusLabel")
        self.bonus_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.error = error_label("topUpError")
        quick = QGridLayout()
        for index, rule in enumerate(sorted(self._rules, key=lambda r: r.minimum)):
            text = self.tr("%1 (+%2)").replace("%1", self._money(rule.minimum))
            button = QPushButton(text.replace("%2", self._money(rule.bonus)))
            button.setObjectName(f"topUp{rule.minimum // 100}")
            button.setMinimumHeight(52)
            button.setAutoDefault(False)  # Enter adds the top-up even after a tap here
            button.clicked.connect(lambda _c=False, a=rule.minimum: self._set(a))
            quick.addWidget(button, 0, index)
        buttons = confirm_buttons(self, "confirmTopUpButton", self._accept, self.tr("Add to order"))
        self.confirm = buttons.button(Standard.Ok)
        if current:
            remove = QPushButton(self.tr("Remove top-up"), objectName="removeTopUpButton")
            remove.clicked.connect(self._remove)
            buttons.addButton(remove, buttons.ButtonRole.ResetRole)
        form = QFormLayout()
        form.addRow(self.tr("Amount"), self.amount_edit)
        form.addRow(self.tr("Bonus"), self.bonus_label)
        layout = QVBoxLayout(self)
        layout.addLayout(quick)
        layout.addLayout(form)
        layout.addWidget(NumericKeypad(self.amount_edit, "topUp", decimal=True))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if current:
            self._set(current)
        self._update()

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _set(self, amount: int) -> None:
        self.amount_edit.setText(self._money(amount))
        self.amount_edit.setFocus()

    def _parsed(self) -> int | None:
        try:
            amount = parse_money(self.amount_edit.text(), self._currency)
            check_top_up(amount)
        except (ValueError, TopUpRefused) as error:
            self.error.setText(str(error) if self.amount_edit.text().strip() else "")
            return None
        self.error.setText("")
        return amount

    def _update(self) -> None:
        amount = self._parsed()
        self.confirm.setEnabled(amount is not None)
        bonus = top_up_bonus(amount or 0, self._rules)
        self.bonus_label.setText(self._money(bonus))

    def _accept(self) -> None:
        amount = self._parsed()
        if amount is not None:
            self.amount = amount
            self.accept()

    def _remove(self) -> None:
        self.amount = 0
        self.accept()
