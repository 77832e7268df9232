"""The restaurant's profile as a value, the settings it is stored as, and its rules.

The set-up (``app.setup.restaurant``) writes it first; the back office's Restaurant page
(``app.restaurant_profile.service``) changes it later. Receipts read the settings.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace

from app.domain.business_day import LATEST_CUTOFF, SETTING, cutoff_hour
from app.domain.money import CURRENCIES
from app.errors import TillError

MAX_NAME = 64
MAX_TEXT = 400  # a receipt header or footer: a few lines
DEFAULT_CUTOFF_HOUR = 4
"""A new restaurant's cut-off; a database set up before the setting existed keeps 0."""
CUTOFF_HOURS = range(0, LATEST_CUTOFF + 1)
DEFAULT_CURRENCY = "CNY"


class ProfileProblem(enum.Enum):
    NO_NAME = "no_name"
    NAME_TOO_LONG = "name_too_long"
    TEXT_TOO_LONG = "text_too_long"
    UNKNOWN_CURRENCY = "unknown_currency"
    BAD_CUTOFF = "bad_cutoff"
    CURRENCY_FIXED = "currency_fixed"


_SENTENCES = {
    ProfileProblem.NO_NAME: "the restaurant needs a name",
    ProfileProblem.NAME_TOO_LONG: f"a name is at most {MAX_NAME} characters",
    ProfileProblem.TEXT_TOO_LONG: (
        f"the address, phone, tax line, header and footer are at most {MAX_TEXT} characters"
    ),
    ProfileProblem.UNKNOWN_CURRENCY: f"the currency is one of {', '.join(CURRENCIES)}",
    ProfileProblem.BAD_CUTOFF: "the business day starts at an hour from 0 to 11",
    ProfileProblem.CURRENCY_FIXED: "the currency is chosen at set-up and cannot change later",
}


class ProfileRefused(TillError):
    """``problem`` says why; ``str()`` is the English sentence (the UI words its own)."""

    def __init__(self, problem: ProfileProblem) -> None:
        super().__init__(_SENTENCES[problem])
        self.problem = problem


@dataclass(frozen=True)
class RestaurantProfile:
    name: str
    address: str = ""
    phone: str = ""
    receipt_header: str | None = None
    """``None``: the address and phone, one line each."""
    receipt_footer: str = ""
    tax_line: str = ""
    """The tax or business registration line, printed under the header."""
    currency: str = DEFAULT_CURRENCY
    cutoff_hour: int = DEFAULT_CUTOFF_HOUR

    def header_text(self) -> str:
        if self.receipt_header is not None:
            return self.receipt_header
        phone = f"Tel {self.phone}" if self.phone else ""
        return "\n".join(line for line in (self.address, phone) if line)

    def settings(self) -> dict[str, str]:
        return {
            "restaurant_name": self.name,
            "restaurant_address": self.address,
            "restaurant_phone": self.phone,
            "restaurant_tax_line": self.tax_line,
            "receipt_header": self.header_text(),
            "receipt_footer": self.receipt_footer,
            "currency": self.currency,
            SETTING: str(self.cutoff_hour),
        }

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> RestaurantProfile:
        """The profile the settings hold; defaults for what they miss (a database set up
        before a field existed)."""
        cutoff = cutoff_hour(settings)
        return cls(
            name=settings.get("restaurant_name", ""),
            address=settings.get("restaurant_address", ""),
            phone=settings.get("restaurant_phone", ""),
            receipt_header=settings.get("receipt_header", ""),
            receipt_footer=settings.get("receipt_footer", ""),
            tax_line=settings.get("restaurant_tax_line", ""),
            currency=settings.get("currency", DEFAULT_CURRENCY),
            cutoff_hour=cutoff,
        )


def check_profile(profile: RestaurantProfile) -> RestaurantProfile:
    """The profile with its one-line texts trimmed; raises ``ProfileRefused``."""
    name = profile.name.strip()
    if not name:
        raise ProfileRefused(ProfileProblem.NO_NAME)
    if len(name) > MAX_NAME:
        raise ProfileRefused(ProfileProblem.NAME_TOO_LONG)
    texts = (
        profile.address,
        profile.phone,
        profile.tax_line,
        profile.receipt_header or "",
        profile.receipt_footer,
    )
    if any(len(text) > MAX_TEXT for text in texts):
        raise ProfileRefused(ProfileProblem.TEXT_TOO_LONG)
    if profile.currency not in CURRENCIES:
        raise ProfileRefused(ProfileProblem.UNKNOWN_CURRENCY)
    if profile.cutoff_hour not in CUTOFF_HOURS:
        raise ProfileRefused(ProfileProblem.BAD_CUTOFF)
    return replace(
        profile,
        name=name,
        address=profile.address.strip(),
        phone=profile.phone.strip(),
        tax_line=profile.tax_line.strip(),
    )
