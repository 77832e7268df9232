"""The status-bar part about devices: print-job messages, retry, printer and display state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.devices import ReaderState
from app.diagnostics import Finding, check_printer
from app.ports import CardReader, CustomerDisplay, PrintPreview, ReceiptPrinter
from app.services.spooler import JobState, JobStatus, PrintSpooler
from ui.background import BackgroundRunner
from ui.errors import describe_error, fault_error
from ui.fit import ElidedLabel

DEVICE_CHECK_MS = 30_000
OK_STYLE, BAD_STYLE = "color: #1b5e20;", "color: #b00020;"


@dataclass(frozen=True)
class TillDevices:
    """The devices at this till and the print queue that feeds its printer. They travel
    together because the cashier window wires all their callbacks to the GUI thread (and
    unwires them on close) and this status bar shows the state of each."""

    printer: ReceiptPrinter
    printer_url: str
    card_reader: CardReader
    spooler: PrintSpooler
    display: CustomerDisplay | None = None
    print_preview: PrintPreview | None = None
    """The simulated printer's slips, for the on-screen receipt (``None``: a real one)."""


class DeviceStatus(QWidget):
    """Probes the printer off the GUI thread at start and every 30 s; shows job changes."""

    def __init__(self, devices: TillDevices) -> None:
        super().__init__(objectName="deviceStatus")
        self._devices = devices
        self.printer_status = ElidedLabel(objectName="printerStatus")
        self.retry_print_button = QPushButton(self.tr("Retry print"), objectName="retryPrintButton")
        self.retry_print_button.setMinimumHeight(44)
        self.retry_print_button.setEnabled(False)
        self.retry_print_button.clicked.connect(devices.spooler.retry_now)
        self.printer_state = QLabel(objectName="printerState")
        self.display_state = QLabel(objectName="displayState")
        self.reader_state = QLabel(objectName="readerState")
        self.reader_state.setToolTip(devices.card_reader.describe())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)  # off the screen's edge, maximised with no frame
        for widget in (
            self.printer_status,
            self.retry_print_button,
            self.printer_state,
            self.display_state,
            self.reader_state,
        ):
            layout.addWidget(widget)
        device = (
            self.tr("simulated printer")
            if devices.print_preview is not None
            else devices.printer.describe()
        )
        self.printer_status.setText(self.tr("Printer: %1").replace("%1", device))
        self._runner = BackgroundRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(DEVICE_CHECK_MS)
        self._timer.timeout.connect(self.check_devices)
        self._timer.start()
        QTimer.singleShot(0, self, self.check_devices)  # not once this widget is deleted

    def show_print_job(self, job: JobState) -> None:
        """A job changed state (on the GUI thread): say so, and offer a retry on failure."""
        failed = job.status is JobStatus.FAILED
        self.retry_print_button.setEnabled(failed)
        if failed:
            text = self.tr("Receipt %1 NOT printed: %2. It will print when the printer is back.")
            headline = describe_error(fault_error(job))
            self.printer_status.setText(text.replace("%1", job.reference).replace("%2", headline))
        elif job.status is JobStatus.PRINTING:
            self.printer_status.setText(self.tr("Printing %1…").replace("%1", job.reference))
        elif job.status is JobStatus.PRINTED:
            self.printer_status.setText(self.tr("Receipt %1 printed").replace("%1", job.reference))
        elif job.status is JobStatus.SENT_UNCONFIRMED:
            text = self.tr("Receipt %1 sent (the printer does not confirm)")
            self.printer_status.setText(text.replace("%1", job.reference))

    def show_reader_state(self, state: ReaderState) -> None:
        """The card reader connected, went away or is being reopened (GUI thread)."""
        texts = {
            ReaderState.CONNECTED: self.tr("Card reader ●"),
            ReaderState.CONNECTING: self.tr("Card reader: connecting…"),
            ReaderState.DISCONNECTED: self.tr("Card reader ✗ unplugged? Reconnecting…"),
        }
        self.reader_state.setText(texts[state])
        self.reader_state.setStyleSheet(OK_STYLE if state is ReaderState.CONNECTED else BAD_STYLE)

    def check_devices(self) -> None:
        url = self._devices.printer_url

        def show(finding: Finding) -> None:
            self.printer_state.setStyleSheet(OK_STYLE if finding.ok else BAD_STYLE)
            self.printer_state.setText("●" if finding.ok else "✗")
            self.printer_state.setToolTip(finding.message)

        self._runner.submit(lambda: check_printer(url), show, lambda _error: None)
        display = self._devices.display
        self.display_state.setVisible(display is not None)
        if display is not None:
            online = display.online
            text = self.tr("Display ●") if online else self.tr("Display ✗ not responding")
            self.display_state.setText(text)
            self.display_state.setToolTip(display.describe())
            self.display_state.setStyleSheet(OK_STYLE if online else BAD_STYLE)

    def stop(self) -> None:
        self._timer.stop()
        self._runner.wait_for_done(5_000)
