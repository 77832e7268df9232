"""Jobs a till runs once per business day while it stays open: points expiry, the
anniversary tier review, the members' segments and values, and the embedded database's backup
(and, after a new search-key version, the members' search keys: ``db.search_keys``).

All of them run here, on one background thread, once the sign-in window is showing
(``TillApp`` makes this object after it), never before it: their cost grows with the
members and with the days missed (the first start after a month closed catches a month
up), and a start must not. The timer covers a till left running past midnight, and a
job another till was running (``pending``: a till that dies mid-run holds it for two
minutes) is tried again at the next tick, and so are jobs the server's absence failed
(a till started from its local copy): at once when the server answers again
(``server_back``, from the counter's server link), else at the next tick. The services
make a second run on the same day (by this or another till) a no-op, and commit a few
hundred members at a time (``app.services.daily_job``), so the cashier may sell while
they run. The daily backup
(``app.backups.daily``) runs first on the same background thread; it too is a no-op once
today's backup exists.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from app.clock import Clock
from ui.background import BackgroundRunner

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 10 * 60 * 1000


class DailyJob(Protocol):
    def run(self, today: date) -> int:
        """Do what is due by ``today`` (a no-op when done already); how much was done."""


class CatchUpJob(DailyJob, Protocol):
    pending: bool
    """The last run left the work to another till holding the job: try again later."""


class DailyJobs(QObject):
    def __init__(
        self,
        clock: Clock,
        points_expiry: CatchUpJob,
        tier_review: CatchUpJob,
        segments: CatchUpJob,
        parent: QObject | None = None,
        backup: DailyJob | None = None,
        search_keys: CatchUpJob | None = None,
        request_keys: DailyJob | None = None,
        member_values: CatchUpJob | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._points_expiry, self._tier_review = points_expiry, tier_review
        self._segments, self._backup = segments, backup
        self._search_keys, self._request_keys = search_keys, request_keys
        self._member_values = member_values
        self._last_day: date = clock.now().date()
        self._failed = False
        """The last catch-up failed (the server was gone): run it again."""
        self._runner = BackgroundRunner(self, threads=1)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.expired_points: list[int] = []
        self.tiers_moved: list[int] = []
        self.segments_changed: list[int] = []
        self.values_changed: list[int] = []
        self.backups_made: list[int] = []
        self._back_up(self._last_day)
        self._catch_up(self._last_day)

    def tick(self) -> None:
        today = self._clock.now().date()
        if today == self._last_day:
            jobs = [self._points_expiry, self._tier_review, self._segments]
            if self._member_values is not None:
                jobs.append(self._member_values)
            if self._failed or any(job.pending for job in jobs):  # another till held one,
                self._catch_up(today)  # or the server was gone: see if it is done now
            return
        self._last_day = today
        self._back_up(today)
        self._catch_up(today)

    def server_back(self) -> None:
        """The server answers again: the day's jobs its absence failed run now."""
        if self._failed:
            self._catch_up(self._last_day)

    def _catch_up(self, today: date) -> None:
        self._failed = False
        self._runner.submit(lambda: self._run(today), self._done, self._run_failed)

    def _run_failed(self, error: Exception) -> None:
        log.warning("daily jobs failed (tried again later): %s", error)
        self._failed = True

    def _back_up(self, today: date) -> None:
        backup = self._backup
        if backup is not None:
            self._runner.submit(
                lambda: backup.run(today),
                self.backups_made.append,
                lambda error: log.warning("daily backup failed: %s", error),
            )

    def _run(self, today: date) -> tuple[int, int, int, int]:
        if self._search_keys is not None:  # first: a name search may need them
            rebuilt = self._search_keys.run(today)
            if rebuilt:
                log.info("search keys: %d members' keys rebuilt", rebuilt)
        if self._request_keys is not None:  # keys past the retry window (KEEP_DAYS)
            pruned = self._request_keys.run(today)
            if pruned:
                log.info("request keys: %d old keys pruned", pruned)
        expired = self._points_expiry.run(today)
        moved = self._tier_review.run(today)
        changed = self._segments.run(today)
        valued = self._member_values.run(today) if self._member_values is not None else 0
        return expired, moved, changed, valued

    def _done(self, result: tuple[int, int, int, int]) -> None:
        expired, moved, changed, valued = result
        self.expired_points.append(expired)
        self.tiers_moved.append(moved)
        self.segments_changed.append(changed)
        self.values_changed.append(valued)
        if expired:
            log.info("points expiry: %d points expired", expired)
        if moved:
            log.info("tier review: %d members moved down", moved)
        if changed:
            log.info("segments: %d members changed segment", changed)
        if valued:
            log.info("member values: %d members' values written", valued)

    @property
    def busy(self) -> bool:
        """Some of the work started so far has not reported back yet."""
        return self._runner.busy

    def settle(self) -> None:
        """Wait until the work started so far has written what it writes (a test that counts
        rows starts from a quiet database)."""
        self._runner.wait_for_done()

    def stop(self) -> None:
        self._timer.stop()
        self._runner.wait_for_done()
