"""How a checkout numbers its order (``app.domain.order_numbers``): the server's next
number, the local copy's next offline one, or the offline number a replayed sale was
printed with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from app.domain.order_numbers import offline_number
from app.errors import CheckoutRefused
from app.unit_of_work import UnitOfWork


class OrderNumbering(Protocol):
    def take(self, uow: UnitOfWork, till_id: str, day: date) -> tuple[date, int]:
        """The order's business day and sequence (below zero: an offline number), in the
        checkout's own unit of work."""


class ServerNumbers:
    """The till's next number of the day: 1, 2, 3…"""

    def take(self, uow: UnitOfWork, till_id: str, day: date) -> tuple[date, int]:
        return day, uow.orders.next_sequence(till_id, day)


class OfflineNumbers:
    """On the local copy: the next offline number (``L0001``…) of the till and day, past
    every one this till used or the server holds (``Orders.next_offline_sequence``)."""

    def take(self, uow: UnitOfWork, till_id: str, day: date) -> tuple[date, int]:
        return day, -uow.orders.next_offline_sequence(till_id, day)


@dataclass(frozen=True)
class AsNumbered:
    """A replayed offline sale keeps the number on its slip (its day too: a business day
    cut-off changed meanwhile does not move it)."""

    order_no: str

    def take(self, uow: UnitOfWork, till_id: str, day: date) -> tuple[date, int]:
        number = offline_number(self.order_no)
        if number is None or number.till_id != till_id:
            raise CheckoutRefused(f"{self.order_no} is not an offline number of till {till_id}")
        return number.business_day, number.sequence
