"""When and where the last backup was made, for ``pos doctor`` and the settings page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.backups.catalogue import BackupFile, last_backup
from db.sqlite_files import sqlite_path

OVERDUE_AFTER = timedelta(days=2)


@dataclass(frozen=True)
class BackupStatus:
    embedded: bool
    """A SQLite file, backed up by the till; otherwise PostgreSQL, backed up by its server."""
    last: BackupFile | None

    def overdue(self, now: datetime) -> bool:
        """An embedded database without a backup in the last two days."""
        return self.embedded and (self.last is None or now - self.last.made > OVERDUE_AFTER)


def backup_status(url: str, folder: Path) -> BackupStatus:
    database = sqlite_path(url)
    if database is None:
        return BackupStatus(False, None)
    return BackupStatus(True, last_backup(database, folder))


def describe(status: BackupStatus, now: datetime) -> tuple[bool, str]:
    """Whether all is well, and when and where, in English (``pos doctor``)."""
    if not status.embedded:
        return True, "made on the PostgreSQL server ('pos backup' shows the pg_dump command)"
    if status.last is None:
        return False, "none yet; run 'pos backup' (an open till makes one daily)"
    message = f"{status.last.made:%Y-%m-%d %H:%M}, {status.last.path}"
    if status.overdue(now):
        return False, f"{message}: more than 2 days ago; run 'pos backup'"
    return True, message
