"""Till settings: language, till id, the receipt printer (with checks) and the card reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.backups.status import BackupStatus
from app.config import TillSettings
from app.devices import SerialPortInfo
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.fit import resize_within_screen
from ui.printer_picker import PrinterPicker
from ui.reader_settings import ReaderSettings
from ui.widgets import Standard, confirm_buttons, error_label


@dataclass(frozen=True)
class DeviceActions:
    """Blocking device checks the dialog runs off the GUI thread; each returns a sentence."""

    check_printer: Callable[[str], str]
    test_print: Callable[[str], str]
    test_drawer: Callable[[str], str]
    serial_ports: Callable[[], list[SerialPortInfo]]


class SettingsDialog(QDialog):
    """Edits a copy of the settings; Save asks ``save`` and stays open with its refusal.

    ``save`` returns ``None`` when the settings were stored, or the reason, in the
    interface language, why they were not.
    """

    def __init__(
        self,
        settings: TillSettings,
        save: Callable[[TillSettings], str | None],
        devices: DeviceActions,
        parent: QWidget | None = None,
        backup: BackupStatus | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Till settings"))
        self.setMinimumWidth(620)
        self._save, self._devices = save, devices
        self.runner = BackgroundRunner(self)
        self.language_combo = QComboBox(objectName="languageCombo")
        for code, name in (
            ("system", self.tr("System default")),
            ("zh", "简体中文"),
            ("en", "English"),
        ):
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language))
        self.till_edit = QLineEdit(settings.till_id, objectName="tillIdEdit")
        self.reader = ReaderSettings(settings.card_reader_url)
        self.reader_edit = self.reader.url_edit
        self.display_edit = QLineEdit(settings.display_url, objectName="displayUrlEdit")
        self.display_edit.setToolTip(
            "vfd+serial:///dev/ttyUSB1?baudrate=9600 · sim:// · " + self.tr("empty for none")
        )
        self.printer = PrinterPicker(settings.printer_url)
        self.printer.ports_requested.connect(self.find_ports)
        self.device_result = QLabel(objectName="deviceResult")
        self.device_result.setWordWrap(True)
        self.error = error_label("settingsError")

        checks = QHBoxLayout()
        for name, text, action in (
            ("checkPrinterButton", self.tr("Check printer"), devices.check_printer),
            ("testPrintButton", self.tr("Test print"), devices.test_print),
            ("drawerTestButton", self.tr("Drawer test"), devices.test_drawer),
        ):
            button = QPushButton(text, objectName=name)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _c=False, run=action: self._run_device(run))
            checks.addWidget(button)
        printer_box = QGroupBox(self.tr("Receipt printer"))
        printer_layout = QVBoxLayout(printer_box)
        printer_layout.addWidget(self.printer)
        printer_layout.addLayout(checks)
        printer_layout.addWidget(self.device_result)
        self.training_printer = QCheckBox(
            self.tr("In training mode, print on this printer (slips marked TRAINING)"),
            objectName="trainingRealPrinterCheck",
        )
        self.training_printer.setChecked(settings.training_real_printer)
        printer_layout.addWidget(self.training_printer)

        self.full_screen = QCheckBox(
            self.tr("Open the till full screen"), objectName="fullScreenCheck"
        )
        self.full_screen.setChecked(settings.full_screen)
        self.usual_dishes = QCheckBox(
            self.tr("Show a member's usual dishes"), objectName="usualDishesCheck"
        )
        self.usual_dishes.setChecked(settings.usual_dishes)
        self.pairing_hints = QCheckBox(
            self.tr("Suggest a dish often ordered with the order's"),
            objectName="pairingHintsCheck",
        )
        self.pairing_hints.setChecked(settings.pairing_hints)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.full_screen)
        form.addRow(self.usual_dishes)
        form.addRow(self.pairing_hints)
        form.addRow(self.tr("Till id"), self.till_edit)
        form.addRow(self.tr("Card reader"), self.reader)
        form.addRow(self.tr("Customer display"), self.display_edit)
        if backup is not None:
            self.backup_label = QLabel(self._backup_text(backup), objectName="lastBackupLabel")
            self.backup_label.setWordWrap(True)
            form.addRow(self.backup_label)
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()  # side by side: one above the other is taller than 768 px
        columns.addLayout(form, 1)
        columns.addWidget(printer_box, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(
            confirm_buttons(self, "saveSettingsButton", self._try_save, confirm=Standard.Save)
        )
        for combo in self.findChildren(QComboBox):  # a long choice shows whole when opened
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        resize_within_screen(self, 980, 540)  # two columns with room to read each field
        self.find_ports()

    def _backup_text(self, backup: BackupStatus) -> str:
        if not backup.embedded:
            return self.tr("Last backup: made on the PostgreSQL server.")
        if backup.last is None:
            return self.tr("Last backup: none yet.")
        return (
            self.tr("Last backup: %1, in %2")
            .replace("%1", f"{backup.last.made:%Y-%m-%d %H:%M}")
            .replace("%2", str(backup.last.path.parent))
        )

    def result_settings(self) -> TillSettings:
        return TillSettings(
            till_id=self.till_edit.text().strip(),
            printer_url=self.printer.url(),
            card_reader_url=self.reader_edit.text().strip(),
            display_url=self.display_edit.text().strip(),
            language=self.language_combo.currentData(),
            training_real_printer=self.training_printer.isChecked(),
            full_screen=self.full_screen.isChecked(),
            usual_dishes=self.usual_dishes.isChecked(),
            pairing_hints=self.pairing_hints.isChecked(),
        )

    def find_ports(self) -> None:
        self.runner.submit(
            self._devices.serial_ports,
            self.printer.set_ports,
            lambda error: self.device_result.setText(describe_error(error)),
        )

    def _run_device(self, action: Callable[[str], str]) -> None:
        url = self.printer.url()
        self.device_result.setText(self.tr("Working…"))
        self.runner.submit(
            lambda: action(url),
            self.device_result.setText,
            lambda error: self.device_result.setText(describe_error(error)),
        )

    def _try_save(self) -> None:
        refusal = self._save(self.result_settings())
        if refusal is None:
            self.accept()
        else:
            self.error.setText(refusal)

    def done(self, result: int) -> None:
        self.runner.wait_for_done(10_000)  # a device check must not outlive the dialog
        super().done(result)
