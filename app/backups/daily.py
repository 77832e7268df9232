"""The automatic daily backup of the embedded SQLite database, with its retention."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from app.backups.backup import back_up
from app.backups.catalogue import backups_of
from app.backups.retention import DAILY_KEPT, WEEKLY_KEPT, to_keep
from app.clock import Clock
from db.sqlite_files import sqlite_path

log = logging.getLogger(__name__)


class DailyBackup:
    """Once a day, a backup of one SQLite database into ``folder``; older automatic
    backups beyond the retention are removed (backups made by hand are never)."""

    def __init__(
        self,
        database: Path,
        folder: Path,
        clock: Clock,
        daily: int = DAILY_KEPT,
        weekly: int = WEEKLY_KEPT,
    ) -> None:
        self._database, self._folder, self._clock = database, folder, clock
        self._daily, self._weekly = daily, weekly

    @classmethod
    def of(cls, url: str, folder: Path, clock: Clock) -> DailyBackup | None:
        """The daily backup for ``url``; ``None`` for PostgreSQL (its own tools back it up)."""
        database = sqlite_path(url)
        return None if database is None else cls(database, folder, clock)

    def run(self, today: date) -> int:
        """Back up unless an automatic backup of ``today`` exists; 1 when one was made."""
        automatic = [b for b in backups_of(self._database, self._folder) if b.automatic]
        made = 0
        if not any(b.made.date() == today for b in automatic) and self._database.exists():
            now = self._clock.now()
            stamp = now if now.date() == today else datetime.combine(today, now.time())
            url = f"sqlite:///{self._database}"
            path = back_up(url, self._folder, stamp, automatic=True, verify="quick_check")
            log.info("daily backup written to %s", path)
            automatic = [b for b in backups_of(self._database, self._folder) if b.automatic]
            made = 1
        keep = to_keep((b.made for b in automatic), self._daily, self._weekly)
        for backup in automatic:
            if backup.made not in keep:
                backup.path.unlink(missing_ok=True)
        return made
