"""Stores and tills as values, and the rules for till ids the database hands out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

MAX_TILL_ID = 16
"""The settings' limit; order numbers start with the till id."""
FIRST_TILL_ID = "T1"
"""Every till's id before tills registered: a till with none configured most likely
wrote its history under it, so it gets it back when no machine holds it."""
_NUMBERED = re.compile(r"T(\d+)")


@dataclass(frozen=True)
class Store:
    store_id: int
    name: str
    address: str = ""
    receipt_header: str | None = None
    """``None``: the restaurant profile's header."""
    cutoff_hour: int | None = None
    """``None``: the restaurant profile's business-day cut-off."""
    region: str = ""


@dataclass(frozen=True)
class RegisteredTill:
    till_id: str
    store: Store
    claimed: bool
    """A machine holds the id (a registration token is stored with it)."""
    registered_at: datetime
    last_seen_at: datetime | None = None


def next_till_id(taken: Iterable[str]) -> str:
    """``T<n>`` one above the highest numbered id taken (``T1`` when none is)."""
    numbers = [int(m.group(1)) for t in taken if (m := _NUMBERED.fullmatch(t))]
    return f"T{max(numbers, default=0) + 1}"


def is_valid_till_id(till_id: str) -> bool:
    return bool(till_id.strip()) and till_id == till_id.strip() and len(till_id) <= MAX_TILL_ID
