"""What refunding some units of an order's lines gives back: the units' share of every
order-level figure (points redeemed and earned, stored value paid, qualifying spend).

Each line's net is spread over its units, then every order figure over all units in
proportion to those unit nets (``money.allocate``), once, the same way every time. A
refund takes the shares of the next units not yet refunded, so shares of successive
partial refunds never overlap, and all units together add up to each figure exactly.
The refund that completes the order takes what is left of each figure instead, so the
order is always reversed to the unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.money import allocate


@dataclass(frozen=True)
class SoldLine:
    position: int
    quantity: int
    net: int
    refunded: int = 0
    """Units refunded before."""

    @property
    def refundable(self) -> int:
        return self.quantity - self.refunded


@dataclass(frozen=True)
class OrderFigures:
    """The order-level figures that belong to its item lines."""

    points_redeemed: int = 0
    points_value: int = 0
    points_earned: int = 0
    qualifying_spend: int = 0
    stored_value_principal: int = 0
    stored_value_bonus: int = 0
    """The part of a stored-value payment that paid for the items."""


@dataclass(frozen=True)
class Share:
    net: int
    points_redeemed: int
    points_value: int
    points_earned: int
    qualifying_spend: int
    stored_value_principal: int
    stored_value_bonus: int

    @property
    def paid_by_tender(self) -> int:
        """What the guest paid for these units in cash or by card (not points, not stored
        value)."""
        paid = self.net - self.points_value
        return max(paid - self.stored_value_principal - self.stored_value_bonus, 0)


class RefundTooLarge(ValueError):
    pass


def line_share(
    lines: Sequence[SoldLine], figures: OrderFigures, refunding: Mapping[int, int]
) -> Share:
    """The share of ``refunding`` (line position -> units) in each figure of the order."""
    by_position = {line.position: line for line in lines}
    for position, units in refunding.items():
        line = by_position.get(position)
        if line is None:
            raise RefundTooLarge(f"the order has no line {position}")
        if units < 0 or units > line.refundable:
            raise RefundTooLarge(f"line {position} has {line.refundable} units left to refund")
    weights: list[int] = []
    chosen: list[bool] = []
    for line in lines:
        weights += allocate(line.net, [1] * line.quantity) if line.quantity else []
        start = line.refunded
        end = start + refunding.get(line.position, 0)
        chosen += [start <= unit < end for unit in range(line.quantity)]

    def share_of(total: int) -> int:
        if not total or not any(chosen):
            return 0
        parts = allocate(total, weights) if sum(weights) else allocate(total, [1] * len(weights))
        return sum(part for part, pick in zip(parts, chosen, strict=True) if pick)

    return Share(
        net=sum(weight for weight, pick in zip(weights, chosen, strict=True) if pick),
        points_redeemed=share_of(figures.points_redeemed),
        points_value=share_of(figures.points_value),
        points_earned=share_of(figures.points_earned),
        qualifying_spend=share_of(figures.qualifying_spend),
        stored_value_principal=share_of(figures.stored_value_principal),
        stored_value_bonus=share_of(figures.stored_value_bonus),
    )
