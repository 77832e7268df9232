"""Print a paid order's receipt on the till's printer. Blocking: call it off the GUI thread."""

from __future__ import annotations

from app.domain.money import Currency
from app.domain.payment import PaymentMethod
from app.ports import ReceiptPrinter
from app.receipt_text import Language
from app.receipts import build_receipt
from app.services.catalog import CatalogService
from app.services.checkout import CompletedOrder
from hardware.printing.escpos_decode import decode_escpos


def slip_text(data: bytes) -> str:
    """What a slip of ESC/POS bytes says, as text: the simulator's on-screen preview."""
    return decode_escpos(data).text


class ReceiptService:
    def __init__(self, printer: ReceiptPrinter, catalog: CatalogService, currency: Currency):
        self._printer, self._catalog, self._currency = printer, catalog, currency

    def describe_printer(self) -> str:
        return self._printer.describe()

    def print_receipt(self, order: CompletedOrder, language: Language) -> None:
        """Render and send; the drawer opens only for cash. Raises ``HardwareError``."""
        settings = self._catalog.restaurant_settings()
        document = build_receipt(order, settings, language, self._currency)
        cash = order.settlement.method is PaymentMethod.CASH
        self._printer.print_receipt(document, open_drawer=cash)
