"""``pos backup`` and ``pos restore`` through the real command: a verified plain SQLite
backup, a restore that gives back every row and keeps the replaced database aside, and
refusals of files that are not a till's backup."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from app.bootstrap import TillConfig, build_till
from tests.fakes import FakeClock
from tests.integration.test_cli import run_pos
from tests.integration.test_segments import EMILY, ZHANG_WEI, sell

Snapshot = dict[str, list[tuple[object, ...]]]


def snapshot(path: Path) -> Snapshot:
    """Every row of every table, in a stable order."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"'), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def a_till_with_history(path: Path, clock: FakeClock) -> None:
    till = build_till(TillConfig(f"sqlite:///{path}", demo_members_if_empty=40), clock)
    try:
        sell(till, ZHANG_WEI, "SET-03", "SET-03")
        sell(till, EMILY, "SET-03")
    finally:
        till.close()


def only_backup(folder: Path) -> Path:
    found = sorted(folder.glob("*.db"))
    assert len(found) == 1, found
    return found[0]


def test_a_restore_gives_back_every_row_of_the_backed_up_database(
    tmp_path: Path, clock: FakeClock
) -> None:
    database, folder = tmp_path / "till.db", tmp_path / "backups"
    url = f"sqlite:///{database}"
    a_till_with_history(database, clock)
    before = snapshot(database)
    for table in ("members", "orders", "order_lines", "points_ledger", "audit_events"):
        assert before[table], f"{table} should hold rows for the test to mean something"

    made = run_pos("backup", "--db", url, "--to", str(folder))
    assert made.returncode == 0, made.stderr
    backup = only_backup(folder)
    assert f"backup written to {backup} and verified" in made.stdout
    assert snapshot(backup) == before

    a_till_with_history(database, clock)  # more sales after the backup
    after_more_sales = snapshot(database)
    assert len(after_more_sales["orders"]) > len(before["orders"])

    restored = run_pos("restore", str(backup), "--db", url)
    assert restored.returncode == 0, restored.stderr
    assert snapshot(database) == before
    aside = next(tmp_path.glob("till.db.before-restore-*"))
    assert f"kept as {aside}" in restored.stdout
    assert snapshot(aside) == after_more_sales


def test_a_backup_is_one_plain_sqlite_file_readable_by_its_owner_only(
    tmp_path: Path, clock: FakeClock
) -> None:
    database, folder = tmp_path / "till.db", tmp_path / "new" / "backups"
    a_till_with_history(database, clock)
    assert run_pos("backup", "--db", f"sqlite:///{database}", "--to", str(folder)).returncode == 0
    backup = only_backup(folder)
    assert [p.name for p in folder.iterdir()] == [backup.name]  # no -wal, no leftovers
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()


def test_backup_goes_to_the_backups_folder_in_the_data_folder_by_default(
    tmp_path: Path, clock: FakeClock
) -> None:
    database = tmp_path / "till.db"
    a_till_with_history(database, clock)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    made = run_pos("backup", "--db", f"sqlite:///{database}", env=env)
    assert made.returncode == 0, made.stderr
    assert only_backup(tmp_path / "data" / "membership-till" / "backups").name.startswith("till-")


def newer_backup(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    connection = sqlite3.connect(target)
    connection.execute("UPDATE alembic_version SET version_num = '0999'")
    connection.commit()
    connection.close()
    return target


def foreign_database(target: Path) -> Path:
    connection = sqlite3.connect(target)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    return target


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("random", "is not a SQLite database"),
        ("empty", "is an empty file"),
        ("foreign", "is a SQLite database of another program"),
        ("newer", "was written by a newer version of the till (schema 0999;"),
        ("missing", "does not exist"),
    ],
)
def test_restore_refuses_what_is_not_a_backup_of_this_till_in_one_sentence(
    tmp_path: Path, clock: FakeClock, kind: str, reason: str
) -> None:
    database = tmp_path / "till.db"
    a_till_with_history(database, clock)
    before = snapshot(database)
    candidate = tmp_path / f"{kind}.db"
    if kind == "random":
        candidate.write_bytes(os.urandom(8192))
    elif kind == "empty":
        candidate.touch()
    elif kind == "foreign":
        foreign_database(candidate)
    elif kind == "newer":
        newer_backup(database, candidate)
    refused = run_pos("restore", str(candidate), "--db", f"sqlite:///{database}")
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"pos restore: {candidate} ")
    assert reason in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert snapshot(database) == before
    assert not list(tmp_path.glob("till.db.before-restore-*"))


def test_for_postgresql_backup_prints_the_pg_dump_line_without_the_password() -> None:
    url = "postgresql+psycopg://till:s3cret@db.example:5433/restaurant"
    shown = run_pos("backup", "--db", url, "--to", "/srv/backups")
    assert shown.returncode == (0 if shutil.which("pg_dump") else 1), shown.stderr
    assert "s3cret" not in shown.stdout + shown.stderr
    line = shown.stdout.splitlines()[1].strip()
    assert line.startswith("pg_dump --format=custom --file=/srv/backups/restaurant-")
    assert line.endswith("--host=db.example --port=5433 --username=till restaurant")


def test_without_pg_dump_installed_backup_says_so(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}
    shown = run_pos("backup", "--db", "postgresql+psycopg://till@db.example/restaurant", env=env)
    assert shown.returncode == 1
    assert "pg_dump --format=custom" in shown.stdout
    assert shown.stderr.startswith("pos backup: pg_dump is not installed here")


def test_doctor_says_when_there_is_no_recent_backup(tmp_path: Path, clock: FakeClock) -> None:
    database = tmp_path / "till.db"
    a_till_with_history(database, clock)
    url = f"sqlite:///{database}"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    none = run_pos("--settings", str(tmp_path / "s.json"), "doctor", "--db", url, env=env)
    assert none.returncode == 1
    assert "ERR  last backup: none yet; run 'pos backup'" in none.stdout

    folder = tmp_path / "data" / "membership-till" / "backups"
    assert run_pos("backup", "--db", url, env=env).returncode == 0
    only_backup(folder).rename(folder / "till-20200101-080000.db")
    old = run_pos("--settings", str(tmp_path / "s.json"), "doctor", "--db", url, env=env)
    assert old.returncode == 1
    assert (
        f"ERR  last backup: 2020-01-01 08:00, {folder / 'till-20200101-080000.db'}: "
        "more than 2 days ago" in old.stdout
    )


def test_restore_into_postgresql_points_to_pg_restore(tmp_path: Path, clock: FakeClock) -> None:
    database = tmp_path / "till.db"
    a_till_with_history(database, clock)
    url = "postgresql+psycopg://till@db.example/restaurant"
    refused = run_pos("restore", str(database), "--db", url)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"pos restore: {url} is not a SQLite file: restore a PostgreSQL dump with "
        "'pg_restore --clean --dbname=DATABASE FILE'\n"
    )
