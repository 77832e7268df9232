from datetime import date

import pytest

from app.domain.people_bands import age_band, age_on, gender_of


@pytest.mark.parametrize(
    ("day", "age"),
    [(date(2027, 2, 28), 2), (date(2027, 3, 1), 3), (date(2028, 2, 29), 4)],
)
def test_a_leap_day_birthday_turns_a_year_older_on_the_first_of_march(day: date, age: int) -> None:
    assert age_on(date(2024, 2, 29), day) == age


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2001, 12, 5), "age_under_25"),  # 24 until tomorrow
        (date(2001, 12, 4), "age_25_34"),
        (date(1971, 12, 4), "age_55_plus"),
        (date(1971, 12, 5), "age_45_54"),
        (None, "age_unknown"),
    ],
)
def test_bands_change_on_the_birthday(born: date | None, band: str) -> None:
    assert age_band(born, date(2026, 12, 4)) == band


@pytest.mark.parametrize(
    ("stored", "gender"),
    [
        ("female", "female"),
        ("F", "female"),
        (" 女 ", "female"),
        ("m", "male"),
        ("", "gender_unspecified"),
        ("x", "gender_unspecified"),
    ],
)
def test_every_way_a_gender_is_stored_reads_as_one(stored: str, gender: str) -> None:
    assert gender_of(stored) == gender
