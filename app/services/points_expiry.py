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
from app.services.daily_job import DailyJob
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


class _Step:
    """One chunk: the next members after the recorded position, expired and recorded."""

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
        self._crossed, self._start, self._size = crossed, start, size
        self._release = release
        self._cutoff, self._today, self._policy = cutoff, today, policy
        self.finished = False
        self.next_start = start

    def __call__(self, uow: UnitOfWork, now: datetime) -> int:
        done = uow.watermarks.claim(WATERMARK)
        if done is not None and done >= self._cutoff:  # another till finished this cut-off
            self.finished = True
            return 0
        after = _position(uow.watermarks.peek_text(POSITION), self._cutoff)
        start = self._start
        while start < len(self._crossed) and self._crossed[start] <= after:
            start += 1
        chunk = self._crossed[start : start + self._size]
        expired = 0
        owing = self._owing(uow, chunk)  # most have used their points: no lock for them
        if owing:
            uow.members.lock_many(list(owing))
            for member_id, due in self._owing(uow, list(owing)).items():  # again, under the locks
                uow.ledgers.append_points(member_id=member_id, delta=-due, reason="expire", at=now)
                expired += due
        self.next_start = start + len(chunk)
        if self.next_start >= len(self._crossed):
            uow.watermarks.advance(WATERMARK, self._cutoff)
            uow.watermarks.set_text(POSITION, "")
            self._release(uow)
            self.finished = True
        else:
            uow.watermarks.set_text(POSITION, f"{self._cutoff.isoformat()}|{chunk[-1]}")
        return expired

    def _owing(self, uow: UnitOfWork, member_ids: Sequence[int]) -> dict[int, int]:
        histories = uow.ledgers.points_histories(member_ids) if member_ids else {}
        due = {m: points_to_expire(h, self._today, self._policy) for m, h in histories.items()}
        return {member_id: points for member_id, points in due.items() if points > 0}


def _position(text: str, cutoff: date) -> int:
    """The last member handled for ``cutoff`` (0: none yet, or the position of another
    cut-off, whose members this run lists again)."""
    day, _, member_id = text.partition("|")
    return int(member_id) if day == cutoff.isoformat() and member_id else 0
