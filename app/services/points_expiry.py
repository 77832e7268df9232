"""Points expiry that really runs: at start-up and then daily, once per day across tills.

Points earned more than ``life_days`` ago and not yet used expire oldest first
(``app.domain.points``) as one ``expire`` entry per member, visible in the ledger.
A watermark (``loyalty.points_expired_through``) records the last cut-off handled, so a
run only looks at points that crossed the line since; the run claims it first, which
makes concurrent runs on several tills wait for one another instead of expiring the
same points twice.

The members due are handled ``CHUNK`` at a time: their locks taken together and their
ledgers read in one query, so a first run over a large database stays a few queries
per chunk rather than several per member.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.points import points_to_expire
from app.services.daily_job import DailyJob

WATERMARK = "loyalty.points_expired_through"
CHUNK = 500


class PointsExpiryService(DailyJob):
    """``run`` expires what is due and returns how many points expired."""

    def _run(self, today: date) -> int:
        now = self._clock.now()
        with self._units() as uow:
            watermark = uow.watermarks.claim(WATERMARK)
            policy = uow.programme.rules().points
            cutoff = today - timedelta(days=policy.life_days)
            if watermark is not None and watermark >= cutoff:
                return 0
            expired = 0
            crossed = uow.ledgers.members_who_earned(after=watermark, through=cutoff)
            for start in range(0, len(crossed), CHUNK):
                chunk = crossed[start : start + CHUNK]
                uow.members.lock_many(chunk)
                histories = uow.ledgers.points_histories(chunk)
                for member_id in chunk:
                    due = points_to_expire(histories.get(member_id, []), today, policy)
                    if due > 0:
                        uow.ledgers.append_points(
                            member_id=member_id, delta=-due, reason="expire", at=now
                        )
                        expired += due
            uow.watermarks.advance(WATERMARK, cutoff)
            uow.commit()
            return expired
