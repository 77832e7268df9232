"""A job that runs at start-up and once a day, on any till, once per day in all.

A run is a catch-up done in small transactions (a few hundred members each), never one
long one: on SQLite a checkout waits for one chunk at most, not for the whole catch-up,
and a crash loses one chunk's work, which the next run redoes. Each chunk:

1. takes the job's lease (``<watermark>.lease``: "till|until", a row locked first, so
   chunks of the same job on several tills queue); a lease another till holds and still
   renews makes this run stop and leave the work to it (``pending``);
2. reads how far the job has got (its watermark and, inside a run, its position), does
   the next chunk, records the new position in the same transaction and commits.

So a chunk is done once whichever till runs it, and a run cut short resumes where the
last commit left it. Between chunks the job pauses about as long as the chunk took
(``pace``), so the till's own work gets the processor and the database half the time.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from app.clock import Clock
from app.domain.storage import WriteConflict
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

LEASE = timedelta(minutes=2)
"""How long a till's claim on a job lasts without a chunk renewing it (a till that died
mid-run holds the job this long)."""
PAUSE_BOUNDS_S = (0.005, 0.2)

T = TypeVar("T")


class LeaseHeld(Exception):
    """Another till holds the job's lease and is running it."""


class DailyJob(ABC):
    """Subclasses do the day's work in ``_run`` under a watermark (``uow.watermarks``),
    chunk by chunk through ``_chunk``."""

    watermark_key = ""

    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        holder: str = "",
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self._units, self._clock = units, clock
        self._holder = holder or "till"
        self._pause = pause
        self.pending = False
        """The last run stopped because another till holds the job: try again later."""

    def run(self, today: date | None = None) -> int:
        """Do what is due by ``today``; returns how much was done (0: nothing due)."""
        self.pending = False
        try:
            return self._run(today or self._clock.now().date())
        except WriteConflict:  # another till created the watermark first: it runs today
            return 0
        except LeaseHeld:
            self.pending = True
            return 0

    @abstractmethod
    def _run(self, today: date) -> int: ...

    def _chunk(self, work: Callable[[UnitOfWork, datetime], T]) -> T:
        """Run ``work`` in a transaction of its own under the job's lease, then pause."""
        started = time.perf_counter()
        with self._units() as uow:
            now = self._clock.now()
            self._take_lease(uow, now)
            done = work(uow, now)
            uow.commit()
        low, high = PAUSE_BOUNDS_S
        self._pause(min(max(time.perf_counter() - started, low), high))
        return done

    def _take_lease(self, uow: UnitOfWork, now: datetime) -> None:
        key = f"{self.watermark_key}.lease"
        holder, _, until = uow.watermarks.claim_text(key).partition("|")
        if holder and holder != self._holder and until and datetime.fromisoformat(until) > now:
            raise LeaseHeld(holder)
        uow.watermarks.set_text(key, f"{self._holder}|{(now + LEASE).isoformat()}")

    def _release(self, uow: UnitOfWork) -> None:
        """Give the lease up (in the run's last chunk)."""
        uow.watermarks.set_text(f"{self.watermark_key}.lease", "")


class ChunkedStep(ABC):
    """One chunk of a day's run over sorted member ids, as one transaction.

    It skips what another run already recorded (the position "day|last member id"),
    works on the next ``size`` members, then records its own position; the last chunk
    moves the watermark to ``day``, clears the position and gives the lease up. When the
    watermark already covers ``day`` (another till finished it), it does nothing.
    """

    def __init__(
        self,
        ids: Sequence[int],
        start: int,
        size: int,
        day: date,
        keys: tuple[str, str],
        release: Callable[[UnitOfWork], None],
    ) -> None:
        self._ids, self._start, self._size, self._day = ids, start, size, day
        self._watermark, self._position = keys
        self._release = release
        self.next_start, self.finished = start, False

    def __call__(self, uow: UnitOfWork, now: datetime) -> int:
        done = uow.watermarks.claim(self._watermark)
        if done is not None and done >= self._day:
            self.finished = True
            return 0
        after = position_after(uow.watermarks.peek_text(self._position), self._day)
        start = self._start
        while start < len(self._ids) and self._ids[start] <= after:
            start += 1
        chunk = self._ids[start : start + self._size]
        worked = self._work(uow, chunk, now) if chunk else 0
        self.next_start = start + len(chunk)
        if self.next_start >= len(self._ids):
            uow.watermarks.advance(self._watermark, self._day)
            uow.watermarks.set_text(self._position, "")
            self._release(uow)
            self.finished = True
        else:
            uow.watermarks.set_text(self._position, f"{self._day.isoformat()}|{chunk[-1]}")
        return worked

    @abstractmethod
    def _work(self, uow: UnitOfWork, chunk: Sequence[int], now: datetime) -> int: ...


def position_after(text: str, day: date) -> int:
    """The last member recorded for ``day`` (0: none yet, or a position of another day,
    whose members this run lists again)."""
    recorded_day, _, member_id = text.partition("|")
    return int(member_id) if recorded_day == day.isoformat() and member_id else 0
