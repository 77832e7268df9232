"""Members' RFM segments (``app.domain.rfm``), worked out once a day on whichever till runs
first and written to ``members.segment``, where targeted offers look for them.

Only the latest day matters: a till closed for a week scores today once, not once per
missed day. The day scored (``as_of``) is yesterday, the last whole business day, so
every till scoring on one day sees the same orders whatever the time.

A run, and why it goes this way:

1. Read the watermark (``segments.computed_through``, the last day scored) without a
   lock: yesterday done, stop.
2. ``score``: every member in a unit that writes nothing: the window's visits aggregated
   by the database (``uow.segments.activity``, a row per member who came), then every
   member streamed in batches and given a segment; only the members whose segment
   changes are kept.
3. ``write``, ``WRITE_CHUNK`` members per transaction under the job's lease
   (``app.services.daily_job``: on SQLite a checkout waits for one chunk at most, not
   for a million rows; a second till finds the lease held and leaves the day to this
   one). Each chunk first checks the watermark: if another till finished the day
   meanwhile, stop. Writing a segment is idempotent (only members whose segment differs
   change), so a run cut short is simply done again by the next run, which scores
   afresh and writes what is still different.
4. The last chunk advances the watermark and gives the lease up.
5. The audit event ``segments_computed`` with the members per segment, in the last chunk.

A member who joins after the day's run has no segment (``""``) until the next one.
A member who may not be scored (erased, or who refused automated decisions: see
``db/segments.py:may_segment``) has no segment either: the run clears it, and the profile
edit that records the refusal clears it at once. The audit counts them as
``not_segmented``.

Scoring happens in Python after one SQL aggregation because that is fast enough and
keeps one definition of the rules (``app.domain.rfm``; SQL's ``NTILE`` would also split
ties at random). Measured on the benchmark database (1,000,000 members, 150,000 of whom
came in the year, SQLite, a shared 2-core machine): about 7 s to score; 8–16 s for a
daily run; 15–26 s for the first run, which writes every member.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from time import perf_counter

from app.clock import Clock
from app.context import ActionContext
from app.domain.rfm import Activity, Segment, scales_for, segment_of, window
from app.services.daily_job import DailyJob
from app.unit_of_work import MemberSegments, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

WATERMARK = "segments.computed_through"
AUDIT_ACTION = "segments_computed"
WRITE_CHUNK = 500


@dataclass(frozen=True)
class Scoring:
    """Every member's segment on ``as_of``: how many per segment, and who changed."""

    as_of: date
    quintiles: bool
    counts: Counter[Segment]
    changes: dict[Segment, list[int]]
    """Member ids whose segment is not this one yet."""
    cleared: list[int] = field(default_factory=list)
    """Member ids who may not be scored but still have a segment."""
    not_segmented: int = 0
    """Members who may not be scored."""


class SegmentService(DailyJob):
    """``run`` scores every member once a day and returns how many changed segment."""

    watermark_key = WATERMARK

    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        super().__init__(units, clock, till_id)
        self._till_id = till_id

    def _run(self, today: date) -> int:
        started = perf_counter()
        scoring = self.score(today)
        if scoring is None:
            return 0
        changed = self.write(scoring)
        log.info(
            "segments on %s: %d members, %d changed, in %.1f s",
            scoring.as_of,
            sum(scoring.counts.values()),
            changed,
            perf_counter() - started,
        )
        return changed

    def score(self, today: date) -> Scoring | None:
        """Every member's segment on the day before ``today``, unless already written
        (``None``); reads only, without a lock."""
        as_of = today - timedelta(days=1)
        with self._units() as uow:
            done = uow.watermarks.peek(WATERMARK)
            if done is not None and done >= as_of:
                return None
            return score_members(uow.segments, as_of)

    def write(self, scoring: Scoring) -> int:
        """Write the segments that changed and audit the run; returns how many members
        changed, 0 when a till has written this day's segments meanwhile (``LeaseHeld``
        while another till is writing them)."""
        batches = [
            (segment.value, ids[start : start + WRITE_CHUNK])
            for segment, ids in sorted(scoring.changes.items(), key=lambda item: item[0].value)
            for start in range(0, len(ids), WRITE_CHUNK)
        ] + [("", scoring.cleared[start : start + WRITE_CHUNK])
             for start in range(0, len(scoring.cleared), WRITE_CHUNK)]  # fmt: skip
        changed = 0
        for segment, ids in batches:
            written = self._chunk(partial(_write_batch, scoring.as_of, segment, ids))
            if written is None:
                return 0
            changed += written
        finish = partial(self._finish, scoring, changed)
        return changed if self._chunk(finish) is not None else 0

    def _finish(self, scoring: Scoring, changed: int, uow: UnitOfWork, now: datetime) -> int | None:
        done = uow.watermarks.claim(WATERMARK)
        if done is not None and done >= scoring.as_of:
            return None
        uow.audit.record(
            ActionContext(None, self._till_id, now),
            AUDIT_ACTION,
            scoring.as_of.isoformat(),
            {
                "as_of": scoring.as_of.isoformat(),
                "scoring": "quintiles" if scoring.quintiles else "fixed",
                "members": sum(scoring.counts.values()),
                "not_segmented": scoring.not_segmented,
                "changed": changed,
                "segments": {s.value: scoring.counts[s] for s in Segment},
            },
        )
        uow.watermarks.advance(WATERMARK, scoring.as_of)
        self._release(uow)
        return changed


def _write_batch(
    as_of: date, segment: str, member_ids: Sequence[int], uow: UnitOfWork, _now: datetime
) -> int | None:
    """One chunk of segment writes; ``None`` when another till finished the day."""
    done = uow.watermarks.peek(WATERMARK)
    if done is not None and done >= as_of:
        return None
    return uow.segments.set_segment(segment, member_ids)


def score_members(segments: MemberSegments, as_of: date) -> Scoring:
    """Every member's segment on ``as_of``, read through ``segments``; writes nothing."""
    came = segments.activity(*window(as_of))
    scales = scales_for(came.values(), as_of)
    counts: Counter[Segment] = Counter()
    changes: dict[Segment, list[int]] = {}
    stayed_away: dict[date, Segment] = {}  # members who did not come differ only in this
    cleared: list[int] = []
    not_segmented = 0
    for member_id, joined_on, current, segmentable in segments.members():
        if not segmentable:
            not_segmented += 1
            if current:
                cleared.append(member_id)
            continue
        activity = came.get(member_id)
        if activity is not None:
            segment = segment_of(activity, as_of, scales)
        elif (known := stayed_away.get(joined_on)) is not None:
            segment = known
        else:
            segment = segment_of(Activity(joined_on), as_of, scales)
            stayed_away[joined_on] = segment
        counts[segment] += 1
        if segment.value != current:
            changes.setdefault(segment, []).append(member_id)
    return Scoring(as_of, scales.quintiles, counts, changes, cleared, not_segmented)
