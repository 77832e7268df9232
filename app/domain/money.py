"""Money as integer minor units (fen, cents), basis points, and the one rounding helper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NewType

Fen = NewType("Fen", int)
"""An amount in the currency's minor unit (fen for CNY, cents for USD/EUR)."""

BASIS_POINTS_PER_WHOLE = 10_000


def apply_basis_points(amount: int, basis_points: int) -> int:
    """Return ``amount * basis_points / 10000`` rounded half-up to a whole minor unit.

    This is the single rounding step of the till: every percentage (tier discount,
    offer) is turned into minor units here, once per order line, so the receipt,
    the ledger and the reports add up to the unit.  Half-up means 0.5 fen rounds away
    from zero (``Decimal.ROUND_HALF_UP``), which is how Chinese tills round.
    """
    if basis_points < 0:
        raise ValueError(f"basis points must not be negative, got {basis_points}")
    exact = Decimal(amount) * Decimal(basis_points) / Decimal(BASIS_POINTS_PER_WHOLE)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Currency:
    """How amounts are shown: symbol and digits after the decimal point."""

    code: str = "CNY"
    symbol: str = "¥"
    minor_digits: int = 2


CNY = Currency()
CURRENCIES = {"CNY": CNY, "USD": Currency("USD", "$", 2), "EUR": Currency("EUR", "€", 2)}
"""The currencies a restaurant may choose at set-up, by code."""


def format_money(amount: int, currency: Currency = CNY) -> str:
    """Format minor units for people: ``1250`` -> ``¥12.50``, ``-300`` -> ``-¥3.00``."""
    sign = "-" if amount < 0 else ""
    whole, minor = divmod(abs(amount), 10**currency.minor_digits)
    if currency.minor_digits == 0:
        return f"{sign}{currency.symbol}{whole:,}"
    return f"{sign}{currency.symbol}{whole:,}.{minor:0{currency.minor_digits}d}"


def parse_money(text: str, currency: Currency = CNY) -> int:
    """Parse what a cashier types (``12``, ``12.5``, ``¥1,200.00``) into minor units.

    Raises ``ValueError`` with a readable message for anything else, including more
    decimals than the currency has.
    """
    cleaned = text.strip().replace(currency.symbol, "").replace(",", "").replace("，", "")
    cleaned = cleaned.replace("￥", "").replace("。", ".").strip()
    if not cleaned:
        raise ValueError("enter an amount")
    try:
        value = Decimal(cleaned)
    except ArithmeticError as exc:  # decimal.InvalidOperation
        raise ValueError(f"not an amount: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    scaled = value * (10**currency.minor_digits)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"too many decimals in {text!r}")
    return int(scaled)


def discount_label_percent(basis_points: int) -> str:
    """``1000`` -> ``10% off``; the English way of naming a discount."""
    whole, rest = divmod(basis_points, 100)
    return f"{whole}% off" if rest == 0 else f"{whole}.{rest:02d}".rstrip("0") + "% off"


def discount_label_zhe(basis_points: int) -> str:
    """``1000`` -> ``9折``, ``1500`` -> ``8.5折``: the Chinese way (price paid, in tenths)."""
    paid_tenths = Decimal(BASIS_POINTS_PER_WHOLE - basis_points) / Decimal(1000)
    text = format(paid_tenths.normalize(), "f")
    return f"{text}折"


def allocate(amount: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Split ``amount`` over ``weights`` in proportion, so the parts add up exactly.

    Each part is the floor of its exact share; the minor units left over go one each to
    the largest remainders (ties: the larger weight, then the earlier position). Used to
    spread an amount off an order over its lines.
    """
    total = sum(weights)
    if amount < 0 or any(weight < 0 for weight in weights):
        raise ValueError("allocate takes a non-negative amount and weights")
    if total == 0:
        if amount:
            raise ValueError("nothing to allocate an amount over")
        return tuple(0 for _ in weights)
    shares = [amount * weight // total for weight in weights]
    remainders = [amount * weight % total for weight in weights]
    left = amount - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -weights[i], i))
    for index in order[:left]:
        shares[index] += 1
    return tuple(shares)
