"""Points expiry that really runs: at start-up and then daily, once per day across tills.

Points earned more than ``life_days`` ago and not yet used expire oldest first
(``app.domain.points``) as one ``expire`` entry per member, visible in the ledger.
A watermark (``loyalty.points_expired_through``) records the last cut-off handled, so a
run only looks at the members whose points crossed the line since.

The members who earned in the span are listed once, without a lock, then handled
``CHUNK`` at a time in transactions of their own (``app.services.daily_job``): their
ledgers read in one query, the locks of those owing taken together, and the last member
handled recorded with the cut-off (``loyalty.points_expiry_position``: "cut-off|member
id") in the same commit. A run cut short resumes after that member; a chunk done twice
would expire nothing more, since what expires is worked out from the member's whole
ledger under the member's lock. Only members with points to expire are locked (their
ledgers read once to find them, and again under the locks), so a run writes little
beyond the expiries themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from app.domain.points import PointsPolicy, points_to_expire
from app.services.daily_job import ChunkedStep, DailyJob
from app.unit_of_work import UnitOfWork

WATERMARK = "loyalty.points_expired_through"
POSITION = "loyalty.points_expiry_position"
CHUNK = 250


class PointsExpiryService(DailyJob):
    """``run`` expires what is due and returns how many points expired."""

    watermark_key = WATERMARK
    chunk = CHUNK

    def _run(self, today: date) -> int:
        with self._units() as uow:
            done = uow.watermarks.peek(WATERMARK)
            policy = uow.programme.rules().points
            cutoff = today - timedelta(days=policy.life_days)
            if done is not None and done >= cutoff:
                return 0
            crossed = uow.ledgers.members_who_earned(after=done, through=cutoff)
        expired, finished, start = 0, False, 0
        while not finished:
            step = _Step(crossed, start, self.chunk, cutoff, today, policy, self._release)
            expired += self._chunk(step)
            finished, start = step.finished, step.next_start
        return expired


class _Step(ChunkedStep):
    """One chunk: the next members whose points crossed the cut-off, expired."""

    def __init__(
        self,
        crossed: Sequence[int],
        start: int,
        size: int,
        cutoff: date,
        today: date,
        policy: PointsPolicy,
        release: Callable[[UnitOfWork], None],
    ) -> None:
        super().__init__(crossed, start, size, cutoff, (WATERMARK, POSITION), release)
        self._today, self._policy = today, policy

    def _work(self, uow: UnitOfWork, chunk: Sequence[int], now: datetime) -> int:
        expired = 0
        owing = self._owing(uow, chunk)  # most have used their points: no lock for them
        if owing:
            uow.members.lock_many(list(owing))
            for member_id, due in self._owing(uow, list(owing)).items():  # again, under the locks
                uow.ledgers.append_points(member_id=member_id, delta=-due, reason="expire", at=now)
                expired += due
        return expired

    def _owing(self, uow: UnitOfWork, member_ids: Sequence[int]) -> dict[int, int]:
        histories = uow.ledgers.points_histories(member_ids) if member_ids else {}
        due = {m: points_to_expire(h, self._today, self._policy) for m, h in histories.items()}
        return {member_id: points for member_id, points in due.items() if points > 0}
