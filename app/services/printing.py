"""Receipts into the print outbox, in the checkout's own transaction."""

from __future__ import annotations

from datetime import datetime

from app.domain.money import Currency
from app.domain.payment import PaymentMethod
from app.domain.staff import StaffMember
from app.receipt_text import Language
from app.receipts import build_receipt, build_refund_slip
from app.services.checkout_types import CompletedOrder
from app.services.refunds import RefundPreview
from app.services.spooler import PrintSpooler
from app.unit_of_work import UnitOfWork
from hardware.printing.document import document_to_json
from hardware.printing.escpos_decode import decode_escpos


def slip_text(data: bytes) -> str:
    """What a slip of ESC/POS bytes says, as text: the simulator's on-screen preview."""
    return decode_escpos(data).text


class ReceiptOutbox:
    """Queues each paid order's receipt for the till's printer.

    The cash drawer opens with the receipt of a cash payment only, and never when
    ``drawer_allowed`` is off (training).
    """

    def __init__(
        self,
        spooler: PrintSpooler,
        printer_url: str,
        till_id: str,
        language: Language,
        currency: Currency,
        drawer_allowed: bool = True,
        receipt_header: str | None = None,
        offline: bool = False,
    ) -> None:
        """``receipt_header``: the till's store's header lines; ``None``: the restaurant
        profile's (the settings). ``offline``: the outbox of sales on the local copy (each
        receipt says so)."""
        self._spooler, self._printer_url, self._till_id = spooler, printer_url, till_id
        self._offline = offline
        self._language, self._currency = language, currency
        self._drawer_allowed = drawer_allowed
        self._receipt_header = receipt_header

    def _settings(self, uow: UnitOfWork) -> dict[str, str]:
        settings = uow.restaurant.settings()
        if self._receipt_header is None:
            return settings
        return {**settings, "receipt_header": self._receipt_header}

    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        settings = self._settings(uow)
        document = build_receipt(order, settings, self._language, self._currency, self._offline)
        cash = order.settlement.method is PaymentMethod.CASH
        uow.print_jobs.add(
            till_id=self._till_id,
            printer_url=self._printer_url,
            kind="receipt",
            document=document_to_json(document),
            open_drawer=cash and self._drawer_allowed,
            created_at=order.created_at,
            order_id=order_id,
        )

    def enqueue_refund(
        self,
        uow: UnitOfWork,
        refund: RefundPreview,
        staff: StaffMember,
        approver: StaffMember,
        at: datetime,
    ) -> None:
        document = build_refund_slip(
            refund,
            staff,
            approver,
            at,
            self._till_id,
            self._settings(uow),
            self._language,
            self._currency,
        )
        cash_back = refund.method is PaymentMethod.CASH and refund.money_back > 0
        uow.print_jobs.add(
            till_id=self._till_id,
            printer_url=self._printer_url,
            kind="refund",
            document=document_to_json(document),
            open_drawer=cash_back and self._drawer_allowed,
            created_at=at,
        )

    def notify(self) -> None:
        """After commit: wake the printer's worker."""
        self._spooler.wake(self._printer_url)
