"""Stored value (储值): top-up bonuses and how a payment is split between principal and bonus.

Principal is money the member paid in; bonus is what the restaurant added ("top up
¥1000, get ¥100"). They are separate balances because they are refunded and
accounted differently: a refunded top-up returns principal only.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import TillError


class ConsumptionOrder(enum.Enum):
    PROPORTIONAL = "proportional"  # each payment takes principal and bonus pro rata
    PRINCIPAL_FIRST = "principal_first"
    BONUS_FIRST = "bonus_first"


@dataclass(frozen=True)
class Balances:
    principal: int
    bonus: int

    @property
    def total(self) -> int:
        return self.principal + self.bonus


class Split(Balances):
    """What a stored-value payment takes from each balance (minor units, both >= 0)."""


@dataclass(frozen=True)
class TopUpRule:
    """A top-up of at least ``minimum`` earns ``bonus`` (the best matching rule applies)."""

    minimum: int
    bonus: int


class InsufficientStoredValue(TillError):
    def __init__(self, wanted: int, available: int) -> None:
        super().__init__(f"stored value {available} is less than {wanted}")
        self.wanted, self.available = wanted, available


def top_up_bonus(amount: int, rules: Iterable[TopUpRule]) -> int:
    """The bonus for topping up ``amount``: the rule with the highest minimum reached.

    Rules do not add up: topping up ¥1000 under "¥500 → ¥40, ¥1000 → ¥100" gives ¥100.
    """
    if amount <= 0:
        return 0
    reached = [rule for rule in rules if rule.minimum <= amount]
    return max(reached, key=lambda rule: rule.minimum).bonus if reached else 0


def split_payment(amount: int, balances: Balances, order: ConsumptionOrder) -> Split:
    """Take ``amount`` from the balances; raises when they do not cover it.

    Proportional splits round the principal share half up; the bonus share is the
    rest, moved back to principal if the bonus balance cannot cover it.
    """
    if amount < 0:
        raise ValueError("a payment is never negative")
    if amount > balances.total:
        raise InsufficientStoredValue(amount, balances.total)
    if order is ConsumptionOrder.PRINCIPAL_FIRST:
        principal = min(amount, balances.principal)
    elif order is ConsumptionOrder.BONUS_FIRST:
        principal = amount - min(amount, balances.bonus)
    elif balances.total == 0:
        principal = 0
    else:
        principal = (2 * amount * balances.principal + balances.total) // (2 * balances.total)
    bonus = amount - principal
    if bonus > balances.bonus:
        principal, bonus = amount - balances.bonus, balances.bonus
    if principal > balances.principal:
        principal, bonus = balances.principal, amount - balances.principal
    return Split(principal, bonus)


def after_payment(balances: Balances, split: Split) -> Balances:
    return Balances(balances.principal - split.principal, balances.bonus - split.bonus)


def after_refund(balances: Balances, split: Split) -> Balances:
    """A refunded stored-value payment puts back exactly what it took from each balance."""
    return Balances(balances.principal + split.principal, balances.bonus + split.bonus)
