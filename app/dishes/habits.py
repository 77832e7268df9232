"""The member panel's usual dishes and the one pairing suggestion.

Usual dishes: the member's dishes on at least ``USUAL_MIN_ORDERS`` of their orders in the
last ``USUAL_DAYS`` days, at most ``USUAL_LIMIT``. Pairings: each dish's best partner
(``app.domain.dishes.partners``) over the whole restaurant's last ``PAIR_DAYS`` days,
worked out once a day and kept. Neither is given for a member who declined automated
decisions (or was erased): both are profiling.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.clock import Clock
from app.domain.dishes import Pair, Partner, partners
from db.dish_habits import may_profile, usual_dishes
from db.reports import dishes as store

USUAL_DAYS = 365
USUAL_MIN_ORDERS = 2
USUAL_LIMIT = 3
PAIR_DAYS = 90
PAIR_MIN_TOGETHER = 20
PAIR_MIN_LIFT = 120
"""1.20×: the pair comes together at least a fifth more often than chance."""


@dataclass(frozen=True)
class Dish:
    item_id: int
    name_zh: str
    name_en: str

    def name(self, language: str) -> str:
        return (self.name_en or self.name_zh) if language == "en" else self.name_zh


@dataclass(frozen=True)
class Pairings:
    day: date
    best: Mapping[int, Partner]
    dishes: Mapping[int, Dish]


class DishHabits:
    def __init__(self, sessions: Callable[[], Session], clock: Clock) -> None:
        self._sessions, self._clock = sessions, clock
        self._lock = threading.Lock()
        self._pairings: Pairings | None = None

    def of_member(self, member_id: int, with_usual: bool) -> tuple[bool, tuple[Dish, ...]]:
        """(whether the member may be profiled, their usual dishes when asked and allowed),
        in one transaction."""
        today = self._clock.now().date()
        window = store.Window(today - timedelta(days=USUAL_DAYS - 1), today)
        with self._sessions() as session:
            if not may_profile(session, member_id):
                return False, ()
            if not with_usual:
                return True, ()
            found = usual_dishes(session, member_id, window, USUAL_LIMIT, USUAL_MIN_ORDERS)
        return True, tuple(Dish(row.item_id, row.name_zh, row.name_en) for row in found)

    def pairings(self) -> Pairings:
        """Today's pairings, worked out on the first call of the day (a few seconds at a
        million members: call it off the GUI thread)."""
        today = self._clock.now().date()
        with self._lock:
            if self._pairings is None or self._pairings.day != today:
                self._pairings = self._work_out(today)
            return self._pairings

    def _work_out(self, today: date) -> Pairings:
        window = store.Window(today - timedelta(days=PAIR_DAYS - 1), today)
        with self._sessions() as session:
            total, per_dish = store.dish_orders(session, window)
            orders = {row.item_id: row.orders for row in per_dish}
            pairs = [
                Pair(
                    row.first_item,
                    row.second_item,
                    row.together,
                    orders[row.first_item],
                    orders[row.second_item],
                    total,
                )
                for row in store.pairs(session, window, PAIR_MIN_TOGETHER)
            ]
        dishes = {row.item_id: Dish(row.item_id, row.name_zh, row.name_en) for row in per_dish}
        return Pairings(today, partners(pairs, PAIR_MIN_TOGETHER, PAIR_MIN_LIFT), dishes)
