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
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.money import allocate
from db.ledgers import SqlLedgers
from db.models import MembershipRenewalRow, OrderRow, RefundRow, StoredValueLedgerRow


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


def extras_left(session: Session, order: OrderRow) -> frozenset[Extra]:
    """The extras on ``order`` no refund has given back yet."""
    upgrade_back, top_up_back = session.execute(
        select(
            func.coalesce(func.sum(RefundRow.upgrade_fen), 0),
            func.coalesce(func.sum(RefundRow.top_up_fen), 0),
        ).where(RefundRow.order_id == order.id)
    ).one()
    left = set()
    renewal = session.scalar(
        select(MembershipRenewalRow).where(MembershipRenewalRow.order_id == order.id)
    )
    if renewal is not None and renewal.refund_id is None:
        left.add(Extra.RENEWAL)
    if order.upgrade_fen and not upgrade_back:
        left.add(Extra.UPGRADE)
    if order.top_up_fen and not top_up_back:
        left.add(Extra.TOP_UP)
    return frozenset(left)


def extras_back(
    session: Session, order: OrderRow, chosen: Collection[Extra], paid_with_stored_value: bool
) -> ExtrasBack:
    renewal = order.renewal_fen if Extra.RENEWAL in chosen else 0
    upgrade = order.upgrade_fen if Extra.UPGRADE in chosen else 0
    top_up = order.top_up_fen if Extra.TOP_UP in chosen else 0
    payment = (0, 0)
    if paid_with_stored_value and (renewal or upgrade):
        payment = _fees_paid_with_stored_value(session, order, renewal, upgrade)
    reversal = _top_up_entry(session, order) if top_up else (0, 0)
    return ExtrasBack(renewal, upgrade, top_up, payment, (-reversal[0], -reversal[1]))


def payment_parts(order: OrderRow, amount: int) -> tuple[int, ...]:
    """``amount`` of the order's stored-value payment split between (food, renewal,
    upgrade) in proportion: partial refunds of food and of fees use the same split, so
    together they never give back more than was paid."""
    items_paid = order.total_fen - order.points_value_fen
    return allocate(amount, [items_paid, order.renewal_fen, order.upgrade_fen])


def _fees_paid_with_stored_value(
    session: Session, order: OrderRow, renewal: int, upgrade: int
) -> tuple[int, int]:
    paid = SqlLedgers(session).stored_value_on_order(order.id, "payment", by_refunds=False)
    principal_parts = payment_parts(order, -paid.principal)
    bonus_parts = payment_parts(order, -paid.bonus)
    back_principal = (principal_parts[1] if renewal else 0) + (principal_parts[2] if upgrade else 0)
    back_bonus = (bonus_parts[1] if renewal else 0) + (bonus_parts[2] if upgrade else 0)
    return back_principal, back_bonus


def _top_up_entry(session: Session, order: OrderRow) -> tuple[int, int]:
    row = session.execute(
        select(StoredValueLedgerRow.principal_delta_fen, StoredValueLedgerRow.bonus_delta_fen)
        .where(
            StoredValueLedgerRow.order_id == order.id,
            StoredValueLedgerRow.reason == "top_up",
            StoredValueLedgerRow.refund_id.is_(None),
        )
        .limit(1)
    ).one_or_none()
    return (int(row[0]), int(row[1])) if row is not None else (0, 0)
