"""The printer's Chinese font is a setting of the printer, kept in its URL."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from ui.printer_picker import PrinterPicker


def test_the_font_setting_shows_and_survives_other_changes(qtbot: QtBot) -> None:
    picker = PrinterPicker("escpos+tcp://10.0.0.9?font=gbk")
    qtbot.addWidget(picker)
    fonts = picker.findChild(QComboBox, "printerFontCombo")
    assert fonts.currentIndex() == 1  # GBK, as the URL says
    picker.findChild(QComboBox, "paperWidthCombo").setCurrentIndex(1)  # 58 mm
    assert picker.url() == "escpos+tcp://10.0.0.9?width=58&font=gbk"
    fonts.setCurrentIndex(0)  # GB2312, the default: left out of the URL
    assert picker.url() == "escpos+tcp://10.0.0.9?width=58"
