"""One member from another system's export: the checks a row passes before it is brought in.

Pure: cells in, an ``ImportedMember`` or a ``ValueError`` whose text is the reason a person
reads in the import report. Phones are normalised as at the till, names cleaned as
enrolment cleans them, cards read as enrolment reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.card_reads import card_number
from app.domain.enrolment import MAX_NAME_LENGTH, Gender, clean_name
from app.domain.money import format_money, parse_money
from app.domain.phone import normalise_phone

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


def imported_member(
    line: int, cells: Mapping[str, str], tiers: Tiers, today: date
) -> ImportedMember:
    """The member on ``line``; raises ``ValueError`` with the reason the row is bad."""
    for field, value in cells.items():
        if "\x00" in value:
            raise ValueError(f"the {field} holds a NUL byte")
        if len(value) > MAX_FIELD:
            raise ValueError(f"the {field} is longer than {MAX_FIELD:,} characters")
    cell = {field: cells.get(field, "").strip() for field in FIELDS}
    phone = normalise_phone(cell["phone"])
    if phone is None:
        raise ValueError(f"{cell['phone'][:30]!r} is not a phone number")
    name = clean_name(cell["name"])
    if not name:
        raise ValueError("the name is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"the name is longer than {MAX_NAME_LENGTH} characters")
    birthday = _date("birthday", cell["birthday"])
    if birthday is not None and birthday >= today:
        raise ValueError(f"the birthday {birthday.isoformat()} is not in the past")
    card = card_number(cell["card"]) if cell["card"] else ""
    if cell["card"] and not card:
        raise ValueError(f"the card number {cell['card'][:30]!r} cannot be read")
    gender = GENDERS.get(cell["gender"].casefold())
    if gender is None:
        raise ValueError(f"the gender is 男/女, male/female or empty, not {cell['gender'][:20]!r}")
    tier_id = tiers.entry
    if cell["tier"]:
        found = tiers.by_name.get(cell["tier"].casefold())
        if found is None:
            raise ValueError(f"there is no tier called {cell['tier'][:30]!r}")
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
        raise ValueError(f"the {what} {text[:30]!r} is not a date (write 2024-01-31)")
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ValueError(f"the {what} {text[:30]!r} is not a date (write 2024-01-31)") from None


def _stored_value(text: str) -> int:
    if not text:
        return 0
    try:
        amount = parse_money(text)
    except ValueError as error:
        raise ValueError(f"the stored value: {error}") from None
    if amount < 0:
        raise ValueError(f"the stored value {format_money(amount)} is negative")
    if amount > MAX_STORED_VALUE:
        raise ValueError(f"the stored value {format_money(amount)} is over ¥1,000,000")
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
        raise ValueError(f"the points {text[:30]!r} are not a whole number") from None
    if points < 0:
        raise ValueError(f"the points {points} are negative")
    if points > MAX_POINTS:
        raise ValueError(f"the points {points:,} are over {MAX_POINTS:,}")
    return points
