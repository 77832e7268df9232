"""What a cashier typed into the one search box, read as the lookups to try in order."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.domain.members import MemberSummary
from app.domain.name_keys import KeyKind, fold, is_han
from app.domain.phone import clean_lookup_text, normalise_phone

MEMBER_NO = re.compile(r"M\d{5,12}", re.IGNORECASE)
_PHONE_NOISE = re.compile(r"[\s\-–—.()（）/]+")
_LATIN_NAME = re.compile(r"[a-z]+", re.IGNORECASE)

LAST_FOUR = 4
MIN_PHONE_PREFIX = 5


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

    Digits are a card number, a phone written any common way, the phone's last four
    digits, or the start of a phone number; ``M`` and digits a member number; Chinese
    characters the start of a name; Latin letters the start of a name, of pinyin
    initials (``zs`` for 张三) or of full pinyin (``zhangs``).
    """
    text = clean_lookup_text(typed)
    if not text:
        return []
    folded = unicodedata.normalize("NFKC", text)
    if MEMBER_NO.fullmatch(folded):
        return [Lookup(LookupKind.MEMBER_NO, folded.upper())]
    digits = _PHONE_NOISE.sub("", folded).removeprefix("+")
    if digits.isascii() and digits.isdigit():
        return _digit_lookups(digits)
    key = fold(folded)
    if not key:
        return []
    if _LATIN_NAME.fullmatch(key):
        return [
            Lookup(LookupKind.NAME, key),
            Lookup(LookupKind.PINYIN_INITIALS, key),
            Lookup(LookupKind.PINYIN, key),
        ]
    if any(is_han(c) or c.isalpha() for c in key):
        return [Lookup(LookupKind.NAME, key)]
    return []


def _digit_lookups(digits: str) -> list[Lookup]:
    if len(digits) < LAST_FOUR:
        return []
    if len(digits) == LAST_FOUR:
        return [Lookup(LookupKind.PHONE_LAST4, digits)]
    lookups = [Lookup(LookupKind.CARD, digits)]
    phone = normalise_phone(digits)
    if phone is not None:
        lookups.append(Lookup(LookupKind.PHONE, phone))
        if len(phone) < 11:
            lookups.append(Lookup(LookupKind.PHONE_PREFIX, phone))
    return lookups
