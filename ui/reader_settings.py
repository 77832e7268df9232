"""The card reader part of Settings: its URL, what its numbers mean, and learning it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.card_readers.formats import read_format
from app.card_readers.learning import with_format
from app.devices import DeviceUrlError
from app.domain.card_formats import DigitsAre, ReadFormat, UidOrder
from ui.reader_learning import ReaderLearningDialog


class ReaderSettings(QWidget):
    """The URL is the setting; the two lists and the learning dialog edit it in place."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_edit = QLineEdit(url, objectName="cardReaderUrlEdit")
        self.url_edit.setToolTip("wedge:// · serial:///dev/ttyUSB0 · sim://")
        learn = QPushButton(self.tr("Learn my reader…"), objectName="learnReaderButton")
        learn.setMinimumHeight(44)
        learn.clicked.connect(self.learn)
        self.digits_combo = QComboBox(objectName="readerDigitsCombo")
        for digits, text in (
            (DigitsAre.NUMBER, self.tr("a card number (magnetic or printed)")),
            (DigitsAre.EM4100, self.tr("the number printed on a 125 kHz ID card (EM4100)")),
            (DigitsAre.EM4100_HEX, self.tr("a 125 kHz ID card in 10 hex digits")),
            (DigitsAre.UID, self.tr("an IC card (NFC) UID")),
        ):
            self.digits_combo.addItem(text, digits)
        self.order_combo = QComboBox(objectName="readerUidOrderCombo")
        self.order_combo.addItem(self.tr("as the card sends it"), UidOrder.SENT)
        self.order_combo.addItem(self.tr("last byte first"), UidOrder.REVERSED)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(learn)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(url_row)
        layout.addRow(self.tr("Numbers it sends are"), self.digits_combo)
        layout.addRow(self.tr("IC card UID bytes"), self.order_combo)
        self._show_format()
        self.url_edit.textEdited.connect(lambda _text: self._show_format())
        self.digits_combo.activated.connect(lambda _index: self._set_format())
        self.order_combo.activated.connect(lambda _index: self._set_format())

    def url(self) -> str:
        text: str = self.url_edit.text()
        return text.strip()

    def chosen_format(self) -> ReadFormat:
        return ReadFormat(self.digits_combo.currentData(), self.order_combo.currentData())

    def learn(self) -> None:
        """Open the learning dialog; on success the URL becomes the learned wedge reader."""
        dialog = ReaderLearningDialog(self.chosen_format(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.learned is not None:
            self.url_edit.setText(dialog.learned.url(self.chosen_format()))

    def _show_format(self) -> None:
        try:
            fmt = read_format(self.url())
        except DeviceUrlError:
            return  # Save says what is wrong with the URL
        self.digits_combo.setCurrentIndex(self.digits_combo.findData(fmt.digits))
        self.order_combo.setCurrentIndex(self.order_combo.findData(fmt.uid_order))

    def _set_format(self) -> None:
        self.url_edit.setText(with_format(self.url(), self.chosen_format()))
