"""The ends of ``pos migrate-to``: URLs as managed services print them are accepted, others
refused in a sentence; the database a till was moved to is the one it opens next."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import (
    APP_DIR_NAME,
    DATABASE_ENV,
    configured_database_url,
    resolve_database_url,
    save_database_url,
)
from app.migrate_to.errors import MoveRefused
from app.migrate_to.urls import shown, source_file, target_url


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql+psycopg://till@db.example.com/till", "postgresql+psycopg://till@db.example.com/till"),
        ("postgres://till:s3cret@db.example.com:6543/till?sslmode=require",
         "postgresql+psycopg://till:s3cret@db.example.com:6543/till?sslmode=require"),
        ("postgresql://till@10.0.0.5/chain", "postgresql+psycopg://till@10.0.0.5/chain"),
    ],
)  # fmt: skip
def test_postgresql_urls_get_the_tills_driver(given: str, used: str) -> None:
    assert target_url(given) == used


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("mysql://till@host/till", "moves to PostgreSQL only"),
        ("sqlite:///till.db", "moves to PostgreSQL only"),
        ("postgresql://till@host", "names no database"),
        ("the server", "is not a database URL"),
    ],
)
def test_other_targets_are_refused_in_a_sentence(given: str, words: str) -> None:
    with pytest.raises(MoveRefused, match=words):
        target_url(given)


def test_passwords_are_not_shown() -> None:
    assert "s3cret" not in shown("postgresql://till:s3cret@host/till")


def test_only_a_sqlite_file_can_be_moved(tmp_path: Path) -> None:
    assert source_file(f"sqlite:///{tmp_path / 'till.db'}") == tmp_path / "till.db"
    with pytest.raises(MoveRefused, match="not a SQLite file: there is nothing to move"):
        source_file("postgresql+psycopg://till@host/till")


def test_the_database_a_till_moved_to_opens_next_unless_told_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert resolve_database_url(None) == f"sqlite:///{tmp_path / APP_DIR_NAME / 'till.db'}"

    written = save_database_url("postgresql+psycopg://till:pw@host/till", moved_from="x")

    assert written.stat().st_mode & 0o077 == 0  # the URL may hold a password
    assert configured_database_url() == "postgresql+psycopg://till:pw@host/till"
    assert resolve_database_url(None) == "postgresql+psycopg://till:pw@host/till"
    assert resolve_database_url("sqlite:///other.db") == "sqlite:///other.db"
    monkeypatch.setenv(DATABASE_ENV, "sqlite:///env.db")
    assert resolve_database_url(None) == "sqlite:///env.db"


def test_an_unreadable_database_setting_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "database.json").write_text("{not json", encoding="utf-8")
    assert configured_database_url(tmp_path) is None
