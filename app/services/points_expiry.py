"""Points expiry that really runs: at start-up and then daily, once per day across tills.

Points earned more than ``life_days`` ago and not yet used expire oldest first
(``app.domain.points``) as one ``expire`` entry per member, visible in the ledger.
A watermark in ``settings`` (``loyalty.points_expired_through``) records the last
cut-off handled, so a run only looks at points that crossed the line since; the first
statement of a run bumps that row, which makes concurrent runs on several tills wait
for one another instead of expiring the same points twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.points import LedgerEntry, points_to_expire
from app.services.daily_job import DailyJob
from db import loyalty as store
from db import watermarks
from db.ledgers import SqlLedgers
from db.loyalty_rules import rules_from_rows
from db.models import PointsLedgerRow

WATERMARK = "loyalty.points_expired_through"


class PointsExpiryService(DailyJob):
    """``run`` expires what is due and returns how many points expired."""

    def _run(self, today: date) -> int:
        now = self._clock.now()
        with self._sessions.begin() as session:
            watermark = watermarks.claim(session, WATERMARK)
            policy = rules_from_rows(session).points
            cutoff = today - timedelta(days=policy.life_days)
            if watermark is not None and watermark >= cutoff:
                return 0
            expired = 0
            ledgers = SqlLedgers(session)
            for member_id in _crossed(session, watermark, cutoff):
                store.lock_member(session, member_id)
                entries = [LedgerEntry(*entry) for entry in ledgers.points_history(member_id)]
                due = points_to_expire(entries, today, policy)
                if due > 0:
                    ledgers.append_points(member_id=member_id, delta=-due, reason="expire", at=now)
                    expired += due
            watermarks.advance(session, WATERMARK, cutoff)
            return expired


def _crossed(session: Session, watermark: date | None, cutoff: date) -> list[int]:
    """Members with points earned after the last cut-off and on or before this one."""
    end = datetime.combine(cutoff + timedelta(days=1), datetime.min.time())
    query = select(PointsLedgerRow.member_id).where(
        PointsLedgerRow.delta > 0, PointsLedgerRow.created_at < end
    )
    if watermark is not None:
        start = datetime.combine(watermark + timedelta(days=1), datetime.min.time())
        query = query.where(PointsLedgerRow.created_at >= start)
    return sorted(set(session.scalars(query.distinct())))
