"""The till's devices as Qt signals: callbacks from any thread reach the GUI thread queued."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.ports import DisplayPreview, KeyboardWedge
from ui.cashier.device_status import TillDevices
from ui.wedge_filter import WedgeFilter, install_wedge_filter


class DeviceBridge(QObject):
    """``attach`` starts the card reader and listens to the print queue, the simulated
    printer and the display; ``detach`` undoes each of them.

    Signals:
        card_read(str): a swipe or scan, as the reader sent it.
        reader_state(object): the reader's ``ReaderState`` changed.
        slip_printed(bytes): the simulated printer printed these bytes.
        job_changed(object): a print job's ``JobState`` changed.
        display_changed(str, str): the customer display's two lines.
    """

    card_read = Signal(str)
    reader_state = Signal(object)
    slip_printed = Signal(bytes)
    job_changed = Signal(object)
    display_changed = Signal(str, str)

    def __init__(self, devices: TillDevices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._devices = devices
        self._wedge: WedgeFilter | None = None

    def attach(self) -> None:
        devices = self._devices
        # Bound methods compare equal, so the same expressions remove them in detach.
        if devices.print_preview is not None:
            devices.print_preview.add_listener(self.slip_printed.emit)
        devices.card_reader.start(self.card_read.emit, self.reader_state.emit)
        qapp = QApplication.instance()
        if qapp is not None and isinstance(devices.card_reader, KeyboardWedge):
            self._wedge = install_wedge_filter(qapp, devices.card_reader)
        devices.spooler.add_listener(self.job_changed.emit)
        if isinstance(devices.display, DisplayPreview):
            devices.display.add_listener(self.display_changed.emit)
            self.display_changed.emit(*devices.display.lines)

    def detach(self) -> None:
        devices = self._devices
        devices.card_reader.stop()
        if self._wedge is not None:
            self._wedge.remove()
            self._wedge = None
        devices.spooler.remove_listener(self.job_changed.emit)
        if isinstance(devices.display, DisplayPreview):
            devices.display.remove_listener(self.display_changed.emit)
        if devices.print_preview is not None:
            devices.print_preview.remove_listener(self.slip_printed.emit)
