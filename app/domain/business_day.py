"""The business day: a restaurant open past midnight counts its late sales on the day they
began. Before the cut-off hour (0 to 11; 0 = midnight, the calendar day) a time belongs to
the previous day; the restaurant setting ``business_day_cutoff_hour`` holds the hour."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

SETTING = "business_day_cutoff_hour"
LATEST_CUTOFF = 11


def business_day(now: datetime, cutoff_hour: int) -> date:
    """``2026-11-23 01:30`` with cut-off 4 -> ``2026-11-22``; cut-off 0 -> the date."""
    return (now - timedelta(hours=cutoff_hour)).date()


def day_window(day: date, cutoff_hour: int) -> tuple[datetime, datetime]:
    """The times that belong to ``day``: ``start <= at < end``."""
    start = datetime.combine(day, time(cutoff_hour))
    return start, start + timedelta(days=1)


def cutoff_hour(settings: Mapping[str, str]) -> int:
    """The stored cut-off; absent or not an hour from 0 to 11: 0 (midnight)."""
    raw = settings.get(SETTING, "").strip()
    if not raw.isdigit() or not 0 <= int(raw) <= LATEST_CUTOFF:
        return 0
    return int(raw)
