"""Whether a database can be used by this till, in one sentence when it cannot."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.errors import TillError
from db.engine import create_db_engine
from db.migrate import current_revision, known_revisions
from db.sqlite_files import FileCheck, FileState, inspect_file, sqlite_path

RESTORE_HINT = "restore a backup with 'pos restore FILE'"


class DatabaseUnusable(TillError):
    """The database file is damaged, not a till's, or from a newer version of the till."""


def newer_schema(revision: str) -> str:
    return (
        f"was written by a newer version of the till (schema {revision}; this version "
        f"knows up to {max(known_revisions())})"
    )


def what_is_wrong(check: FileCheck) -> str | None:
    """What is wrong with a SQLite file for this till, as the end of a sentence."""
    if check.state is FileState.EMPTY:
        return "is an empty file, not a till database"
    if check.state is FileState.NOT_SQLITE:
        return "is not a SQLite database (it is damaged or another kind of file)"
    if check.state is FileState.DAMAGED:
        return f"is damaged ({check.detail})"
    if check.state is FileState.FOREIGN:
        return "is a SQLite database of another program, not of this till"
    if check.revision is not None and check.revision not in known_revisions():
        return newer_schema(check.revision)
    return None


def file_problem(where: str, check: FileCheck) -> str | None:
    """One sentence for a SQLite file the till must not open; ``None`` when it may."""
    wrong = what_is_wrong(check)
    if wrong is None:
        return None
    if check.state is FileState.FOREIGN:
        advice = "choose the till's database with --db"
    elif check.state is FileState.OURS:
        advice = f"run that version, or {RESTORE_HINT} made by this one"
    else:
        advice = f"move it away, or {RESTORE_HINT}"
    return f"{where} {wrong}: {advice}"


def database_problem(url: str, integrity: str | None = None) -> str | None:
    """Why the till must not run on ``url``, or ``None``. For a SQLite file this reads its
    header and tables (and runs ``integrity``: ``"quick_check"`` or
    ``"integrity_check"``, when given); on PostgreSQL it compares the schema's revision."""
    path = sqlite_path(url)
    if path is not None:
        return file_problem(str(path), inspect_file(path, integrity))
    engine = create_db_engine(url)
    try:
        return schema_problem(engine, url)
    finally:
        engine.dispose()


QUICK_CHECK_UP_TO = 64 * 2**20
"""A start runs ``PRAGMA quick_check`` on a SQLite file up to this size (about 0.2 s here).
The check reads every page (2.4 s at a million members), so a bigger file is checked
by the daily backup in the background instead (``app.backups.daily``), and the start
reads its header and tables only: its cost does not grow with the data."""


def start_up_problem(url: str, quick_check_up_to: int = QUICK_CHECK_UP_TO) -> str | None:
    """``database_problem`` as ``pos`` checks it before its window, in bounded time."""
    path = sqlite_path(url)
    small = path is not None and path.is_file() and path.stat().st_size <= quick_check_up_to
    return database_problem(url, integrity="quick_check" if small else None)


def schema_problem(engine: Engine, where: str) -> str | None:
    """A schema from a newer version of the till, in one sentence; ``None`` otherwise."""
    try:
        revision = current_revision(engine)
    except SQLAlchemyError:
        return None  # unreachable or not a database: the connection's own errors say it
    if revision is not None and revision not in known_revisions():
        return f"{where} {newer_schema(revision)}: run that version of the till"
    return None


def refuse_unusable(url: str, engine: Engine) -> None:
    """Raise ``DatabaseUnusable`` when the till must not run on ``url`` (opened as
    ``engine``): a SQLite file that is empty, not SQLite, unreadable or another program's,
    or a schema from a newer till. Reads the file's header and tables only: cheap."""
    path = sqlite_path(url)
    problem = file_problem(str(path), inspect_file(path)) if path is not None else None
    problem = problem or schema_problem(engine, str(path or url))
    if problem is not None:
        raise DatabaseUnusable(problem)
