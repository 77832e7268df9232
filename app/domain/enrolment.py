"""Rules for a new member's details: what is required, and which records look alike."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.name_keys import fold, is_han, reading
from app.domain.phone import PhoneProblem, check_phone
from app.domain.tiers import TierId

MAX_NAME_LENGTH = 64


class EnrolmentProblem(enum.Enum):
    BAD_PHONE = "bad_phone"
    MOBILE_TOO_SHORT = "mobile_too_short"
    MOBILE_TOO_LONG = "mobile_too_long"
    NO_AREA_CODE = "no_area_code"
    NO_NAME = "no_name"
    NAME_TOO_LONG = "name_too_long"
    BIRTHDAY_NOT_PAST = "birthday_not_past"
    CARD_UNREADABLE = "card_unreadable"
    PHONE_TAKEN = "phone_taken"
    CARD_TAKEN = "card_taken"
    LOOKS_LIKE_EXISTING = "looks_like_existing"


class Gender(enum.Enum):
    UNSPECIFIED = ""
    FEMALE = "female"
    MALE = "male"


@dataclass(frozen=True)
class EnrolmentForm:
    """What the cashier typed; ``card`` is what the reader sent (or was typed), if any."""

    phone: str
    name: str
    birthday: date | None = None
    gender: Gender = Gender.UNSPECIFIED
    card: str = ""
    preferences: str = ""
    allergies: str = ""
    marketing_consent: bool = False


@dataclass(frozen=True)
class NewMember:
    """A member as enrolment writes them; the store gives them their id and number."""

    name: str
    phone: str
    birthday: date | None
    gender: Gender
    tier_id: TierId
    joined_on: date
    expires_on: date
    preferences: str
    allergies: str
    marketing_consent: bool
    segment: str
    enrolled_by: int
    created_at: datetime
    till_id: str = ""
    """The enrolling till: the member joined at its store (``members.joined_store_id``)."""


def member_number(member_id: int) -> str:
    """The number on the member's card and receipts (``M0000123``), from their id."""
    return f"M{member_id:07d}"


PHONE_PROBLEMS = {
    PhoneProblem.MOBILE_TOO_SHORT: EnrolmentProblem.MOBILE_TOO_SHORT,
    PhoneProblem.MOBILE_TOO_LONG: EnrolmentProblem.MOBILE_TOO_LONG,
    PhoneProblem.NO_AREA_CODE: EnrolmentProblem.NO_AREA_CODE,
}
"""Why a phone was refused, when it is more than "not a phone number"."""


def form_problems(form: EnrolmentForm, today: date) -> list[EnrolmentProblem]:
    """Problems visible without the database, in the order the form shows its fields."""
    problems: list[EnrolmentProblem] = []
    phone = check_phone(form.phone)
    if isinstance(phone, PhoneProblem):
        problems.append(PHONE_PROBLEMS.get(phone, EnrolmentProblem.BAD_PHONE))
    name = clean_name(form.name)
    if not name:
        problems.append(EnrolmentProblem.NO_NAME)
    elif len(name) > MAX_NAME_LENGTH:
        problems.append(EnrolmentProblem.NAME_TOO_LONG)
    if form.birthday is not None and form.birthday >= today:
        problems.append(EnrolmentProblem.BIRTHDAY_NOT_PAST)
    return problems


def clean_name(name: str) -> str:
    """Outer spaces off and inner runs of spaces as one: ``' Emily   Chen '``."""
    return " ".join(name.split())


def names_look_alike(a: str, b: str) -> bool:
    """Same person written twice?

    Same letters ignoring case, accents, spaces and word order; or one letter apart
    (a typo); or one Chinese character apart where both read the same (the homophone a
    pinyin input method offers first: 张伟/张炜, but not 张伟/王伟).
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or sorted(fold(w) for w in a.split()) == sorted(fold(w) for w in b.split()):
        return True
    return _within_one_edit(fa, fb)


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] != b[i + 1 :]:
            return False
        return not (is_han(a[i]) or is_han(b[i])) or reading(a[i]) == reading(b[i])
    return a[i:] == b[i + 1 :]
