"""The training guests (``resources/training/members.toml``) as featured demo members of
the restaurant being trained on: tiers by rank, expiry dates from its renewal offers."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.demo import FeaturedMember
from app.domain.renewal import OfferKind

ROSTER_FILE = Path(__file__).resolve().parents[2] / "resources" / "training" / "members.toml"
TIER_RANKS = ("base", "middle", "top")
STATUSES = ("active", "early", "grace", "lapsed")
ACTIVE_DAYS = 200
FALLBACK_WINDOW_DAYS = 30
LAPSED_BEYOND_GRACE_DAYS = 60


class RosterError(ValueError):
    """The roster file is not as documented at its top; ``str()`` says where."""


@dataclass(frozen=True)
class TrainingGuest:
    member_no: str
    name: str
    phone: str
    card: str
    tier: str
    status: str
    points: int = 0
    stored_value_fen: int = 0


def load_roster(path: Path = ROSTER_FILE) -> tuple[TrainingGuest, ...]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        guests = tuple(TrainingGuest(**entry) for entry in raw["member"])
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise RosterError(f"{path}: {exc}") from exc
    for guest in guests:
        if guest.tier not in TIER_RANKS or guest.status not in STATUSES:
            raise RosterError(f"{path}: {guest.member_no}: tier or status not known")
    return guests


def expiry_offset_days(status: str, windows: dict[OfferKind, int]) -> int:
    """Days from today to the expiry that puts a member in ``status`` under the
    restaurant's renewal windows (early and grace window days)."""
    early = windows.get(OfferKind.EARLY) or FALLBACK_WINDOW_DAYS
    grace = windows.get(OfferKind.GRACE) or FALLBACK_WINDOW_DAYS
    if status == "early":
        return max(1, early // 2)
    if status == "grace":
        return -max(1, grace // 2)
    if status == "lapsed":
        return -(grace + LAPSED_BEYOND_GRACE_DAYS)
    return ACTIVE_DAYS


def featured_members(
    guests: tuple[TrainingGuest, ...], tier_codes: list[str], windows: dict[OfferKind, int]
) -> tuple[FeaturedMember, ...]:
    """``tier_codes`` in rank order; "middle" is the second (or the only) tier."""

    def tier_code(rank: str) -> str:
        index = {"base": 0, "middle": 1, "top": len(tier_codes) - 1}[rank]
        return tier_codes[min(index, len(tier_codes) - 1)]

    return tuple(
        (
            g.member_no,
            g.name,
            g.phone,
            g.card,
            tier_code(g.tier),
            expiry_offset_days(g.status, windows),
            g.points,
            g.stored_value_fen,
        )
        for g in guests
    )
