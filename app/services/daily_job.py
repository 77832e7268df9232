"""A job that runs at start-up and once a day, on any till, once per day in all."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date

from app.clock import Clock
from app.domain.storage import WriteConflict
from app.unit_of_work import UnitOfWorkFactory


class DailyJob(ABC):
    """Subclasses do the day's work in ``_run`` under a watermark (``uow.watermarks``)."""

    def __init__(self, units: UnitOfWorkFactory, clock: Clock) -> None:
        self._units, self._clock = units, clock

    def run(self, today: date | None = None) -> int:
        """Do what is due by ``today``; returns how much was done (0: nothing due)."""
        try:
            return self._run(today or self._clock.now().date())
        except WriteConflict:  # another till created the watermark first: it runs today
            return 0

    @abstractmethod
    def _run(self, today: date) -> int: ...
