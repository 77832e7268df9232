"""Which automatic backups to keep: the newest of each of the last N days that have one,
and the newest of each of the last M ISO weeks."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import datetime

DAILY_KEPT, WEEKLY_KEPT = 7, 4


def to_keep(
    made: Iterable[datetime], daily: int = DAILY_KEPT, weekly: int = WEEKLY_KEPT
) -> set[datetime]:
    stamps = sorted(set(made), reverse=True)
    return _newest_per(stamps, lambda t: t.date(), daily) | _newest_per(
        stamps, lambda t: t.isocalendar()[:2], weekly
    )


def _newest_per(
    newest_first: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    kept: dict[Hashable, datetime] = {}
    for stamp in newest_first:
        if len(kept) >= count and period(stamp) not in kept:
            break
        kept.setdefault(period(stamp), stamp)
    return set(kept.values())
