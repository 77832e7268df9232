"""A job that runs at start-up and once a day, on any till, once per day in all."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock


class DailyJob(ABC):
    """Subclasses do the day's work in ``_run`` under a watermark (``db.watermarks``)."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions, self._clock = sessions, clock

    def run(self, today: date | None = None) -> int:
        """Do what is due by ``today``; returns how much was done (0: nothing due)."""
        try:
            return self._run(today or self._clock.now().date())
        except IntegrityError:  # another till created the watermark first: it runs today
            return 0

    @abstractmethod
    def _run(self, today: date) -> int: ...
