"""A damaged, foreign, empty or newer database file: one clear sentence from the real
``pos`` command at start-up and from ``pos doctor`` (which runs ``PRAGMA quick_check``),
never a traceback, and the file left as it was."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.backups.database_check import start_up_problem
from app.demo_database import create_demo_database
from tests.integration.test_cli import run_pos
from tests.postgres_server import PostgresServer

OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(16384))


def empty_file(path: Path) -> None:
    path.touch()


def foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()


def our_database(path: Path) -> None:
    create_demo_database(f"sqlite:///{path}", 300, date(2026, 11, 22))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()


def newer_schema(path: Path) -> None:
    our_database(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0999'")
    connection.commit()
    connection.close()


def damaged_pages(path: Path) -> None:
    """Our database with garbage over pages in its middle; the header and schema intact."""
    our_database(path)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(os.urandom(4096 * 8))


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "random bytes": (random_bytes, "is not a SQLite database"),
    "empty file": (empty_file, "is an empty file, not a till database"),
    "foreign": (foreign_sqlite, "is a SQLite database of another program, not of this till"),
    "newer": (newer_schema, "was written by a newer version of the till (schema 0999;"),
    "damaged": (damaged_pages, "is damaged ("),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_till_refuses_to_start_in_one_sentence(tmp_path: Path, case: str) -> None:
    make, reason = CASES[case]
    database = tmp_path / "till.db"
    make(database)
    before = database.read_bytes()
    started = run_pos("--db", f"sqlite:///{database}", env=OFFSCREEN)
    assert started.returncode == 1
    assert started.stderr.startswith(f"pos: {database} {reason}")
    assert len(started.stderr.strip().splitlines()) == 1, started.stderr
    assert database.read_bytes() == before


@pytest.mark.parametrize("case", list(CASES))
def test_doctor_names_the_problem_in_one_line(tmp_path: Path, case: str) -> None:
    make, reason = CASES[case]
    database = tmp_path / "till.db"
    make(database)
    checked = run_pos(
        "--settings", str(tmp_path / "s.json"), "doctor", "--db", f"sqlite:///{database}"
    )
    assert checked.returncode == 1
    assert f"ERR  database: {database} {reason}" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    assert checked.stderr == ""


def test_doctor_reports_the_integrity_check_it_ran(tmp_path: Path) -> None:
    database = tmp_path / "till.db"
    our_database(database)
    checked = run_pos(
        "--settings", str(tmp_path / "s.json"), "doctor", "--db", f"sqlite:///{database}"
    )
    assert "ok   integrity: PRAGMA quick_check found no damage" in checked.stdout


def test_demo_refuses_a_file_that_is_not_a_till_database(tmp_path: Path) -> None:
    database = tmp_path / "till.db"
    random_bytes(database)
    refused = run_pos("demo", "--db", f"sqlite:///{database}")
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"pos demo: {database} is not a SQLite database")


def test_a_postgresql_database_from_a_newer_till_is_refused(postgres: PostgresServer) -> None:
    url = postgres.create_database()
    create_demo_database(url, 5, date(2026, 11, 22))
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    checked = run_pos("doctor", "--db", url)
    assert checked.returncode == 1
    assert f"ERR  database: {url} was written by a newer version of the till" in checked.stdout
    started = run_pos("--db", url, env=OFFSCREEN)
    assert started.returncode == 1
    assert started.stderr.startswith(f"pos: {url} was written by a newer version of the till")


def test_the_start_reads_every_page_only_of_a_small_file(tmp_path: Path) -> None:
    """``PRAGMA quick_check`` reads every page (2.4 s at a million members): a start runs it
    on files up to ``QUICK_CHECK_UP_TO``; a bigger one gets the header-and-tables check and
    is read through by the daily backup instead."""
    path = tmp_path / "till.db"
    damaged_pages(path)
    url = f"sqlite:///{path}"
    problem = start_up_problem(url)
    assert problem is not None and "is damaged (" in problem
    assert path.stat().st_size > 100_000
    assert start_up_problem(url, quick_check_up_to=100_000) is None  # "big": header only
    assert start_up_problem(url, quick_check_up_to=path.stat().st_size) == problem
