"""The renewal, tier upgrade and top-up sold on an order, refunded on their own.

Each goes back at most once: a renewal is refunded when its row names a refund; an
upgrade or a top-up when a refund of the order gave back its fee. Refunded alone:

- a renewal returns the fee and the expiry it replaced;
- an upgrade returns the fee difference and the tier before it;
- a top-up returns its principal, and principal and bonus leave the balance (refused
  when the balance no longer holds them).

A fee paid with stored value goes back to the balances it came from, in the same
proportions the order's stored-value payment was split between food and fees.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from app.domain.money import allocate
from app.domain.orders import OrderEntry, RecordedOrder, RefundsSoFar
from app.unit_of_work import UnitOfWork


class Extra(enum.Enum):
    RENEWAL = "renewal"
    UPGRADE = "upgrade"
    TOP_UP = "top_up"


@dataclass(frozen=True)
class ExtrasBack:
    """What refunding some extras gives back."""

    renewal: int = 0
    upgrade: int = 0
    top_up: int = 0
    stored_value_payment: tuple[int, int] = (0, 0)
    """(principal, bonus) of a stored-value payment of the fees, back to the balances."""
    top_up_reversal: tuple[int, int] = (0, 0)
    """(principal, bonus) the top-up takes out of the balances again."""

    @property
    def fees(self) -> int:
        return self.renewal + self.upgrade + self.top_up


def extras_left(uow: UnitOfWork, order: RecordedOrder, so_far: RefundsSoFar) -> frozenset[Extra]:
    """The extras on ``order`` no refund has given back yet (``so_far``: its refunds)."""
    renewal = uow.order_history.renewal(order.order_id)
    left = set()
    if renewal is not None and not renewal.refunded:
        left.add(Extra.RENEWAL)
    if order.upgrade_fee and not so_far.upgrade_back:
        left.add(Extra.UPGRADE)
    if order.top_up and not so_far.top_up_back:
        left.add(Extra.TOP_UP)
    return frozenset(left)


def extras_back(
    order: RecordedOrder,
    chosen: Collection[Extra],
    paid_with_stored_value: bool,
    stored_value_entries: Sequence[OrderEntry],
) -> ExtrasBack:
    """What giving back ``chosen`` returns, from the order and its own stored-value entries."""
    renewal = order.renewal_fee if Extra.RENEWAL in chosen else 0
    upgrade = order.upgrade_fee if Extra.UPGRADE in chosen else 0
    top_up = order.top_up if Extra.TOP_UP in chosen else 0
    payment = (0, 0)
    if paid_with_stored_value and (renewal or upgrade):
        payment = _fees_paid_with_stored_value(order, stored_value_entries, renewal, upgrade)
    reversal = _top_up_entry(stored_value_entries) if top_up else (0, 0)
    return ExtrasBack(renewal, upgrade, top_up, payment, (-reversal[0], -reversal[1]))


def payment_parts(order: RecordedOrder, amount: int) -> tuple[int, ...]:
    """``amount`` of the order's stored-value payment split between (food, renewal,
    upgrade) in proportion: partial refunds of food and of fees use the same split, so
    together they never give back more than was paid."""
    items_paid = order.total - order.points_value
    return allocate(amount, [items_paid, order.renewal_fee, order.upgrade_fee])


def _fees_paid_with_stored_value(
    order: RecordedOrder, entries: Sequence[OrderEntry], renewal: int, upgrade: int
) -> tuple[int, int]:
    payments = [entry for entry in entries if entry.reason == "payment"]
    principal_parts = payment_parts(order, -sum(entry.principal for entry in payments))
    bonus_parts = payment_parts(order, -sum(entry.bonus for entry in payments))
    back_principal = (principal_parts[1] if renewal else 0) + (principal_parts[2] if upgrade else 0)
    back_bonus = (bonus_parts[1] if renewal else 0) + (bonus_parts[2] if upgrade else 0)
    return back_principal, back_bonus


def _top_up_entry(entries: Sequence[OrderEntry]) -> tuple[int, int]:
    top_up = next((entry for entry in entries if entry.reason == "top_up"), None)
    return (top_up.principal, top_up.bonus) if top_up is not None else (0, 0)
