"""What a cashier typed into the one search box, read as the lookups to try in order."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.domain.members import MemberSummary
from app.domain.name_keys import KeyKind, fold, is_han, simplified
from app.domain.phone import (
    MAX_DIALLED,
    MOBILE_DIGITS,
    PhoneProblem,
    check_phone,
    clean_lookup_text,
    legacy_from_digits,
    spelled_digits,
    stored_from_digits,
)

MEMBER_NO = re.compile(r"M[\s._·\-\u2010-\u2015\u2212\uff0d]*(\d{5,12})", re.IGNORECASE)
_CN_PREFIX = re.compile(r"^(?:\+86|0086|86)(?=1)")
_LATIN_NAME = re.compile(r"[a-z]+", re.IGNORECASE)

LAST_FOUR = 4


class LookupKind(enum.Enum):
    CARD = "card"
    MEMBER_NO = "member_no"
    PHONE = "phone"
    PHONE_LAST4 = "phone_last4"
    PHONE_PREFIX = "phone_prefix"
    NAME = "name"
    PINYIN_INITIALS = "pinyin_initials"
    PINYIN = "pinyin"

    @property
    def is_exact(self) -> bool:
        """One identifier names one member: the till may select it at once."""
        return self in (LookupKind.CARD, LookupKind.MEMBER_NO, LookupKind.PHONE)


KEY_KIND = {
    LookupKind.NAME: KeyKind.NAME,
    LookupKind.PINYIN_INITIALS: KeyKind.INITIALS,
    LookupKind.PINYIN: KeyKind.PINYIN,
}


@dataclass(frozen=True)
class Lookup:
    kind: LookupKind
    value: str


class MemberMatch(NamedTuple):
    """One member a lookup found, whatever found them (a merged-away record too)."""

    member_id: int
    member_no: str
    name: str
    phone: str
    expires_on: date | None
    merged_into_id: int | None
    tier_name_zh: str
    tier_name_en: str


class CardMatch(NamedTuple):
    member: MemberMatch
    card_status: str


class LoadedMember(NamedTuple):
    """A member read with balances; ``merged_into_id`` is the record they went into."""

    member: MemberSummary
    merged_into_id: int | None


def plan_lookups(typed: str) -> list[Lookup]:
    """The lookups to run for ``typed``, most specific first; empty when nothing fits.

    Digits are a card number, a whole phone written any common way (exact), the phone's
    last four digits, or the start of a phone number; ``M`` and digits (``M 0000001``,
    ``m-0000001``) a member number; Chinese characters the start of a name, in either
    script (张伟 finds 張偉); Latin letters the start of a name, of pinyin initials
    (``zs`` for 张三) or of full pinyin (``zhangs``).
    """
    text = clean_lookup_text(typed)
    if not text:
        return []
    folded = unicodedata.normalize("NFKC", text)
    member_no = MEMBER_NO.fullmatch(folded.strip())
    if member_no:
        return [Lookup(LookupKind.MEMBER_NO, f"M{member_no.group(1)}")]
    digits = spelled_digits(folded)
    if digits is not None:
        return _digit_lookups(digits)
    phone = check_phone(folded)
    if isinstance(phone, str):  # a landline with its extension
        return [Lookup(LookupKind.PHONE, phone)]
    key = simplified(fold(folded))
    if not key:
        return []
    if _LATIN_NAME.fullmatch(key):
        return [
            Lookup(LookupKind.NAME, key),
            Lookup(LookupKind.PINYIN_INITIALS, key),
            Lookup(LookupKind.PINYIN, key),
        ]
    if any(is_han(c) or c.isalpha() or _is_symbol(c) for c in key):  # 〇, emoji: as written
        return [Lookup(LookupKind.NAME, key)]
    return []


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) == "So"


def _digit_lookups(digits: str) -> list[Lookup]:
    """A whole valid phone is exact; anything else only lists the phones it starts.

    A number stored before the till knew numbering rules (``861065881234``) is still
    found exactly, unless it is an impossible mobile: a digit dropped from one member's
    phone must not be another member's exact match.
    """
    bare = digits.removeprefix("+")
    if len(bare) < LAST_FOUR:
        return []
    if len(bare) == LAST_FOUR:
        return [Lookup(LookupKind.PHONE_LAST4, bare)]
    lookups = [Lookup(LookupKind.CARD, bare)]
    phone = stored_from_digits(digits)
    phone_problem = isinstance(phone, PhoneProblem)
    if isinstance(phone, str):
        lookups.append(Lookup(LookupKind.PHONE, phone))
    legacy = legacy_from_digits(digits)
    national = _CN_PREFIX.sub("", digits).lstrip("+")
    impossible_mobile = national.startswith("1") and len(national) != MOBILE_DIGITS
    if legacy is not None and legacy != phone and not (phone_problem and impossible_mobile):
        lookups.append(Lookup(LookupKind.PHONE, legacy))
    if phone_problem and len(national) <= MAX_DIALLED:
        lookups.append(Lookup(LookupKind.PHONE_PREFIX, national))
    return lookups
