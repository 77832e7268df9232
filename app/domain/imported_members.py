"""One member from another system's export: the checks a row passes before it is brought in.

Pure: cells in, an ``ImportedMember`` or a ``RowRefused`` (a ``ValueError``) whose note is
the reason a person reads in the import report. Phones are normalised as at the till,
names cleaned as enrolment cleans them, cards read as enrolment reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.card_reads import card_number
from app.domain.enrolment import MAX_NAME_LENGTH, Gender, clean_name
from app.domain.money import format_money, parse_money
from app.domain.phone import PhoneProblem, check_phone
from app.domain.row_notes import RowIssue, RowRefused

FIELDS = (
    "phone",
    "name",
    "birthday",
    "card",
    "stored_value",
    "points",
    "tier",
    "expires_on",
    "gender",
    "allergies",
    "notes",
)
REQUIRED = ("phone", "name")
MAX_FIELD = 10_000
MAX_STORED_VALUE = 100_000_000  # ¥1,000,000: a larger balance is a typing mistake
MAX_POINTS = 100_000_000
GENDERS = {
    "": Gender.UNSPECIFIED,
    "男": Gender.MALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "女": Gender.FEMALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
}
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True)
class Tiers:
    """The programme's tiers by every name a file may give them (folded), and the entry
    tier a row without one gets."""

    by_name: Mapping[str, int]
    entry: int


@dataclass(frozen=True)
class ImportedMember:
    line: int
    phone: str
    name: str
    birthday: date | None
    card: str
    stored_value: int
    points: int
    tier_id: int
    expires_on: date | None
    gender: Gender
    allergies: str
    notes: str


_PHONE_ISSUES = {
    PhoneProblem.MOBILE_TOO_SHORT: RowIssue.MOBILE_TOO_SHORT,
    PhoneProblem.MOBILE_TOO_LONG: RowIssue.MOBILE_TOO_LONG,
    PhoneProblem.NO_AREA_CODE: RowIssue.NO_AREA_CODE,
}


def imported_member(
    line: int, cells: Mapping[str, str], tiers: Tiers, today: date
) -> ImportedMember:
    """The member on ``line``; raises ``RowRefused`` with the reason the row is bad."""
    for field, value in cells.items():
        if "\x00" in value:
            raise RowRefused(RowIssue.NUL_BYTE, field)
        if len(value) > MAX_FIELD:
            raise RowRefused(RowIssue.FIELD_TOO_LONG, field, f"{MAX_FIELD:,}")
    cell = {field: cells.get(field, "").strip() for field in FIELDS}
    phone = check_phone(cell["phone"])
    if isinstance(phone, PhoneProblem):
        issue = _PHONE_ISSUES.get(phone, RowIssue.NOT_A_PHONE)
        raise RowRefused(issue, repr(cell["phone"][:30]))
    name = clean_name(cell["name"])
    if not name:
        raise RowRefused(RowIssue.NO_NAME)
    if len(name) > MAX_NAME_LENGTH:
        raise RowRefused(RowIssue.NAME_TOO_LONG, MAX_NAME_LENGTH)
    birthday = _date("birthday", cell["birthday"])
    if birthday is not None and birthday >= today:
        raise RowRefused(RowIssue.BIRTHDAY_NOT_PAST, birthday.isoformat())
    card = card_number(cell["card"]) if cell["card"] else ""
    if cell["card"] and not card:
        raise RowRefused(RowIssue.UNREADABLE_CARD, repr(cell["card"][:30]))
    gender = GENDERS.get(cell["gender"].casefold())
    if gender is None:
        raise RowRefused(RowIssue.UNKNOWN_GENDER, repr(cell["gender"][:20]))
    tier_id = tiers.entry
    if cell["tier"]:
        found = tiers.by_name.get(cell["tier"].casefold())
        if found is None:
            raise RowRefused(RowIssue.UNKNOWN_TIER, repr(cell["tier"][:30]))
        tier_id = found
    return ImportedMember(
        line=line,
        phone=phone,
        name=name,
        birthday=birthday,
        card=card,
        stored_value=_stored_value(cell["stored_value"]),
        points=_points(cell["points"]),
        tier_id=tier_id,
        expires_on=_date("expiry", cell["expires_on"]),
        gender=gender,
        allergies=cell["allergies"],
        notes=cell["notes"],
    )


def _date(what: str, text: str) -> date | None:
    if not text:
        return None
    match = _DATE.fullmatch(text.split(" ")[0])  # Excel may add a time: "2024/1/5 0:00"
    if match is None:
        raise RowRefused(RowIssue.NOT_A_DATE, what, repr(text[:30]))
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        raise RowRefused(RowIssue.NOT_A_DATE, what, repr(text[:30])) from None


def _stored_value(text: str) -> int:
    if not text:
        return 0
    try:
        amount = parse_money(text)
    except ValueError:
        raise RowRefused(RowIssue.NOT_AN_AMOUNT, repr(text[:30])) from None
    if amount < 0:
        raise RowRefused(RowIssue.NEGATIVE_STORED_VALUE, format_money(amount))
    if amount > MAX_STORED_VALUE:
        raise RowRefused(
            RowIssue.STORED_VALUE_TOO_LARGE, format_money(amount), format_money(MAX_STORED_VALUE)
        )
    return amount


def _points(text: str) -> int:
    if not text:
        return 0
    cleaned = text.replace(",", "")
    if cleaned.endswith(".0"):  # Excel writes whole numbers as 120.0
        cleaned = cleaned[:-2]
    try:
        points = int(cleaned)
    except ValueError:
        raise RowRefused(RowIssue.POINTS_NOT_WHOLE, repr(text[:30])) from None
    if points < 0:
        raise RowRefused(RowIssue.NEGATIVE_POINTS, points)
    if points > MAX_POINTS:
        raise RowRefused(RowIssue.TOO_MANY_POINTS, f"{points:,}", f"{MAX_POINTS:,}")
    return points
