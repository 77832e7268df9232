"""Offline allowances: a member spends offline up to the smaller of their last known
balance and their tier's allowance, per outage."""

from __future__ import annotations

from app.domain.offline import (
    DEFAULT_STORED_VALUE_ALLOWANCE,
    Allowance,
    OfflineSpend,
    allowance_key,
    allowance_of,
    allowance_refusal,
)

GOLD = Allowance(stored_value=30_000, points=3_000)


def test_a_tier_without_a_setting_allows_the_default() -> None:
    assert allowance_of({}, "GOLD").stored_value == DEFAULT_STORED_VALUE_ALLOWANCE
    settings = {
        allowance_key("stored_value", "GOLD"): "12000",
        allowance_key("points", "GOLD"): "5",
    }
    assert allowance_of(settings, "GOLD") == Allowance(12_000, 5)
    assert allowance_of({allowance_key("points", "GOLD"): "lots"}, "GOLD").points == 3_000


def test_spending_up_to_the_allowance_fits_and_beyond_it_is_refused_in_one_sentence() -> None:
    known = OfflineSpend(stored_value=50_000, points=9_000)
    assert allowance_refusal(known, OfflineSpend(20_000), OfflineSpend(10_000), GOLD) is None
    refusal = allowance_refusal(known, OfflineSpend(20_000), OfflineSpend(10_001), GOLD)
    assert refusal is not None and "at most ¥100.00 from stored value" in refusal


def test_the_last_known_balance_limits_below_the_allowance() -> None:
    known = OfflineSpend(stored_value=5_000, points=200)
    assert allowance_refusal(known, OfflineSpend(), OfflineSpend(5_000), GOLD) is None
    refusal = allowance_refusal(known, OfflineSpend(), OfflineSpend(points=300), GOLD)
    assert refusal is not None and "at most 200 points" in refusal
