"""A SQLite database as a file: what it holds (ours, foreign, damaged), online backups
and owner-only permissions. The SQL here is SQLite's own (pragmas, ``sqlite_master``)."""

from __future__ import annotations

import enum
import os
import sqlite3
import stat
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700
COMPANIONS = ("-wal", "-shm", "-journal")


class FileState(enum.Enum):
    MISSING = "missing"
    EMPTY = "empty"
    NOT_SQLITE = "not_sqlite"
    DAMAGED = "damaged"
    BLANK = "blank"
    """A SQLite database with no tables: the till may create its schema there."""
    FOREIGN = "foreign"
    OURS = "ours"


@dataclass(frozen=True)
class FileCheck:
    state: FileState
    revision: str | None = None
    """The Alembic revision the file is at (``OURS`` only)."""
    detail: str = ""
    """SQLite's first complaint, for ``DAMAGED``."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; ``None`` for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def inspect_file(path: Path, integrity: str | None = None) -> FileCheck:
    """What ``path`` holds, read-only. ``integrity`` is ``"quick_check"`` (fast on big
    files: pages and indexes' structure) or ``"integrity_check"`` (everything), or
    ``None`` to only read the header and the list of tables."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return FileCheck(FileState.MISSING)
    if size == 0:
        return FileCheck(FileState.EMPTY)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return FileCheck(FileState.NOT_SQLITE)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
    except sqlite3.Error as error:
        return FileCheck(FileState.DAMAGED, detail=str(error))
    try:
        return _inspect(connection, integrity)
    except sqlite3.DatabaseError as error:
        return FileCheck(FileState.DAMAGED, detail=str(error))
    finally:
        connection.close()


def _inspect(connection: sqlite3.Connection, integrity: str | None) -> FileCheck:
    if integrity is not None:
        if integrity not in ("quick_check", "integrity_check"):
            raise ValueError(f"unknown check {integrity!r}")
        rows = [str(row[0]) for row in connection.execute(f"PRAGMA {integrity}(5)")]
        if rows != ["ok"]:
            lines = [line for row in rows for line in row.splitlines()]
            first = next((line for line in lines if not line.startswith("***")), lines[0])
            return FileCheck(FileState.DAMAGED, detail=first.strip())
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if not tables:
        return FileCheck(FileState.BLANK)
    if "alembic_version" not in tables or "members" not in tables:
        return FileCheck(FileState.FOREIGN)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None:
        return FileCheck(FileState.FOREIGN)
    return FileCheck(FileState.OURS, revision=str(row[0]))


def online_backup(source: Path, target: Path) -> None:
    """Copy the live database ``source`` into the new file ``target`` with SQLite's online
    backup API: consistent while tills keep writing (WAL), and a plain one-file database
    (rollback journal, not WAL) that opens as it is. ``target`` is created owner-only.
    Blocks for the copy: about a second per few hundred MB."""
    create_private(target)
    with (
        closing(sqlite3.connect(source, timeout=15)) as reader,
        closing(sqlite3.connect(target)) as writer,
    ):
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode=DELETE")


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the main file, so the file alone is the database."""
    connection = sqlite3.connect(path, timeout=15)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only (``O_EXCL``: it must not exist yet)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def make_private(path: Path) -> None:
    """Take group and other permissions away from the database file and its WAL/SHM."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in COMPANIONS)):
        try:
            mode = candidate.stat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_IMODE(mode) & 0o077:
            candidate.chmod(stat.S_IMODE(mode) & 0o700)


def companions(path: Path) -> list[Path]:
    """The WAL, shared-memory and journal files beside ``path`` that exist."""
    return [Path(f"{path}{suffix}") for suffix in COMPANIONS if Path(f"{path}{suffix}").exists()]
