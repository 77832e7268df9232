"""Normalise what people type or readers send into searchable phone numbers and text."""

from __future__ import annotations

import re
import unicodedata

_NOISE = re.compile(r"[\s\-–—.()（）/·_]+")


def normalise_phone(text: str) -> str | None:
    """Return the bare digits of a phone number, or ``None`` when it cannot be one.

    Accepts full-width digits, spaces, dashes, dots, brackets, and the country prefixes
    ``+86``, ``0086`` and ``86`` in front of an 11-digit mobile number.  Landlines and
    foreign numbers keep their digits (with a leading ``+`` dropped) so they still match
    themselves.  A result has 5 to 15 digits.
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    folded = _NOISE.sub("", folded)
    if folded.startswith("+"):
        folded = folded[1:]
    if not folded.isdigit() or not folded.isascii():
        return None
    digits = folded
    for prefix in ("0086", "86"):
        if (
            digits.startswith(prefix)
            and len(digits) == len(prefix) + 11
            and digits[len(prefix)] == "1"
        ):
            digits = digits[len(prefix) :]
            break
    if not 5 <= len(digits) <= 15:
        return None
    return digits


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
