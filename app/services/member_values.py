"""Members' stored value (``members.value_fen``), worked out once a day on whichever till
runs first, so the member list can sort by what members are worth (an index walk at a
million members, where computing every member's value per page could not be).

The value depends on the day (tenure grows, a member lapses), so it is kept as of a day:
the daily run values every member for ``today``; a checkout values its member as it
counts the visit (``db.member_accounts``), and a refund as it takes the spend back. A run:

1. reads the watermark (``member_value.valued_through``): today done, stop;
2. streams the members whose value may have moved since the watermark's day
   (``db.member_values.may_have_changed``: about one in eight at a million members; every
   member on a first run) in a unit that writes nothing, and keeps only those whose stored
   value differs from today's (``app.domain.member_value.stored_value``), in arrays: the
   first run after migration 0020 changes every member;
3. writes them ``WRITE_CHUNK`` at a time under the job's lease (``app.services.daily_job``),
   each only if the member's spend and value are still those read: a visit meanwhile has
   written a fresher value. Each chunk first checks the watermark (another till finished
   the day: stop);
4. the last chunk advances the watermark and gives the lease up.

Members who may not be valued (erased, or who declined automated decisions: ranking by
value is one) hold ``NULL`` and sort last.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from time import perf_counter

from app.domain.member_value import ValueChange, ValuedMember, stored_value
from app.services.daily_job import DailyJob
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

WATERMARK = "member_value.valued_through"
WRITE_CHUNK = 500
NONE = -1
"""``None`` in the arrays (a value is never negative)."""


@dataclass
class Revaluation:
    """The members whose stored value changes on ``day``, column by column (a first run
    holds a million: four arrays of 8-byte integers, not a million tuples)."""

    day: date
    ids: array[int] = field(default_factory=lambda: array("q"))
    spends: array[int] = field(default_factory=lambda: array("q"))
    olds: array[int] = field(default_factory=lambda: array("q"))
    news: array[int] = field(default_factory=lambda: array("q"))

    def add(self, member: ValuedMember, new: int | None) -> None:
        self.ids.append(member.member_id)
        self.spends.append(member.spend)
        self.olds.append(NONE if member.value is None else member.value)
        self.news.append(NONE if new is None else new)

    def __len__(self) -> int:
        return len(self.ids)

    def chunk(self, start: int, size: int) -> list[ValueChange]:
        return [
            ValueChange(
                self.ids[i],
                self.spends[i],
                None if self.olds[i] == NONE else self.olds[i],
                None if self.news[i] == NONE else self.news[i],
            )
            for i in range(start, min(start + size, len(self.ids)))
        ]


def revaluation(members: Iterable[ValuedMember], day: date) -> Revaluation:
    """The members whose stored value is not their value on ``day``."""
    changed = Revaluation(day)
    for member in members:
        new = stored_value(member, day)
        if new != member.value:
            changed.add(member, new)
    return changed


class MemberValueService(DailyJob):
    """``run`` values every member once a day; returns how many values it wrote."""

    watermark_key = WATERMARK

    def _run(self, today: date) -> int:
        started = perf_counter()
        with self._units() as uow:
            done = uow.watermarks.peek(WATERMARK)
            if done is not None and done >= today:
                return 0
            changed = revaluation(uow.member_values.members(today, done), today)
        written = 0
        for start in range(0, len(changed), WRITE_CHUNK):
            batch = changed.chunk(start, WRITE_CHUNK)
            wrote = self._chunk(partial(_write, today, batch))
            if wrote is None:
                return written
            written += wrote
        self._chunk(partial(self._finish, today))
        log.info(
            "member values on %s: %d changed, %d written, in %.1f s",
            today, len(changed), written, perf_counter() - started,
        )  # fmt: skip
        return written

    def _finish(self, today: date, uow: UnitOfWork, _now: datetime) -> None:
        done = uow.watermarks.claim(WATERMARK)
        if done is None or done < today:
            uow.watermarks.advance(WATERMARK, today)
        self._release(uow)


def _write(day: date, batch: list[ValueChange], uow: UnitOfWork, _now: datetime) -> int | None:
    """One chunk of value writes; ``None`` when another till finished the day."""
    done = uow.watermarks.peek(WATERMARK)
    if done is not None and done >= day:
        return None
    return uow.member_values.set_values(batch)
