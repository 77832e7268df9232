from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.stored_value import (
    Balances,
    ConsumptionOrder,
    InsufficientStoredValue,
    Split,
    TopUpRule,
    after_payment,
    after_refund,
    split_payment,
    top_up_bonus,
)

RULES = (TopUpRule(50_000, 4_000), TopUpRule(100_000, 10_000), TopUpRule(200_000, 25_000))


@pytest.mark.parametrize(
    ("amount", "bonus"),
    [(0, 0), (49_999, 0), (50_000, 4_000), (99_999, 4_000), (100_000, 10_000), (500_000, 25_000)],
)
def test_the_best_rule_reached_gives_the_bonus(amount: int, bonus: int) -> None:
    assert top_up_bonus(amount, RULES) == bonus


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (ConsumptionOrder.PROPORTIONAL, Split(10_000, 1_000)),  # ¥1000 + ¥100 bonus: 10 : 1
        (ConsumptionOrder.PRINCIPAL_FIRST, Split(11_000, 0)),
        (ConsumptionOrder.BONUS_FIRST, Split(1_000, 10_000)),
    ],
)
def test_consumption_orders(order: ConsumptionOrder, expected: Split) -> None:
    assert split_payment(11_000, Balances(100_000, 10_000), order) == expected


def test_proportional_rounds_the_principal_share_half_up() -> None:
    assert split_payment(1, Balances(1, 1), ConsumptionOrder.PROPORTIONAL) == Split(1, 0)
    assert split_payment(5, Balances(100, 10), ConsumptionOrder.PROPORTIONAL) == Split(5, 0)
    assert split_payment(6, Balances(100, 10), ConsumptionOrder.PROPORTIONAL) == Split(5, 1)


def test_a_payment_beyond_the_balance_is_refused() -> None:
    with pytest.raises(InsufficientStoredValue) as refused:
        split_payment(11_001, Balances(10_000, 1_000), ConsumptionOrder.PROPORTIONAL)
    assert (refused.value.wanted, refused.value.available) == (11_001, 11_000)


balances = st.builds(Balances, st.integers(0, 10**9), st.integers(0, 10**8))


@given(balances, st.data(), st.sampled_from(ConsumptionOrder))
def test_any_split_takes_exactly_the_amount_and_never_overdraws(
    start: Balances, data: st.DataObject, order: ConsumptionOrder
) -> None:
    amount = data.draw(st.integers(0, start.total))
    split = split_payment(amount, start, order)
    assert split.total == amount
    assert 0 <= split.principal <= start.principal and 0 <= split.bonus <= start.bonus
    left = after_payment(start, split)
    assert left.principal >= 0 and left.bonus >= 0
    assert after_refund(left, split) == start  # a refund restores both balances exactly
