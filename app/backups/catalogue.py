"""Where backups live and how they are named: ``<database>-YYYYMMDD-HHMMSS[-N][-daily].db``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.config import data_dir

STAMP = "%Y%m%d-%H%M%S"
DAILY = "-daily"


def default_folder() -> Path:
    """The ``backups`` folder in the data folder."""
    return data_dir() / "backups"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    automatic: bool


def backup_path(database: Path, folder: Path, now: datetime, automatic: bool) -> Path:
    """A new name in ``folder`` for a backup of ``database`` made at ``now``."""
    tail = DAILY if automatic else ""
    candidate, copy = folder / f"{database.stem}-{now:{STAMP}}{tail}.db", 1
    while candidate.exists():
        copy += 1
        candidate = folder / f"{database.stem}-{now:{STAMP}}-{copy}{tail}.db"
    return candidate


def backups_of(database: Path, folder: Path) -> list[BackupFile]:
    """The backups of ``database`` in ``folder``, oldest first."""
    pattern = re.compile(rf"^{re.escape(database.stem)}-(\d{{8}}-\d{{6}})(?:-\d+)?({DAILY})?\.db$")
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match and path.is_file():
            made = datetime.strptime(match.group(1), STAMP)
            found.append(BackupFile(path, made, match.group(2) is not None))
    return sorted(found, key=lambda backup: (backup.made, backup.path.name))


def last_backup(database: Path, folder: Path) -> BackupFile | None:
    every = backups_of(database, folder)
    return every[-1] if every else None
