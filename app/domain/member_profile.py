"""Rules for editing a member's profile and consents, and for erasing it.

An edit is checked by the same rules as an enrolment (``app.domain.enrolment``: a phone
however people write it, a name, a birthday in the past). Each changed field becomes one
``FieldChange`` with its before and after as text, which is what the edit history keeps:
dates as ISO text, consents as ``true``/``false``, gender as its stored value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields, replace
from datetime import date

from app.domain.enrolment import (
    EnrolmentForm,
    EnrolmentProblem,
    Gender,
    clean_name,
    form_problems,
)
from app.domain.member_story import MAX_TEXT_LENGTH
from app.domain.phone import normalise_phone

ERASED_NAME = "已删除会员 #{member_no}"
"""An erased member's name: a pseudonym that names nobody, only the member number."""
REDACTED = "[erased]"
"""What an erased member's personal values in the edit history and notes become."""


class ProfileField(enum.Enum):
    """A field of the profile; the value is what ``member_changes.field`` holds."""

    NAME = "name"
    PHONE = "phone"
    BIRTHDAY = "birthday"
    GENDER = "gender"
    PREFERENCES = "preferences"
    ALLERGIES = "allergies"
    NOTES = "notes"
    MARKETING_CONSENT = "marketing_consent"
    CONSENT_THIRD_PARTY = "consent_third_party"
    CONSENT_AUTOMATED = "consent_automated"
    CONSENT_SENSITIVE = "consent_sensitive"


CONSENT_FIELDS = frozenset(
    {
        ProfileField.MARKETING_CONSENT,
        ProfileField.CONSENT_THIRD_PARTY,
        ProfileField.CONSENT_AUTOMATED,
        ProfileField.CONSENT_SENSITIVE,
    }
)
PERSONAL_FIELDS = frozenset(ProfileField) - CONSENT_FIELDS
"""Fields whose values identify or describe the person: redacted on erasure."""


class ProfileProblem(enum.Enum):
    """Why an edit or an erasure was refused."""

    BAD_PHONE = "bad_phone"
    MOBILE_TOO_SHORT = "mobile_too_short"
    MOBILE_TOO_LONG = "mobile_too_long"
    NO_AREA_CODE = "no_area_code"
    NO_NAME = "no_name"
    NAME_TOO_LONG = "name_too_long"
    BIRTHDAY_NOT_PAST = "birthday_not_past"
    TEXT_TOO_LONG = "text_too_long"
    PHONE_TAKEN = "phone_taken"
    MEMBER_NOT_FOUND = "member_not_found"
    MERGED = "merged"
    ERASED = "erased"
    CONFIRMATION_MISMATCH = "confirmation_mismatch"
    STORED_VALUE_LEFT = "stored_value_left"


_FROM_ENROLMENT = {
    EnrolmentProblem.BAD_PHONE: ProfileProblem.BAD_PHONE,
    EnrolmentProblem.MOBILE_TOO_SHORT: ProfileProblem.MOBILE_TOO_SHORT,
    EnrolmentProblem.MOBILE_TOO_LONG: ProfileProblem.MOBILE_TOO_LONG,
    EnrolmentProblem.NO_AREA_CODE: ProfileProblem.NO_AREA_CODE,
    EnrolmentProblem.NO_NAME: ProfileProblem.NO_NAME,
    EnrolmentProblem.NAME_TOO_LONG: ProfileProblem.NAME_TOO_LONG,
    EnrolmentProblem.BIRTHDAY_NOT_PAST: ProfileProblem.BIRTHDAY_NOT_PAST,
}


@dataclass(frozen=True)
class Consents:
    """What the member agreed to: direct marketing, disclosure to third parties,
    automated decisions (segments), and keeping sensitive data."""

    marketing: bool = False
    third_party: bool = False
    automated: bool = False
    sensitive: bool = False


@dataclass(frozen=True)
class ProfileValues:
    """The editable profile, as the edit dialog shows it and sends it back."""

    name: str
    phone: str
    birthday: date | None = None
    gender: Gender = Gender.UNSPECIFIED
    preferences: str = ""
    allergies: str = ""
    notes: str = ""
    consents: Consents = Consents()


@dataclass(frozen=True)
class FieldChange:
    field: ProfileField
    old: str
    new: str


@dataclass(frozen=True)
class StoredProfile:
    """A member's profile as stored, with what decides whether it may still be edited."""

    member_id: int
    member_no: str
    values: ProfileValues
    erased: bool = False
    merged: bool = False


def not_editable(profile: StoredProfile | None) -> ProfileProblem | None:
    """Why the profile cannot be edited: no such member, erased, or merged into another."""
    if profile is None:
        return ProfileProblem.MEMBER_NOT_FOUND
    if profile.erased:
        return ProfileProblem.ERASED
    if profile.merged:
        return ProfileProblem.MERGED
    return None


def profile_problems(values: ProfileValues, today: date) -> list[ProfileProblem]:
    """What is wrong with ``values`` without the database, as at enrolment."""
    form = EnrolmentForm(values.phone, values.name, values.birthday, values.gender)
    problems = [_FROM_ENROLMENT[p] for p in form_problems(form, today) if p in _FROM_ENROLMENT]
    texts = (values.preferences, values.allergies, values.notes)
    if any(len(text.strip()) > MAX_TEXT_LENGTH for text in texts):
        problems.append(ProfileProblem.TEXT_TOO_LONG)
    return problems


def cleaned(values: ProfileValues) -> ProfileValues:
    """``values`` as stored: the phone's bare digits, the name's spaces tidied, texts
    trimmed. Only for values without ``profile_problems``."""
    phone = normalise_phone(values.phone)
    assert phone is not None, "checked by profile_problems"
    return replace(
        values,
        name=clean_name(values.name),
        phone=phone,
        preferences=values.preferences.strip(),
        allergies=values.allergies.strip(),
        notes=values.notes.strip(),
    )


def as_text(value: object) -> str:
    """A field's value as the edit history keeps it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Gender):
        return value.value
    return str(value)


def flat(values: ProfileValues) -> dict[ProfileField, object]:
    """Every field of ``values`` by ``ProfileField``, consents included."""
    found: dict[ProfileField, object] = {
        ProfileField(f.name): getattr(values, f.name)
        for f in fields(values)
        if f.name != "consents"
    }
    c = values.consents
    found[ProfileField.MARKETING_CONSENT] = c.marketing
    found[ProfileField.CONSENT_THIRD_PARTY] = c.third_party
    found[ProfileField.CONSENT_AUTOMATED] = c.automated
    found[ProfileField.CONSENT_SENSITIVE] = c.sensitive
    return found


def changes(before: ProfileValues, after: ProfileValues) -> list[FieldChange]:
    """One entry per field that differs, in ``ProfileField`` order."""
    old, new = flat(before), flat(after)
    return [
        FieldChange(field, as_text(old[field]), as_text(new[field]))
        for field in ProfileField
        if old[field] != new[field]
    ]


def erased_name(member_no: str) -> str:
    return ERASED_NAME.format(member_no=member_no)


def confirms(typed: str, member_no: str) -> bool:
    """Whether the manager typed the member number to confirm an erasure (case and outer
    spaces do not matter)."""
    return typed.strip().upper() == member_no.upper()
