"""The print jobs list and reprints on the side the counter sells on: the server's outbox
online; offline, the local copy's (the offline sales' receipts, each marked offline), so
a slip sold offline can be seen, sent elsewhere and reprinted while the server is gone."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from app.services.spooler import JobState, PrintSpooler

if TYPE_CHECKING:  # the dialog imports this module; the counter's is heavy
    from app.offline.counter import OfflineCounter


class PrintJobs(Protocol):
    """What the print jobs dialog asks of an outbox (``PrintSpooler`` is one)."""

    def recent(self, limit: int = 50) -> list[JobState]: ...

    def reprint(self, order_no: str, printer_url: str, request_key: str | None = None) -> int: ...

    def redirect(self, job_id: int, printer_url: str) -> None: ...

    def retry_now(self) -> None: ...


class NoOfflineReceipt(LookupError):
    """Offline, a reprint finds only the receipts of the sales made on the copy."""


class SwitchedPrintJobs:
    """Each call goes to the server's spooler or, while the counter sells on the local copy,
    to the copy's (blocking: call off the GUI thread)."""

    def __init__(self, online: PrintSpooler, counter: OfflineCounter) -> None:
        self._online, self._counter = online, counter

    def _copy(self) -> PrintSpooler | None:
        counter = self._counter
        return counter.services().spooler if counter.side.offline else None

    def recent(self, limit: int = 50) -> list[JobState]:
        copy = self._copy()
        if copy is None:
            return self._online.recent(limit)
        return [replace(job, offline=True) for job in copy.recent(limit)]

    def reprint(self, order_no: str, printer_url: str, request_key: str | None = None) -> int:
        copy = self._copy()
        if copy is None:
            return self._online.reprint(order_no, printer_url, request_key)
        try:
            return copy.reprint(order_no, printer_url, request_key)
        except LookupError as missing:
            raise NoOfflineReceipt(str(missing)) from None

    def redirect(self, job_id: int, printer_url: str) -> None:
        copy = self._copy()
        (self._online if copy is None else copy).redirect(job_id, printer_url)

    def retry_now(self) -> None:
        self._online.retry_now()
        if self._counter.side.offline:
            self._counter.services().spooler.retry_now()
