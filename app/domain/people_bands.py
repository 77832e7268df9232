"""Age bands and genders for splitting behaviour clusters, used only for members who
agreed to sensitive data being used (``consent_sensitive``)."""

from __future__ import annotations

from datetime import date

AGE_BANDS = ((25, "age_under_25"), (35, "age_25_34"), (45, "age_35_44"), (55, "age_45_54"))
"""(first age not in the band, key), youngest first; from 55 on: ``OLDEST_BAND``."""
OLDEST_BAND = "age_55_plus"
NO_BIRTHDAY = "age_unknown"
GENDERS = ("female", "male", "gender_unspecified")
_GENDER_OF = {
    "female": "female",
    "f": "female",
    "女": "female",
    "male": "male",
    "m": "male",
    "男": "male",
}


def age_on(birthday: date, day: date) -> int:
    """Whole years from ``birthday`` to ``day`` (a 29 February birthday turns a year older
    on 1 March in other years)."""
    before_birthday = (day.month, day.day) < (birthday.month, birthday.day)
    return day.year - birthday.year - before_birthday


def age_band(birthday: date | None, day: date) -> str:
    """The band's key: ``age_under_25`` ... ``age_55_plus``, or ``age_unknown``."""
    if birthday is None:
        return NO_BIRTHDAY
    age = age_on(birthday, day)
    return next((key for below, key in AGE_BANDS if age < below), OLDEST_BAND)


def band_order() -> tuple[str, ...]:
    return (*(key for _below, key in AGE_BANDS), OLDEST_BAND, NO_BIRTHDAY)


def gender_of(stored: str) -> str:
    """``female``, ``male`` or ``gender_unspecified`` from what the member row holds (the
    till writes ``female``/``male``; imports and older rows may hold ``F``/``M``/女/男)."""
    return _GENDER_OF.get(stored.strip().casefold(), "gender_unspecified")
