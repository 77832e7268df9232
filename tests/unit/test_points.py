from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.points import (
    LedgerEntry,
    PointsPolicy,
    max_redeemable,
    points_to_expire,
    redemption_value,
)

POLICY = PointsPolicy(fen_per_point=1, min_redeem=100, max_share_bp=5_000, life_days=365)
TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("balance", "bill", "usable"),
    [
        (1_280, 10_000, 1_280),  # ¥100 bill: up to ¥50 in points, all 1,280 fit
        (9_000, 10_000, 5_000),  # capped at half the bill
        (99, 10_000, 0),  # below the minimum redemption
        (5_000, 150, 0),  # half of ¥1.50 is 75 points: below the minimum
        (5_000, 0, 0),
    ],
)
def test_redeemable_points(balance: int, bill: int, usable: int) -> None:
    assert max_redeemable(balance, bill, POLICY) == usable
    assert redemption_value(usable, POLICY) <= bill * POLICY.max_share_bp // 10_000


def test_oldest_points_are_used_first_and_the_rest_of_old_lots_expire() -> None:
    entries = [
        LedgerEntry(TODAY - timedelta(days=400), 1_000),  # older than a year
        LedgerEntry(TODAY - timedelta(days=380), 500),
        LedgerEntry(TODAY - timedelta(days=100), 300),
        LedgerEntry(TODAY - timedelta(days=50), -1_200),  # redemption: the oldest 1,200
    ]
    assert points_to_expire(entries, TODAY, POLICY) == 300  # what is left of the 500
    entries.append(LedgerEntry(TODAY, -300))
    assert points_to_expire(entries, TODAY, POLICY) == 0  # running again expires nothing


ledgers = st.lists(
    st.tuples(st.integers(0, 1_000), st.integers(-2_000, 2_000)), min_size=1, max_size=30
)


@given(ledgers, st.integers(0, 1_100))
def test_expiry_never_takes_more_than_is_held_and_is_idempotent(
    raw: list[tuple[int, int]], days_later: int
) -> None:
    start = date(2024, 1, 1)
    entries: list[LedgerEntry] = []
    balance = 0
    for offset, delta in sorted(raw):
        delta = max(delta, -balance)  # a ledger never goes below zero
        balance += delta
        entries.append(LedgerEntry(start + timedelta(days=offset), delta))
    today = start + timedelta(days=days_later)
    expiring = points_to_expire(entries, today, POLICY)
    assert 0 <= expiring <= balance
    entries.append(LedgerEntry(today, -expiring))
    assert points_to_expire(entries, today, POLICY) == 0
