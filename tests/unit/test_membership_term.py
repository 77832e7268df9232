"""The membership term: expiry a year on, the term an expiry closes, 29 February and
month ends, and the rolling year that shares the arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.membership_term import (
    add_years,
    expiry_after_term,
    first_day_of_year_ending,
    term_start,
)


def test_a_term_expires_on_the_same_day_a_year_later() -> None:
    assert expiry_after_term(date(2026, 11, 22)) == date(2027, 11, 22)
    assert expiry_after_term(date(2026, 11, 22), years=2) == date(2028, 11, 22)


def test_a_term_from_29_february_expires_on_28_february() -> None:
    assert expiry_after_term(date(2028, 2, 29)) == date(2029, 2, 28)
    assert expiry_after_term(date(2028, 2, 29), years=4) == date(2032, 2, 29)


def test_a_term_from_28_february_never_moves_to_the_leap_day() -> None:
    assert expiry_after_term(date(2027, 2, 28)) == date(2028, 2, 28)


def test_the_fallback_to_28_february_is_not_undone_by_the_next_renewal() -> None:
    once = expiry_after_term(date(2028, 2, 29))
    assert once == date(2029, 2, 28)
    assert expiry_after_term(expiry_after_term(expiry_after_term(once))) == date(2032, 2, 28)


@pytest.mark.parametrize(
    "month_end",
    [date(2026, 1, 31), date(2026, 4, 30), date(2026, 12, 31), date(2027, 2, 28)],
)
def test_month_ends_other_than_29_february_keep_their_day(month_end: date) -> None:
    assert expiry_after_term(month_end) == month_end.replace(year=month_end.year + 1)
    assert term_start(month_end) == month_end.replace(year=month_end.year - 1) + timedelta(1)


def test_the_term_ending_on_an_expiry_starts_the_day_after_a_year_earlier() -> None:
    assert term_start(date(2027, 11, 22)) == date(2026, 11, 23)
    assert term_start(date(2027, 1, 1)) == date(2026, 1, 2)
    assert term_start(date(2026, 12, 31)) == date(2026, 1, 1)  # exactly the calendar year


def test_the_term_ending_on_29_february_starts_on_1_march() -> None:
    assert term_start(date(2028, 2, 29)) == date(2027, 3, 1)
    assert term_start(date(2029, 2, 28)) == date(2028, 2, 29)  # a leap day inside the term
    assert term_start(date(2028, 2, 28)) == date(2027, 3, 1)  # 28 and 29 Feb: same start


def test_the_rolling_year_counts_back_as_the_term_does() -> None:
    assert first_day_of_year_ending(date(2026, 11, 22)) == date(2025, 11, 23)
    assert first_day_of_year_ending(date(2028, 2, 29)) == date(2027, 3, 1)


def test_add_years_goes_both_ways() -> None:
    assert add_years(date(2028, 2, 29), -1) == date(2027, 2, 28)
    assert add_years(date(2028, 2, 29), 0) == date(2028, 2, 29)
    assert add_years(date(2026, 3, 1), -2) == date(2024, 3, 1)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(9000, 12, 31)))
def test_the_term_an_expiry_closes_starts_the_day_after_the_term_began(start: date) -> None:
    expires = expiry_after_term(start)
    assert (expires - start).days in (365, 366)
    leap_day = (start.month, start.day) == (2, 29)  # expires on 28 Feb: its term has the 29th
    assert term_start(expires) == (start if leap_day else start + timedelta(days=1))
    assert first_day_of_year_ending(expires) == term_start(expires)
