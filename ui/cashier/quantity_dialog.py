"""Type a line's quantity on the keypad (tap the line's quantity): ten portions in two taps
rather than nine taps of +1."""

from __future__ import annotations

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.draft import MAX_QUANTITY
from ui.numeric_keypad import NumericKeypad
from ui.widgets import confirm_buttons, error_label


class QuantityDialog(QDialog):
    """Accepted with ``quantity`` (0 takes the line off, as −1 on the last portion does)."""

    def __init__(self, name: str, quantity: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quantityDialog")
        self.setWindowTitle(self.tr("Quantity"))
        self.quantity = quantity
        self.edit = QLineEdit(str(quantity), objectName="quantityEdit")
        self.edit.setValidator(QIntValidator(0, MAX_QUANTITY, self.edit))
        self.edit.setMinimumHeight(44)
        self.edit.selectAll()  # the first key replaces the old quantity
        self.error = error_label("quantityError")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(name, objectName="quantityItemName"))
        layout.addWidget(self.edit)
        layout.addWidget(NumericKeypad(self.edit, "qty"))
        layout.addWidget(self.error)
        layout.addWidget(confirm_buttons(self, "confirmQuantityButton", self._accept))

    def _accept(self) -> None:
        text = self.edit.text()
        if not text.isdigit():
            self.error.setText(
                self.tr("Type how many, from 0 to %1.").replace("%1", str(MAX_QUANTITY))
            )
            return
        self.quantity = int(text)
        self.accept()
