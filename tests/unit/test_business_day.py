"""The business day a time belongs to, and the setting that moves its start."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.business_day import business_day, cutoff_hour, day_window


def test_a_sale_at_half_past_one_with_a_four_o_clock_cutoff_is_the_day_before() -> None:
    assert business_day(datetime(2026, 11, 23, 1, 30), 4) == date(2026, 11, 22)
    assert business_day(datetime(2026, 11, 23, 4, 0), 4) == date(2026, 11, 23)


def test_a_midnight_cutoff_is_the_calendar_day() -> None:
    assert business_day(datetime(2026, 11, 23, 0, 0), 0) == date(2026, 11, 23)
    assert business_day(datetime(2026, 11, 22, 23, 59), 0) == date(2026, 11, 22)


def test_a_day_runs_from_its_cutoff_to_the_next() -> None:
    assert day_window(date(2026, 11, 22), 4) == (
        datetime(2026, 11, 22, 4),
        datetime(2026, 11, 23, 4),
    )


@pytest.mark.parametrize(
    ("stored", "hour"),
    [({}, 0), ({"business_day_cutoff_hour": "4"}, 4), ({"business_day_cutoff_hour": "11"}, 11),
     ({"business_day_cutoff_hour": "12"}, 0), ({"business_day_cutoff_hour": "-1"}, 0),
     ({"business_day_cutoff_hour": "four"}, 0), ({"business_day_cutoff_hour": " 3 "}, 3)],
)  # fmt: skip
def test_the_setting_is_an_hour_from_0_to_11_and_absent_means_midnight(
    stored: dict[str, str], hour: int
) -> None:
    assert cutoff_hour(stored) == hour
