"""Till settings: interface and receipt language, printer and card reader addresses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from app.config import TillSettings
from ui.widgets import Standard, confirm_buttons, error_label


class SettingsDialog(QDialog):
    """Edits a copy of the settings; Save asks ``save`` and stays open with its refusal.

    ``save`` returns ``None`` when the settings were stored, or the reason, in the
    interface language, why they were not.
    """

    def __init__(
        self,
        settings: TillSettings,
        save: Callable[[TillSettings], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Till settings"))
        self._settings = settings
        self.language_combo = QComboBox(objectName="languageCombo")
        for code, name in (
            ("system", self.tr("System default")),
            ("zh", "简体中文"),
            ("en", "English"),
        ):
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language))
        self.till_edit = QLineEdit(settings.till_id, objectName="tillIdEdit")
        self.printer_edit = QLineEdit(settings.printer_url, objectName="printerUrlEdit")
        self.printer_edit.setToolTip(
            "escpos+tcp://HOST:9100 · escpos+serial:///dev/ttyUSB0?baudrate=19200 · "
            "escpos+file:///dev/usb/lp0 · sim://"
        )
        self.reader_edit = QLineEdit(settings.card_reader_url, objectName="cardReaderUrlEdit")
        self.error = error_label("settingsError")
        buttons = confirm_buttons(self, "saveSettingsButton", self._try_save, confirm=Standard.Save)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Till id"), self.till_edit)
        form.addRow(self.tr("Receipt printer"), self.printer_edit)
        form.addRow(self.tr("Card reader"), self.reader_edit)
        form.addRow(self.error)
        form.addRow(buttons)

    def result_settings(self) -> TillSettings:
        return TillSettings(
            till_id=self.till_edit.text().strip(),
            printer_url=self.printer_edit.text().strip(),
            card_reader_url=self.reader_edit.text().strip(),
            language=self.language_combo.currentData(),
        )

    def _try_save(self) -> None:
        refusal = self._save(self.result_settings())
        if refusal is None:
            self.accept()
        else:
            self.error.setText(refusal)
