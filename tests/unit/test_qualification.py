from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.qualification import (
    Progress,
    TierThreshold,
    Window,
    after_spend,
    at_anniversary,
    earned_rank,
    progress,
    window,
)

SILVER, GOLD, PLATINUM = 1, 2, 3
THRESHOLDS = (
    TierThreshold(SILVER, 0),
    TierThreshold(GOLD, 300_000),
    TierThreshold(PLATINUM, 1_000_000),
)


@pytest.mark.parametrize(
    ("kind", "today", "joined", "expected"),
    [
        (
            Window.CALENDAR_YEAR,
            date(2026, 11, 22),
            date(2020, 5, 1),
            (date(2026, 1, 1), date(2026, 12, 31)),
        ),
        (
            Window.ROLLING_12_MONTHS,
            date(2026, 11, 22),
            date(2020, 5, 1),
            (date(2025, 11, 23), date(2026, 11, 22)),
        ),
        (
            Window.MEMBERSHIP_YEAR,
            date(2026, 11, 22),
            date(2024, 12, 1),
            (date(2025, 12, 1), date(2026, 11, 30)),
        ),
        (
            Window.MEMBERSHIP_YEAR,
            date(2026, 12, 1),
            date(2024, 12, 1),
            (date(2026, 12, 1), date(2027, 11, 30)),
        ),
        (
            Window.MEMBERSHIP_YEAR,
            date(2029, 3, 1),
            date(2028, 2, 29),
            (date(2029, 2, 28), date(2030, 2, 27)),
        ),
    ],
)
def test_windows(kind: Window, today: date, joined: date, expected: tuple[date, date]) -> None:
    assert window(kind, today, joined) == expected


def test_spend_upgrades_at_once_and_never_downgrades() -> None:
    assert after_spend(SILVER, 299_999, THRESHOLDS) == SILVER
    assert after_spend(SILVER, 300_000, THRESHOLDS) == GOLD
    assert after_spend(PLATINUM, 0, THRESHOLDS) == PLATINUM


@pytest.mark.parametrize(
    ("current", "this_period", "previous", "kept"),
    [
        (GOLD, 300_000, 0, GOLD),  # made it
        (GOLD, 100_000, 400_000, GOLD),  # missed once: the grace period
        (GOLD, 100_000, 100_000, SILVER),  # missed twice: down
        (PLATINUM, 500_000, 200_000, GOLD),  # down to what the better period earned
        (SILVER, 2_000_000, 0, SILVER),  # anniversaries only ever lower (upgrades are at once)
    ],
)
def test_anniversary_downgrades_with_one_period_of_grace(
    current: int, this_period: int, previous: int, kept: int
) -> None:
    assert at_anniversary(current, this_period, previous, THRESHOLDS) == kept


def test_progress_to_the_next_tier() -> None:
    assert progress(SILVER, 268_000, THRESHOLDS) == Progress(GOLD, 32_000)
    assert progress(GOLD, 1_200_000, THRESHOLDS) == Progress(PLATINUM, 0)
    assert progress(PLATINUM, 0, THRESHOLDS) is None


@given(
    st.integers(0, 3_000_000), st.integers(0, 3_000_000), st.sampled_from((SILVER, GOLD, PLATINUM))
)
def test_anniversary_never_raises_and_never_drops_below_what_was_earned(
    this_period: int, previous: int, current: int
) -> None:
    kept = at_anniversary(current, this_period, previous, THRESHOLDS)
    assert kept <= current
    assert kept >= min(current, earned_rank(this_period, THRESHOLDS))
