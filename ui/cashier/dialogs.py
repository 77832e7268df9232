"""Small dialogs of the cashier screen: cash, card terminal, table, simulated swipe."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.draft import MAX_PARTY_SIZE
from app.domain.money import Currency, format_money, parse_money
from app.domain.payment import PaymentMethod, Tender
from app.ports import SimulatesSwipes
from ui.cashier.cash_entry import confirm_unlikely, is_unlikely, refuse_letters
from ui.numeric_keypad import NumericKeypad
from ui.widgets import Standard, confirm_buttons, error_label

BANKNOTES_FEN = (5_000, 10_000, 20_000, 50_000)


def quick_tenders(total: int) -> list[int]:
    """The exact amount and the next round sums a guest is likely to hand over."""
    options = [total]
    for note in BANKNOTES_FEN:
        rounded = -(-total // note) * note
        if rounded > total and rounded not in options:
            options.append(rounded)
    return options[:4]


class CashPaymentDialog(QDialog):
    """Asks what the guest handed over and shows the change; confirm only when enough."""

    def __init__(self, total: int, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cashPaymentDialog")
        self.setWindowTitle(self.tr("Cash payment"))
        self._total, self._currency = total, currency
        self.tender: Tender | None = None
        self.tendered_edit = QLineEdit(objectName="tenderedEdit")
        self.tendered_edit.setMinimumHeight(44)
        refuse_letters(self.tendered_edit, currency)
        self.tendered_edit.textChanged.connect(self._update)
        self.change_label = QLabel(objectName="changeLabel")
        self.change_label.setStyleSheet("font-size: 18pt; font-weight: bold;")
        quick = QGridLayout()
        for index, amount in enumerate(quick_tenders(total)):
            name = "tenderExact" if index == 0 else f"tender{amount // 100}"
            button = QPushButton(format_money(amount, currency), objectName=name)
            button.setMinimumHeight(56)
            button.setAutoDefault(False)  # Enter takes the payment even after a tap here
            button.clicked.connect(lambda _c=False, a=amount: self._set_amount(a))
            quick.addWidget(button, 0, index)
        self.buttons = confirm_buttons(
            self, "confirmPaymentButton", self._accept, self.tr("Take payment")
        )
        self.confirm = self.buttons.button(Standard.Ok)
        form = QFormLayout()
        form.addRow(self.tr("To pay"), QLabel(format_money(total, currency)))
        form.addRow(self.tr("Cash received"), self.tendered_edit)
        form.addRow(self.tr("Change"), self.change_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(quick)
        layout.addWidget(NumericKeypad(self.tendered_edit, "cash", decimal=True))
        layout.addWidget(self.buttons)
        self._update()

    def _set_amount(self, amount: int) -> None:
        self.tendered_edit.setText(format_money(amount, self._currency))
        self.tendered_edit.setFocus()

    def _tendered(self) -> int | None:
        try:
            return parse_money(self.tendered_edit.text(), self._currency)
        except ValueError:
            return None

    def _update(self) -> None:
        tendered = self._tendered()
        if tendered is None:
            self.change_label.setText(self.tr("Enter the cash received"))
            self.confirm.setEnabled(False)
        elif tendered < self._total:
            short = format_money(self._total - tendered, self._currency)
            self.change_label.setText(self.tr("%1 short").replace("%1", short))
            self.confirm.setEnabled(False)
        else:
            self.change_label.setText(format_money(tendered - self._total, self._currency))
            self.confirm.setEnabled(True)

    def _accept(self) -> None:
        tendered = self._tendered()
        if tendered is not None and tendered >= self._total:
            total, currency = self._total, self._currency
            unlikely = is_unlikely(tendered, total, currency)
            if unlikely and not confirm_unlikely(self, tendered, total, currency):
                self.tendered_edit.setFocus()
                self.tendered_edit.selectAll()
                return
            self.tender = Tender(PaymentMethod.CASH, tendered)
            self.accept()


class CardPaymentDialog(QDialog):
    """The external terminal is charged by hand; the cashier confirms it went through."""

    def __init__(self, total: int, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPaymentDialog")
        self.setWindowTitle(self.tr("Card terminal"))
        self.tender: Tender | None = None
        self._total = total
        self.reference_edit = QLineEdit(objectName="cardReferenceEdit")
        self.reference_edit.setPlaceholderText(self.tr("Terminal reference (optional)"))
        buttons = confirm_buttons(
            self, "confirmPaymentButton", self._accept, self.tr("Terminal approved")
        )
        layout = QVBoxLayout(self)
        prompt = self.tr("Charge %1 on the card terminal, then confirm here.")
        layout.addWidget(QLabel(prompt.replace("%1", format_money(total, currency))))
        layout.addWidget(self.reference_edit)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        self.tender = Tender(PaymentMethod.CARD_TERMINAL, self._total, self.reference_edit.text())
        self.accept()


class StoredValuePaymentDialog(QDialog):
    """Pay the whole bill from the member's stored value; refused when it does not cover it."""

    def __init__(
        self, total: int, balance: int, currency: Currency, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("storedValuePaymentDialog")
        self.setWindowTitle(self.tr("Pay with stored value"))
        self.tender: Tender | None = None
        self._total = total
        buttons = confirm_buttons(
            self, "confirmPaymentButton", self._accept, self.tr("Pay from stored value")
        )
        form = QFormLayout()
        form.addRow(self.tr("To pay"), QLabel(format_money(total, currency)))
        form.addRow(self.tr("Stored value"), QLabel(format_money(balance, currency)))
        after = QLabel(format_money(balance - total, currency), objectName="balanceAfterLabel")
        form.addRow(self.tr("Left after payment"), after)
        self.error = error_label("storedValueError")
        if balance < total:
            short = format_money(total - balance, currency)
            self.error.setText(
                self.tr(
                    "The stored value is %1 short: top it up first, or pay another way."
                ).replace("%1", short)
            )
            buttons.button(Standard.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        self.tender = Tender(PaymentMethod.STORED_VALUE, self._total)
        self.accept()


class TableDialog(QDialog):
    """Open a dine-in order: table number and party size."""

    def __init__(self, table_no: str, party_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableDialog")
        self.setWindowTitle(self.tr("Dine-in table"))
        self.table_edit = QLineEdit(table_no, objectName="tableEdit")
        self.party_spin = QSpinBox(objectName="partySizeSpin")
        self.party_spin.setRange(1, MAX_PARTY_SIZE)
        self.party_spin.setValue(party_size)
        self.error = error_label("tableError")
        buttons = confirm_buttons(self, "confirmTableButton", self._accept)
        form = QFormLayout(self)
        form.addRow(self.tr("Table"), self.table_edit)
        form.addRow(self.tr("Guests"), self.party_spin)
        form.addRow(self.error)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.table_edit.text().strip():
            self.error.setText(self.tr("Enter the table number."))
            return
        self.accept()


class SwipeDialog(QDialog):
    """What the simulated reader should send, as a real swipe would."""

    def __init__(self, suggestion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("swipeDialog")
        self.setWindowTitle(self.tr("Simulate card swipe"))
        self.data_edit = QLineEdit(suggestion, objectName="swipeDataEdit")
        buttons = confirm_buttons(self, "swipeButton", self.accept, self.tr("Swipe"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Card number the simulated reader sends:")))
        layout.addWidget(self.data_edit)
        layout.addWidget(buttons)


def ask_and_swipe(reader: SimulatesSwipes, suggestion: str, parent: QWidget) -> None:
    """Ask what the simulated reader should send, then send it: it reaches the till as
    a real swipe does, so it goes to whichever open dialog takes card reads."""
    dialog = SwipeDialog(suggestion, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        reader.simulate_swipe(dialog.data_edit.text())
