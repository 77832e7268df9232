"""Selling while the server is down: the offline allowance per tier, and the overdraft a
member is left with when a replayed offline sale spent a balance another till spent too.

A member may spend offline, per outage (until the journal is resynced), up to the
smaller of their last known balance and their tier's allowance. Allowances are settings
(``offline.allowance.stored_value@tier:GOLD``, ``offline.allowance.points@tier:GOLD``), so
the local copy carries them with the other settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.card_formats import DEFAULT_FORMAT, ReadFormat
from app.domain.money import format_money

DEFAULT_STORED_VALUE_ALLOWANCE = 30_000
"""¥300 per member per outage unless a manager sets another figure for the tier."""
DEFAULT_POINTS_ALLOWANCE = 3_000


@dataclass(frozen=True)
class Allowance:
    stored_value: int
    """Minor units a member of the tier may spend from stored value per outage."""
    points: int


def allowance_key(what: str, tier_code: str) -> str:
    """The setting's key; ``what`` is ``stored_value`` or ``points``."""
    return f"offline.allowance.{what}@tier:{tier_code}"


def allowance_of(settings: Mapping[str, str], tier_code: str) -> Allowance:
    def read(what: str, default: int) -> int:
        text = settings.get(allowance_key(what, tier_code), "")
        return int(text) if text.strip().lstrip("-").isdigit() else default

    return Allowance(
        read("stored_value", DEFAULT_STORED_VALUE_ALLOWANCE),
        read("points", DEFAULT_POINTS_ALLOWANCE),
    )


@dataclass(frozen=True)
class OfflineSpend:
    """What a member spent (or would spend) offline: stored value and points."""

    stored_value: int = 0
    points: int = 0

    def __add__(self, other: OfflineSpend) -> OfflineSpend:
        return OfflineSpend(self.stored_value + other.stored_value, self.points + other.points)


def allowance_refusal(
    known: OfflineSpend, spent: OfflineSpend, wanted: OfflineSpend, allowance: Allowance
) -> str | None:
    """One sentence when ``wanted`` on top of what was ``spent`` this outage goes beyond
    the smaller of the last ``known`` balance and the ``allowance``; ``None`` when it fits.
    (``known`` is the local copy's balance, which already has this outage's spending off.)"""
    if wanted.stored_value:
        room = min(known.stored_value, allowance.stored_value - spent.stored_value)
        if wanted.stored_value > room:
            return (
                f"offline, this member may pay at most {format_money(max(0, room))} from "
                "stored value until the server is back: take the rest in cash or by card"
            )
    if wanted.points:
        room = min(known.points, allowance.points - spent.points)
        if wanted.points > room:
            return (
                f"offline, this member may redeem at most {max(0, room)} points until the "
                "server is back: take the order without redeeming"
            )
    return None


@dataclass(frozen=True)
class OfflineOverdraft:
    """What a member owes after a replayed offline sale spent more than the server held:
    the sale stands, the shortfall was credited to let it through and is owed back."""

    member_id: int
    request_key: str
    stored_value: int
    points: int
    till_id: str
    at: datetime
    overdraft_id: int = 0
    member_no: str = ""
    order_no: str = ""
    settled_at: datetime | None = None


@dataclass(frozen=True)
class JournalEntry:
    """One request a till committed on its local copy while offline, kept with the sale in
    the same local transaction and replayed on the server in ``entry_id`` order.

    ``request`` is JSON-ready: for a checkout the draft as ``app.domain.draft_snapshot``
    writes it and the tender; for an enrolment the form. ``member_id`` is the local id (a
    provisional member's until the server confirms them)."""

    kind: str
    """``checkout`` or ``enrolment``."""
    request_key: str
    at: datetime
    staff_id: int
    request: Mapping[str, object]
    member_id: int | None = None
    spent: OfflineSpend = OfflineSpend()
    entry_id: int = 0
    local: Mapping[str, object] | None = None
    """What the local copy committed (the request key's outcome there)."""
    outcome: Mapping[str, object] | None = None
    """What the server committed on resync; ``None`` while the entry waits."""


@dataclass(frozen=True)
class OfflinePlace:
    """Where the till sells: its id, store, business-day cut-off and card reader's format,
    the same offline and in the resync (``Till.offline_place``)."""

    till_id: str
    store_id: int | None = None
    cutoff_hour: int = 0
    read_format: ReadFormat = DEFAULT_FORMAT


@dataclass(frozen=True)
class PrintedSlip:
    """The receipt a sale printed offline, as the copy's outbox holds it."""

    document: str
    printer_url: str
