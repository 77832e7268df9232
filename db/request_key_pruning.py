"""The daily pruning of old request keys (``app.domain.request_keys.KEEP_DAYS``).

Keys are deleted oldest first through ``ix_request_keys_created_at`` (migration 0018), a
chunk per transaction, so a checkout waits for one chunk at most; two tills pruning at
once only find fewer rows to delete. A key younger than the window is never touched, so
a retry inside it still gets its committed outcome back.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from app.domain.request_keys import KEEP_DAYS
from db.models import RequestKeyRow

CHUNK = 1000


class RequestKeyPruning:
    """``run(today)`` deletes the keys made before ``today - KEEP_DAYS``; returns how
    many. Blocks for as long as it takes: the daily jobs run it off the GUI thread."""

    def __init__(self, engine: Engine, keep_days: int = KEEP_DAYS, chunk: int = CHUNK) -> None:
        self._engine, self._keep_days, self._chunk = engine, keep_days, chunk

    def cutoff(self, today: date) -> datetime:
        return datetime.combine(today - timedelta(days=self._keep_days), datetime.min.time())

    def run(self, today: date) -> int:
        before, pruned = self.cutoff(today), 0
        while True:
            with Session(self._engine) as session, session.begin():
                oldest = (
                    select(RequestKeyRow.key)
                    .where(RequestKeyRow.created_at < before)
                    .order_by(RequestKeyRow.created_at)
                    .limit(self._chunk)
                )
                keys = list(session.scalars(oldest))
                if keys:
                    session.execute(delete(RequestKeyRow).where(RequestKeyRow.key.in_(keys)))
            pruned += len(keys)
            if len(keys) < self._chunk:
                return pruned
