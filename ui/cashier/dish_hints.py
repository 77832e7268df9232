"""The member panel's usual dishes and pairing suggestion, read off the GUI thread.

The usual dishes are read once per member shown; the pairings once a day, on first use.
A failure (the server gone) shows nothing: they are a courtesy, never in the way.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.dishes.habits import Dish, DishHabits, Pairings
from app.domain.dishes import suggestion
from app.domain.members import MemberSummary
from ui.background import BackgroundRunner
from ui.cashier.member_panel import MemberPanel

log = logging.getLogger(__name__)


class DishHints(QObject):
    def __init__(
        self,
        habits: DishHabits | None,
        panel: MemberPanel,
        language: str,
        usual: bool,
        pairing: bool,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._habits, self._panel, self._language = habits, panel, language
        self._usual_on = usual and habits is not None
        self._pairing_on = pairing and habits is not None
        self.runner = BackgroundRunner(self, threads=1)
        self._member_id: int | None = None
        self._usual: tuple[Dish, ...] = ()
        self._may_suggest = False
        self._pairings: Pairings | None = None
        self._asked_pairings = False
        self._ordered: tuple[int, ...] = ()

    def show(self, member: MemberSummary | None, ordered: Sequence[int]) -> None:
        """Called on every change of the order: cheap unless the member changed."""
        self._ordered = tuple(ordered)
        member_id = None if member is None else int(member.member_id)
        if member_id != self._member_id:
            self._member_id, self._usual, self._may_suggest = member_id, (), False
            if member_id is not None and (self._usual_on or self._pairing_on):
                self._read_member(member_id)
        if self._pairing_on and member_id is not None and not self._asked_pairings:
            self._asked_pairings = True
            assert self._habits is not None
            self.runner.submit(self._habits.pairings, self._paired, self._failed)
        self._paint()

    def _read_member(self, member_id: int) -> None:
        habits = self._habits
        assert habits is not None
        usual_on = self._usual_on

        def done(result: tuple[bool, tuple[Dish, ...]]) -> None:
            if member_id == self._member_id:
                self._may_suggest, self._usual = result
                self._paint()

        self.runner.submit(lambda: habits.of_member(member_id, usual_on), done, self._failed)

    def _paired(self, pairings: Pairings) -> None:
        self._pairings = pairings
        self._paint()

    def _failed(self, error: Exception) -> None:
        log.info("dish hints not shown: %s", error)

    def _paint(self) -> None:
        usual = " · ".join(dish.name(self._language) for dish in self._usual)
        pairing = ""
        if self._pairings is not None and self._may_suggest and self._member_id is not None:
            partner = suggestion(self._ordered, self._pairings.best)
            dish = self._pairings.dishes.get(partner) if partner is not None else None
            if dish is not None:
                pairing = self.tr("Often ordered with it: %1").replace(
                    "%1", dish.name(self._language)
                )
        self._panel.show_habits(usual, pairing)
