"""Points: what redeeming is worth, how much of a bill points may pay, and expiry.

Points expire oldest first: every deduction (a redemption, a refund's take-back, an
earlier expiry) uses up the oldest points still held, and whatever is left of points
earned more than ``life_days`` ago expires.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class PointsPolicy:
    fen_per_point: int = 1
    """What one point pays when redeemed (1: 100 points are ¥1)."""
    min_redeem: int = 100
    """Fewest points a redemption may use."""
    max_share_bp: int = 5_000
    """Most of a bill points may pay, in basis points (5000: half)."""
    life_days: int = 730


@dataclass(frozen=True)
class LedgerEntry:
    on: date
    delta: int


def max_redeemable(balance: int, bill: int, policy: PointsPolicy) -> int:
    """Most points usable on a bill of ``bill`` minor units; 0 below the minimum."""
    if policy.fen_per_point <= 0 or bill <= 0:
        return 0
    cap_fen = bill * policy.max_share_bp // 10_000
    usable = min(balance, cap_fen // policy.fen_per_point)
    return usable if usable >= policy.min_redeem else 0


def redemption_value(points: int, policy: PointsPolicy) -> int:
    return points * policy.fen_per_point


@dataclass
class _Lot:
    earned_on: date
    remaining: int


def points_to_expire(entries: Iterable[LedgerEntry], today: date, policy: PointsPolicy) -> int:
    """How many points expire today (to write as one negative ledger entry).

    ``entries`` are the member's whole ledger in time order. Running it again after
    the expiry entry is written gives 0.
    """
    lots: deque[_Lot] = deque()  # oldest first
    for entry in entries:
        if entry.delta > 0:
            lots.append(_Lot(entry.on, entry.delta))
            continue
        owed = -entry.delta
        while owed and lots:
            used = min(owed, lots[0].remaining)
            owed -= used
            lots[0].remaining -= used
            if not lots[0].remaining:
                lots.popleft()
    cutoff = today - timedelta(days=policy.life_days)
    return sum(lot.remaining for lot in lots if lot.earned_on <= cutoff)
