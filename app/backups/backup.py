"""``pos backup``: an online backup of a SQLite database, verified; for PostgreSQL, the
``pg_dump`` command line to run."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from app.backups.catalogue import backup_path
from app.backups.database_check import file_problem
from app.errors import TillError
from db.sqlite_files import PRIVATE_DIR, FileState, inspect_file, online_backup, sqlite_path


class BackupRefused(TillError):
    pass


@dataclass(frozen=True)
class PgDump:
    command: list[str]
    """The command line, without any password (``pg_dump`` asks, or reads ``~/.pgpass``
    or ``PGPASSWORD``)."""
    installed: bool


def is_embedded(url: str) -> bool:
    """Whether ``url`` is a SQLite file (which the till backs up itself)."""
    return sqlite_path(url) is not None


def private_folder(folder: Path) -> None:
    """Create ``folder`` owner-only when it does not exist yet (an existing one is left)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=PRIVATE_DIR)
        folder.chmod(PRIVATE_DIR)  # mkdir's mode goes through the umask


def back_up(
    url: str,
    folder: Path,
    now: datetime,
    automatic: bool = False,
    verify: str = "integrity_check",
) -> Path:
    """Write a backup of the SQLite database at ``url`` into ``folder``, verified by SQLite's
    ``verify`` pragma and as our schema. ``integrity_check`` reads everything (about 3 s
    for 60 MB here); ``quick_check`` skips matching indexes to rows (about 10x faster)."""
    database = sqlite_path(url)
    if database is None:
        raise BackupRefused(f"{url} is not a SQLite file; see 'pos backup' for PostgreSQL")
    problem = file_problem(str(database), inspect_file(database))
    if problem is not None or not database.exists():
        raise BackupRefused(problem or f"{database} does not exist")
    private_folder(folder)
    target = backup_path(database, folder, now, automatic)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        online_backup(database, partial)
        check = inspect_file(partial, verify)
        if check.state is not FileState.OURS or file_problem(str(partial), check):
            raise BackupRefused(f"the backup in {partial} did not verify: {check.state.value}")
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupRefused(f"the backup of {database} failed: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return target


def pg_dump(url: str, folder: Path, now: datetime) -> PgDump:
    """The ``pg_dump`` line that backs up the PostgreSQL database at ``url`` into ``folder``
    (custom format, restorable with ``pg_restore``)."""
    parsed = make_url(url)
    target = folder / f"{parsed.database or 'till'}-{now:%Y%m%d-%H%M%S}.dump"
    command = ["pg_dump", "--format=custom", f"--file={target}"]
    if parsed.host:
        command.append(f"--host={parsed.host}")
    if parsed.port:
        command.append(f"--port={parsed.port}")
    if parsed.username:
        command.append(f"--username={parsed.username}")
    command.append(parsed.database or "")
    return PgDump(command, shutil.which("pg_dump") is not None)
