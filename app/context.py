"""Who acts, at which till and when: built once per user action and handed down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.clock import Clock


@dataclass(frozen=True)
class ActionContext:
    """One user action's facts, so helpers stop threading ``(session, staff, now, ...)``.

    ``staff_id`` is ``None`` for the till's own work (the daily jobs); ``now`` is read once
    from the clock, so every row the action writes carries the same time.
    """

    staff_id: int | None
    till_id: str
    now: datetime

    @classmethod
    def begin(cls, clock: Clock, till_id: str, staff_id: int | None) -> ActionContext:
        return cls(staff_id=staff_id, till_id=till_id, now=clock.now())
