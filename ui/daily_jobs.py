"""Jobs a till runs once per business day while it stays open: points expiry and the
anniversary tier review.

The till also runs them at start-up (``build_till``); this timer covers a till left
running past midnight. Work runs on a background thread; the services make a second
run on the same day (by this or another till) a no-op.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, QTimer

from app.bootstrap import Till
from ui.background import BackgroundRunner

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 10 * 60 * 1000


class DailyJobs(QObject):
    def __init__(self, till: Till, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._till = till
        self._last_day: date = till.clock.now().date()
        self._runner = BackgroundRunner(self, threads=1)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.expired_points: list[int] = []
        self.tiers_moved: list[int] = []

    def tick(self) -> None:
        today = self._till.clock.now().date()
        if today == self._last_day:
            return
        self._last_day = today
        self._runner.submit(
            lambda: self._run(today),
            self._done,
            lambda error: log.warning("daily jobs failed: %s", error),
        )

    def _run(self, today: date) -> tuple[int, int]:
        return self._till.points_expiry.run(today), self._till.tier_review.run(today)

    def _done(self, result: tuple[int, int]) -> None:
        expired, moved = result
        self.expired_points.append(expired)
        self.tiers_moved.append(moved)
        if expired:
            log.info("points expiry: %d points expired", expired)
        if moved:
            log.info("tier review: %d members moved down", moved)

    def stop(self) -> None:
        self._timer.stop()
        self._runner.wait_for_done()
