"""The automatic daily backup on a real SQLite database and real files: once a day,
pruned to the retention, backups made by hand left alone, none for PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.backups.backup import back_up
from app.backups.catalogue import backups_of, last_backup
from app.backups.daily import DailyBackup
from app.demo_database import create_demo_database
from tests.fakes import FakeClock


def demo_database(tmp_path: Path) -> Path:
    path = tmp_path / "till.db"
    create_demo_database(f"sqlite:///{path}", 20, datetime(2026, 10, 1).date())
    return path


def test_the_daily_backup_is_made_once_a_day(tmp_path: Path) -> None:
    database, folder = demo_database(tmp_path), tmp_path / "backups"
    clock = FakeClock(datetime(2026, 10, 1, 9, 0))
    job = DailyBackup(database, folder, clock)
    assert job.run(clock.now().date()) == 1
    clock.advance(timedelta(hours=5))
    assert job.run(clock.now().date()) == 0
    [made] = backups_of(database, folder)
    assert made.automatic and made.made == datetime(2026, 10, 1, 9, 0)
    assert made.path.name == "till-20261001-090000-daily.db"


def test_forty_days_of_daily_backups_leave_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    database, folder = demo_database(tmp_path), tmp_path / "backups"
    clock = FakeClock(datetime(2026, 10, 1, 9, 0))
    by_hand = back_up(f"sqlite:///{database}", folder, datetime(2026, 9, 1, 12, 0))
    job = DailyBackup(database, folder, clock)
    for _ in range(40):
        job.run(clock.now().date())
        clock.advance(timedelta(days=1))
    automatic = [b.made.date().isoformat() for b in backups_of(database, folder) if b.automatic]
    assert automatic == ["2026-10-25", "2026-11-01", *(f"2026-11-0{d}" for d in range(3, 10))]
    assert by_hand.exists()
    latest = last_backup(database, folder)
    assert latest is not None and latest.made == datetime(2026, 11, 9, 9, 0)


def test_postgresql_gets_no_automatic_backup(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 10, 1, 9, 0))
    assert DailyBackup.of("postgresql+psycopg://till@db/till", tmp_path, clock) is None
