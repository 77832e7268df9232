"""How a bill is settled: cash with change, an external card terminal or stored value
for the exact sum. Points are not a tender: they are redeemed on the bill itself."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class PaymentMethod(enum.Enum):
    CASH = "cash"
    CARD_TERMINAL = "card_terminal"
    STORED_VALUE = "stored_value"
    POINTS = "points"  # recorded as a payment line; chosen on the bill, never tendered


class PaymentRefused(ValueError):
    """The tender does not settle the bill; ``str()`` says why."""


@dataclass(frozen=True)
class Tender:
    """What the guest hands over; ``tendered`` in minor units."""

    method: PaymentMethod
    tendered: int
    reference: str = ""


@dataclass(frozen=True)
class Settlement:
    method: PaymentMethod
    amount: int
    tendered: int
    change: int
    reference: str


MAX_CASH_OVER = 100_000_00  # a tender this far above the bill is a typing slip


def settle(total: int, tender: Tender) -> Settlement:
    if total < 0:
        raise PaymentRefused("the bill total is negative")
    if tender.method is PaymentMethod.POINTS:
        raise PaymentRefused("points are redeemed on the bill, not tendered")
    if tender.method is PaymentMethod.CARD_TERMINAL:
        if tender.tendered != total:
            raise PaymentRefused("the card terminal must be charged exactly the bill total")
        return Settlement(tender.method, total, total, 0, tender.reference.strip())
    if tender.method is PaymentMethod.STORED_VALUE:
        if tender.tendered != total:
            raise PaymentRefused("stored value pays exactly the bill total")
        return Settlement(tender.method, total, total, 0, "")
    if tender.tendered < total:
        raise PaymentRefused("the cash tendered is less than the bill")
    if tender.tendered - total > MAX_CASH_OVER:
        raise PaymentRefused("the cash tendered is implausibly large; check the amount")
    return Settlement(tender.method, total, tender.tendered, tender.tendered - total, "")
