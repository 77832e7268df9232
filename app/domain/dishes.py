"""Figures about dishes: the top of each group, pairs ordered together, dishes dropped.

Pairs are measured the way basket analysis does: for dishes A and B, *confidence* is the
share of A's orders that also hold B, and *lift* is how much more often they come
together than if guests chose them independently: ``together × orders / (A × B)``. A
lift of 1.00 is chance; 2.00, twice as often. Shares are basis points, lift hundredths,
both rounded half-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Generic, Protocol, TypeVar

from app.domain.behaviour import divide_half_up


class Sold(Protocol):
    @property
    def group(self) -> str: ...

    @property
    def revenue(self) -> int: ...


T = TypeVar("T", bound=Sold)


@dataclass(frozen=True)
class Ranked(Generic[T]):
    rank: int
    dish: T
    share_bp: int
    """Of the group's revenue from every dish, not only the top ones."""


def top_per_group(rows: Iterable[T], top: int) -> list[Ranked[T]]:
    """The ``top`` dishes of each group from rows ordered by group then revenue
    (highest first), ranked from 1."""
    ranked: list[Ranked[T]] = []
    for _group, dishes in groupby(rows, key=lambda row: row.group):
        group = list(dishes)
        whole = sum(dish.revenue for dish in group)
        ranked.extend(
            Ranked(rank, dish, share_of(dish.revenue, whole))
            for rank, dish in enumerate(group[:top], start=1)
        )
    return ranked


def share_of(part: int, whole: int) -> int:
    """``part`` in basis points of ``whole``, half-up; 0 when ``whole`` is not positive."""
    return divide_half_up(10_000 * max(part, 0), whole) if whole > 0 else 0


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    together: int
    first_orders: int
    second_orders: int
    orders: int
    """Orders in the window (with any dish)."""

    @property
    def confidence_bp(self) -> int:
        """Of the first dish's orders, the share that also hold the second."""
        return share_of(self.together, self.first_orders)

    @property
    def reverse_confidence_bp(self) -> int:
        return share_of(self.together, self.second_orders)

    @property
    def lift_hundredths(self) -> int:
        return divide_half_up(
            100 * self.together * self.orders, self.first_orders * self.second_orders
        )


def strongest_pairs(pairs: Sequence[Pair], limit: int) -> list[Pair]:
    """The ``limit`` pairs most often together, each shown with its more frequent dish
    first (the confidence then reads "of the guests who took the usual dish, this share
    added the other"); ties by lift, then item ids."""
    oriented = [
        pair
        if pair.first_orders >= pair.second_orders
        else Pair(
            pair.second,
            pair.first,
            pair.together,
            pair.second_orders,
            pair.first_orders,
            pair.orders,
        )
        for pair in pairs
    ]
    oriented.sort(key=lambda p: (-p.together, -p.lift_hundredths, p.first, p.second))
    return oriented[:limit]


@dataclass(frozen=True)
class Dropped:
    item_id: int
    regulars: int
    came_back: int
    stopped: int

    @property
    def stopped_bp(self) -> int:
        """Of the regulars who came back, the share who no longer ordered the dish."""
        return share_of(self.stopped, self.came_back)


def most_dropped(dishes: Iterable[Dropped], limit: int, min_came_back: int) -> list[Dropped]:
    """Dishes whose returning regulars stopped ordering them, the highest share first
    (then the most members); dishes with fewer than ``min_came_back`` returning regulars
    are left out (one guest's change of mind is no trend)."""
    kept = [dish for dish in dishes if dish.came_back >= min_came_back and dish.stopped > 0]
    kept.sort(key=lambda d: (-d.stopped_bp, -d.stopped, d.item_id))
    return kept[:limit]


def percent(bp: int) -> str:
    """``6253`` -> ``62.5%``."""
    tenths = divide_half_up(bp, 10)
    return f"{tenths // 10}.{tenths % 10}%"


def times(hundredths: int) -> str:
    """``245`` -> ``2.45×``."""
    return f"{hundredths // 100}.{hundredths % 100:02d}×"


@dataclass(frozen=True)
class Partner:
    item_id: int
    confidence_bp: int
    """Of the orders holding the dish, the share that also held this partner."""
    lift_hundredths: int


def partners(
    pairs: Iterable[Pair], min_together: int, min_lift_hundredths: int
) -> dict[int, Partner]:
    """Each dish's one best partner: of the pairs on at least ``min_together`` orders that
    come together more than chance allows (lift at least ``min_lift_hundredths``), the
    dish most often added to it (highest confidence, then lift, then lower id)."""
    best: dict[int, Partner] = {}
    for pair in pairs:
        if pair.together < min_together or pair.lift_hundredths < min_lift_hundredths:
            continue
        for dish, other, confidence in (
            (pair.first, pair.second, pair.confidence_bp),
            (pair.second, pair.first, pair.reverse_confidence_bp),
        ):
            partner = Partner(other, confidence, pair.lift_hundredths)
            held = best.get(dish)
            if held is None or _rank(partner) > _rank(held):
                best[dish] = partner
    return best


def _rank(partner: Partner) -> tuple[int, int, int]:
    return partner.confidence_bp, partner.lift_hundredths, -partner.item_id


def suggestion(ordered: Sequence[int], best: Mapping[int, Partner]) -> int | None:
    """The one dish to suggest for an order of ``ordered`` dishes: the strongest partner
    of a dish in it that the order does not already hold; ``None`` when there is none."""
    held = set(ordered)
    found = [best[dish] for dish in ordered if dish in best and best[dish].item_id not in held]
    return max(found, key=_rank).item_id if found else None
