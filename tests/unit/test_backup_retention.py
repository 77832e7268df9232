"""Which automatic backups are kept: 7 daily and 4 weekly by default."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.backups.retention import to_keep


def daily_from(first: datetime, days: int) -> list[datetime]:
    return [first + timedelta(days=n) for n in range(days)]


def test_forty_daily_backups_keep_the_last_seven_days_and_the_last_four_weeks() -> None:
    made = daily_from(datetime(2026, 10, 1, 9, 0), 40)  # Thu 1 Oct .. Mon 9 Nov
    kept = sorted(stamp.date().isoformat() for stamp in to_keep(made))
    assert kept == [
        "2026-10-25",  # the last of the week of 19 October
        "2026-11-01",  # the last of the week of 26 October
        *(f"2026-11-0{day}" for day in range(3, 10)),  # 3..9 November (and 8, 9: weeks)
    ]


def test_the_newest_backup_of_a_day_is_the_one_kept() -> None:
    morning, evening = datetime(2026, 11, 9, 8, 0), datetime(2026, 11, 9, 20, 0)
    assert to_keep([morning, evening]) == {evening}


def test_gaps_count_days_with_a_backup_not_calendar_days() -> None:
    made = [datetime(2026, 1, 1) + timedelta(days=10 * n) for n in range(10)]
    assert to_keep(made, daily=3, weekly=0) == set(made[-3:])


def test_nothing_to_keep_from_nothing() -> None:
    assert to_keep([]) == set()
