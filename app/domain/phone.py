"""Phone numbers as people write them, read by Chinese numbering rules into one stored form.

The rules (which prefixes are mobiles, how long an area's landlines are, every other
country's plan) come from ``phonenumbers`` (Google's libphonenumber metadata). The stored
form is the one the till has always kept, so members enrolled before still match:

- a mainland mobile: its 11 digits (``13812345678``), whether written with ``+86``,
  ``0086``, ``86`` or nothing in front;
- a mainland landline: trunk ``0``, area code and number (``01088888888``), with an
  extension after a dash (``075512345678-123``);
- Hong Kong, Macau, Taiwan and any other country: country code and number, no ``+``
  (``85291234567``).

Every spelling folds to the same digits first: full-width digits, spaces, dots, slashes,
brackets of both widths, dashes of every kind (``-‐‑‒–—―−－﹣``) and middle dots.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

MAX_STORED = 20  # the members.phone column
MOBILE_DIGITS = 11
MAX_DIALLED = 17  # "00", then at most 15 digits (E.164)
_NOISE = re.compile(r"[\s.()\[\]【】/_·・･•\u2010-\u2015\u2212\ufe58\ufe63\uff0d-]+")
_EXTENSION = re.compile(r"(?:转|轉|分机|分機|ext\.?|extension|x|#|,|;)", re.IGNORECASE)
_CN_PREFIX = re.compile(r"^(?:\+86|0086|86)(?=1)")
_WITH_TRUNK_ZERO = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


class PhoneProblem(enum.Enum):
    """Why a text cannot be a member's phone."""

    NOT_A_NUMBER = "not_a_number"
    MOBILE_TOO_SHORT = "mobile_too_short"
    MOBILE_TOO_LONG = "mobile_too_long"
    NO_AREA_CODE = "no_area_code"
    NO_SUCH_NUMBER = "no_such_number"


def spelled_digits(text: str) -> str | None:
    """The digits (and a leading ``+``) of ``text`` without its spelling, else ``None``.

    ``（+86）138－0013·8000`` -> ``+8613800138000``. Extensions are not digits here.
    """
    folded = _NOISE.sub("", unicodedata.normalize("NFKC", text))
    body = folded[1:] if folded.startswith("+") else folded
    if not body or not body.isascii() or not body.isdigit():
        return None
    return folded


def check_phone(text: str) -> str | PhoneProblem:
    """The stored form of the phone in ``text``, or why it cannot be one."""
    main, extension = text, ""
    parts = _EXTENSION.split(text, maxsplit=1)
    if len(parts) == 2:
        main, extension = parts
        extension = spelled_digits(extension) or ""
        if not extension or extension.startswith("+"):
            return PhoneProblem.NOT_A_NUMBER
    digits = spelled_digits(main)
    if digits is None:
        return PhoneProblem.NOT_A_NUMBER
    stored = stored_from_digits(digits)
    if isinstance(stored, PhoneProblem):
        return stored
    if extension:
        stored = f"{stored}-{extension}"
    return stored if len(stored) <= MAX_STORED else PhoneProblem.NO_SUCH_NUMBER


def normalise_phone(text: str) -> str | None:
    """The stored form of a valid phone number, or ``None`` (see ``check_phone``)."""
    checked = check_phone(text)
    return None if isinstance(checked, PhoneProblem) else checked


@lru_cache(maxsize=4096)
def stored_from_digits(digits: str) -> str | PhoneProblem:
    """``check_phone`` of what ``spelled_digits`` returned (no extension)."""
    bare = digits.lstrip("+")
    if len(bare) > (MAX_DIALLED if bare.startswith("00") else MAX_DIALLED - 2):
        return PhoneProblem.NOT_A_NUMBER  # a card number: not worth parsing
    national = _CN_PREFIX.sub("", digits)
    beijing = national.startswith("10") and national != digits  # +86 10 …: a landline
    if national.startswith("1") and len(national) != MOBILE_DIGITS and not beijing:
        if MOBILE_DIGITS - 3 <= len(national) < MOBILE_DIGITS:
            return PhoneProblem.MOBILE_TOO_SHORT
        if MOBILE_DIGITS < len(national) <= MOBILE_DIGITS + 3:
            return PhoneProblem.MOBILE_TOO_LONG
        return PhoneProblem.NO_SUCH_NUMBER  # too far from a mobile to say which slip
    if len(national) == MOBILE_DIGITS and _mainland_mobile().fullmatch(national):
        return national  # the common case, without parsing: 2 µs instead of 80
    try:
        number = phonenumbers.parse(digits, "CN")
    except NumberParseException:
        return PhoneProblem.NOT_A_NUMBER
    if not phonenumbers.is_valid_number(number):
        if not digits.startswith(("0", "+", "1")) and len(digits) <= 8:
            return PhoneProblem.NO_AREA_CODE
        return PhoneProblem.NO_SUCH_NUMBER
    significant = phonenumbers.national_significant_number(number)
    if number.country_code != 86:
        return f"{number.country_code}{significant}"
    if phonenumbers.number_type(number) in _WITH_TRUNK_ZERO and not is_mobile(significant):
        if not digits.startswith(("0", "+", "86")):  # a mobile's 1 dropped reads like this
            return PhoneProblem.NO_AREA_CODE
        return f"0{significant}"
    return significant


@lru_cache(maxsize=1)
def _mainland_mobile() -> re.Pattern[str]:
    """The library's own pattern for mainland mobile numbers."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    pattern = metadata.mobile.national_number_pattern if metadata and metadata.mobile else None
    return re.compile(pattern or r"1\d{10}")


def is_mobile(stored: str) -> bool:
    """A mainland mobile in stored form (11 digits starting with 1)."""
    return len(stored) == MOBILE_DIGITS and stored.startswith("1") and stored.isdigit()


def last_four(stored: str) -> str:
    """The last four digits of the number itself, an extension left out."""
    return stored.partition("-")[0][-4:]


def legacy_phone(text: str) -> str | None:
    """The digits the till stored before it knew numbering rules (to keep finding them).

    Bare digits with a ``+`` dropped, and ``+86``/``0086``/``86`` taken off an 11-digit
    mobile only; 5 to 15 digits.
    """
    digits = spelled_digits(text)
    return None if digits is None else legacy_from_digits(digits)


def legacy_from_digits(digits: str) -> str | None:
    """``legacy_phone`` of what ``spelled_digits`` returned."""
    digits = digits.removeprefix("+")
    for prefix in ("0086", "86"):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) == MOBILE_DIGITS and rest.startswith("1"):
            digits = digits[len(prefix) :]
            break
    return digits if 5 <= len(digits) <= 15 else None


def mask_phone(phone: str) -> str:
    """Show only what a receipt may show: ``13812345678`` -> ``138****5678``."""
    if len(phone) >= 7:
        return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def clean_lookup_text(text: str, limit: int = 64) -> str:
    """What a cashier typed or a reader sent, minus control characters and outer spaces.

    Readers send noise (NUL, framing bytes, stray line ends); databases refuse some of
    it (PostgreSQL rejects NUL in text). Anything longer than ``limit`` is cut, since
    no identifier is that long.
    """
    if text.isprintable():  # what people type: no character to drop
        return text.strip()[:limit]
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))
    return kept.strip()[:limit]
