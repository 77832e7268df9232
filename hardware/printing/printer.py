"""A receipt printer: a profile to render with and a transport to send through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hardware.printing.document import ReceiptDocument
from hardware.printing.escpos_render import drawer_pulse, render_escpos
from hardware.printing.status import PrinterStatus
from hardware.printing.transports import (
    Delivery,
    FileTransport,
    SerialTransport,
    SimTransport,
    TcpTransport,
    Transport,
    UsbTransport,
)
from hardware.urls import PrinterSpec, PrinterTransportKind, parse_printer_url

if TYPE_CHECKING:
    from hardware.printing.pdf import PdfPrinter


class EscposPrinter:
    """Renders documents with the printer's profile and sends the bytes. Blocking."""

    def __init__(self, spec: PrinterSpec, transport: Transport) -> None:
        self.spec = spec
        self.transport = transport

    def describe(self) -> str:
        return self.transport.describe()

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        drawer_pin = self.spec.drawer_pin if open_drawer else None
        data = render_escpos(doc, self.spec.profile, drawer_pin=drawer_pin, font=self.spec.font)
        return self.transport.deliver(data)

    def probe(self) -> PrinterStatus | None:
        return self.transport.probe()

    def kick_drawer(self) -> Delivery:
        """Open the cash drawer wired to this printer, printing nothing."""
        return self.transport.deliver(drawer_pulse(self.spec.profile, self.spec.drawer_pin))


def open_printer(url: str) -> EscposPrinter | PdfPrinter:
    """Build the printer a URL names; nothing is opened until the first job."""
    spec = parse_printer_url(url)
    if spec.kind is PrinterTransportKind.PDF:
        from hardware.printing.pdf import PdfPrinter  # reportlab: 0.25 s, for pdf:// only

        return PdfPrinter(spec.target, spec.width_mm, spec.font)
    transport: Transport
    if spec.kind is PrinterTransportKind.TCP:
        transport = TcpTransport(spec.target, spec.port, spec.timeout_s)
    elif spec.kind is PrinterTransportKind.SERIAL:
        transport = SerialTransport(spec.target, spec.baudrate, spec.timeout_s)
    elif spec.kind is PrinterTransportKind.USB:
        vendor, product = (int(part, 16) for part in spec.target.split(":"))
        transport = UsbTransport(vendor, product, spec.timeout_s)
    elif spec.kind is PrinterTransportKind.FILE:
        transport = FileTransport(spec.target)
    else:
        transport = SimTransport()
    return EscposPrinter(spec, transport)
