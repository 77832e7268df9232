"""``pos restore``: put a verified backup in place of a SQLite database, keeping the
current one aside."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.backups.database_check import what_is_wrong
from app.errors import TillError
from db.in_use import DatabaseBusy, exclusive_use
from db.sqlite_files import (
    FileState,
    checkpoint,
    companions,
    inspect_file,
    make_private,
    online_backup,
    sqlite_path,
)


class RestoreRefused(TillError):
    pass


@dataclass(frozen=True)
class Restored:
    database: Path
    kept_aside: Path | None
    """Where the database that was there before now is (``None``: there was none)."""
    revision: str


def check_backup(backup: Path) -> str:
    """The schema revision of a backup this till can restore; refuses anything else."""
    check = inspect_file(backup, "integrity_check")
    if check.state is FileState.MISSING:
        raise RestoreRefused(f"{backup} does not exist")
    if check.state is FileState.BLANK:
        raise RestoreRefused(f"{backup} is an empty SQLite database, not a till's backup")
    wrong = what_is_wrong(check)
    if wrong is not None:
        raise RestoreRefused(f"{backup} cannot be restored: it {wrong}")
    assert check.revision is not None
    return check.revision


def restore(backup: Path, url: str, now: datetime) -> Restored:
    database = sqlite_path(url)
    if database is None:
        raise RestoreRefused(
            f"{url} is not a SQLite file: restore a PostgreSQL dump with "
            "'pg_restore --clean --dbname=DATABASE FILE'"
        )
    revision = check_backup(backup)
    if backup.resolve() == database.resolve():
        raise RestoreRefused(f"{backup} is the database itself")
    try:
        with exclusive_use(database):  # no till opens it meanwhile either
            return _put_in_place(backup, database, revision, now)
    except DatabaseBusy:
        raise RestoreRefused("a till is using this database; close it first") from None


def _put_in_place(backup: Path, database: Path, revision: str, now: datetime) -> Restored:
    kept = _keep_aside(database, now) if database.exists() else None
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(f".{database.name}.restoring")
    partial.unlink(missing_ok=True)
    try:
        online_backup(backup, partial)
        os.replace(partial, database)
    finally:
        partial.unlink(missing_ok=True)
    make_private(database)
    return Restored(database, kept, revision)


def _keep_aside(database: Path, now: datetime) -> Path:
    """Rename the database (and its WAL, after folding it in) to ``NAME.before-restore-…``."""
    with contextlib.suppress(sqlite3.Error):  # a damaged one is kept aside as it is
        checkpoint(database)
    aside = database.with_name(f"{database.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    database.rename(aside)
    make_private(aside)
    for companion in companions(database):
        companion.rename(Path(f"{aside}{companion.name.removeprefix(database.name)}"))
    return aside
