"""A receipt printer that marks every slip as training and never opens the drawer."""

from __future__ import annotations

from dataclasses import replace

from app.ports import ReceiptPrinter
from hardware.errors import HardwareError
from hardware.printing.document import ReceiptDocument
from hardware.printing.status import PrinterStatus
from hardware.printing.transports import Delivery


class MarkedPrinter:
    def __init__(self, inner: ReceiptPrinter, mark: str) -> None:
        self.inner, self._mark = inner, mark

    def describe(self) -> str:
        return f"{self.inner.describe()} [{self._mark}]"

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        banner = f"{self._mark} · {doc.banner}" if doc.banner else self._mark
        return self.inner.print_receipt(replace(doc, banner=banner), open_drawer=False)

    def kick_drawer(self) -> Delivery:
        raise HardwareError("the cash drawer never opens in training")

    def probe(self) -> PrinterStatus | None:
        return self.inner.probe()
