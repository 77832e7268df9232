"""A receipt printer: a profile to render with and a transport to send through."""

from __future__ import annotations

from hardware.printing.document import ReceiptDocument
from hardware.printing.escpos_render import columns_for, render_escpos
from hardware.printing.transports import (
    Delivery,
    FileTransport,
    SerialTransport,
    SimTransport,
    TcpTransport,
    Transport,
)
from hardware.urls import PrinterSpec, PrinterTransportKind, parse_printer_url


class EscposPrinter:
    """Renders documents with the printer's profile and sends the bytes. Blocking."""

    def __init__(self, spec: PrinterSpec, transport: Transport) -> None:
        self.spec = spec
        self.transport = transport
        self.columns = columns_for(spec.profile)

    def describe(self) -> str:
        return self.transport.describe()

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        return self.transport.deliver(
            render_escpos(doc, self.spec.profile, open_drawer=open_drawer)
        )


def open_printer(url: str) -> EscposPrinter:
    """Build the printer a URL names; nothing is opened until the first job."""
    spec = parse_printer_url(url)
    transport: Transport
    if spec.kind is PrinterTransportKind.TCP:
        transport = TcpTransport(spec.target, spec.port, spec.timeout_s)
    elif spec.kind is PrinterTransportKind.SERIAL:
        transport = SerialTransport(spec.target, spec.baudrate, spec.timeout_s)
    elif spec.kind is PrinterTransportKind.FILE:
        transport = FileTransport(spec.target)
    else:
        transport = SimTransport()
    return EscposPrinter(spec, transport)
