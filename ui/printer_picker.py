"""Choose a receipt printer by type and address; the URL field shows (and accepts) the result."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.devices import (
    DEFAULT_PROFILES,
    DeviceUrlError,
    FontCoverage,
    PrinterSpec,
    PrinterTransportKind,
    SerialPortInfo,
    parse_printer_url,
    printer_url,
)

BAUD_RATES = ("9600", "19200", "38400", "57600", "115200")


class PrinterPicker(QWidget):
    """Signals:
    ports_requested(): the user asked to look for serial ports again.
    """

    ports_requested = Signal()

    def __init__(self, url: str) -> None:
        super().__init__(objectName="printerPicker")
        self.kind_combo = QComboBox(objectName="printerKindCombo")
        for kind, label in (
            (PrinterTransportKind.SIM, self.tr("Simulator (on screen)")),
            (PrinterTransportKind.TCP, self.tr("Network printer (port 9100)")),
            (PrinterTransportKind.SERIAL, self.tr("Serial printer")),
            (PrinterTransportKind.USB, self.tr("USB printer (vendor:product)")),
            (PrinterTransportKind.FILE, self.tr("Printer device file")),
            (PrinterTransportKind.PDF, self.tr("PDF files in a folder")),
        ):
            self.kind_combo.addItem(label, kind)
        self.address_edit = QLineEdit(objectName="printerAddressEdit")
        self.port_combo = QComboBox(objectName="serialPortCombo")
        self.port_combo.setEditable(True)
        find = QPushButton(self.tr("Find ports"), objectName="findPortsButton")
        find.clicked.connect(self.ports_requested)
        self.baud_combo = QComboBox(objectName="baudCombo")
        self.baud_combo.addItems(BAUD_RATES)
        self.width_combo = QComboBox(objectName="paperWidthCombo")
        self.width_combo.addItem(self.tr("80 mm (48 columns)"), 80)
        self.width_combo.addItem(self.tr("58 mm (32 columns)"), 58)
        self.pin_combo = QComboBox(objectName="drawerPinCombo")
        self.pin_combo.addItem(self.tr("Pin 2"), 2)
        self.pin_combo.addItem(self.tr("Pin 5"), 5)
        self.font_combo = QComboBox(objectName="printerFontCombo")
        self.font_combo.addItem(self.tr("GB2312 (simplified Chinese)"), FontCoverage.GB2312)
        self.font_combo.addItem(self.tr("GBK (traditional Chinese too)"), FontCoverage.GBK)
        self.font_combo.setToolTip(
            self.tr("Characters the font lacks print as a simplified form, a reading or ?")
        )
        self.url_edit: QLineEdit = QLineEdit(url, objectName="printerUrlEdit")
        self.url_edit.setToolTip(
            "escpos+tcp://HOST:9100 · escpos+serial:///dev/ttyUSB0?baudrate=19200 · "
            "escpos+file:///dev/usb/lp0 · pdf:///FOLDER · sim://"
        )
        ports = QHBoxLayout()
        ports.addWidget(self.port_combo, 1)
        ports.addWidget(find)
        self._ports_row = QWidget()
        self._ports_row.setLayout(ports)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Type"), self.kind_combo)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Serial port"), self._ports_row)
        form.addRow(self.tr("Speed (baud)"), self.baud_combo)
        form.addRow(self.tr("Paper"), self.width_combo)
        form.addRow(self.tr("Cash drawer"), self.pin_combo)
        form.addRow(self.tr("Chinese font"), self.font_combo)
        form.addRow(self.tr("Printer URL"), self.url_edit)
        self._form = form
        self._show_url(url)
        combos = (self.kind_combo, self.baud_combo, self.width_combo, self.pin_combo)
        for combo in (*combos, self.font_combo):
            combo.currentIndexChanged.connect(self._compose)
        self.port_combo.currentTextChanged.connect(self._compose)
        self.address_edit.textEdited.connect(self._compose)
        self.url_edit.editingFinished.connect(lambda: self._show_url(self.url_edit.text()))

    def url(self) -> str:
        return self.url_edit.text().strip()

    def set_ports(self, ports: list[SerialPortInfo]) -> None:
        current = self.port_combo.currentText()
        self.port_combo.blockSignals(True)
        self.port_combo.clear()
        for port in ports:
            label = f"{port.device} — {port.description}" if port.description else port.device
            self.port_combo.addItem(label, port.device)
        self.port_combo.setEditText(current)
        self.port_combo.blockSignals(False)

    def _show_url(self, url: str) -> None:
        """Fill the fields from ``url``; a URL we cannot read stays as typed."""
        try:
            spec = parse_printer_url(url)
        except DeviceUrlError:
            return
        fields = (
            self.kind_combo,
            self.baud_combo,
            self.width_combo,
            self.pin_combo,
            self.font_combo,
            self.port_combo,
            self.address_edit,
        )
        for widget in fields:
            widget.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(spec.kind))
        self.baud_combo.setCurrentText(str(spec.baudrate))
        self.width_combo.setCurrentIndex(self.width_combo.findData(spec.width_mm))
        self.pin_combo.setCurrentIndex(self.pin_combo.findData(spec.drawer_pin))
        self.font_combo.setCurrentIndex(self.font_combo.findData(spec.font))
        if spec.kind is PrinterTransportKind.SERIAL:
            self.port_combo.setEditText(spec.target)
        elif spec.kind is PrinterTransportKind.TCP:
            port = f":{spec.port}" if spec.port != 9100 else ""
            self.address_edit.setText(f"{spec.target}{port}")
        else:
            self.address_edit.setText(spec.target)
        for widget in fields:
            widget.blockSignals(False)
        self._show_rows(spec.kind)

    def _show_rows(self, kind: PrinterTransportKind) -> None:
        serial = kind is PrinterTransportKind.SERIAL
        self._form.setRowVisible(self._ports_row, serial)
        self._form.setRowVisible(self.baud_combo, serial)
        self._form.setRowVisible(
            self.address_edit, kind not in (PrinterTransportKind.SIM, PrinterTransportKind.SERIAL)
        )

    def _compose(self) -> None:
        kind = self.kind_combo.currentData()
        self._show_rows(kind)
        width = int(self.width_combo.currentData())
        spec = PrinterSpec(
            kind,
            width_mm=width,
            profile=DEFAULT_PROFILES[width],
            drawer_pin=int(self.pin_combo.currentData()),
            font=self.font_combo.currentData(),
        )
        address = self.address_edit.text().strip()
        if kind is PrinterTransportKind.TCP:
            host, _, port = address.partition(":")
            spec = replace(spec, target=host, port=int(port) if port.isdigit() else 9100)
        elif kind is PrinterTransportKind.SERIAL:
            device = self.port_combo.currentText().split(" — ")[0].strip()
            spec = replace(spec, target=device, baudrate=int(self.baud_combo.currentText()))
        elif kind in (
            PrinterTransportKind.FILE,
            PrinterTransportKind.PDF,
            PrinterTransportKind.USB,
        ):
            spec = replace(spec, target=address)
        self.url_edit.setText(printer_url(spec))
