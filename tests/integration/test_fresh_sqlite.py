"""A new SQLite database at head is a copy of one migrated once per process: the same
schema and rows as migrating the file itself, owner-only, and the migrations run once."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

import db.fresh_sqlite as fresh_sqlite
from db.engine import create_db_engine
from db.fresh_sqlite import new_sqlite_at_head
from db.migrate import upgrade_to_head


def contents(path: Path) -> tuple[object, ...]:
    """The schema as SQLite describes it (columns, keys, indexes; a migration's rebuilt
    table may list its constraints in another order) and the stored revision."""
    with closing(sqlite3.connect(path)) as db:
        others = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type != 'table' ORDER BY name"
        ).fetchall()
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )]  # fmt: skip
        described = [
            (
                table,
                db.execute(f'PRAGMA table_xinfo("{table}")').fetchall(),
                sorted(row[2:] for row in db.execute(f'PRAGMA foreign_key_list("{table}")')),
                sorted(
                    (unique, origin, partial, _columns(db, name))
                    for _seq, name, unique, origin, partial in db.execute(
                        f'PRAGMA index_list("{table}")'
                    )
                ),
            )
            for table in tables
        ]
        version = db.execute("SELECT version_num FROM alembic_version").fetchall()
    return others, described, version


def _columns(db: sqlite3.Connection, index: str) -> tuple[str, ...]:
    return tuple(name for _rank, _cid, name in db.execute(f'PRAGMA index_info("{index}")'))


def test_a_copy_is_the_migrated_file_and_migrates_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrated = tmp_path / "migrated.db"
    engine = create_db_engine(f"sqlite:///{migrated}")
    upgrade_to_head(engine)
    engine.dispose()
    monkeypatch.setattr(fresh_sqlite, "_migrated", None)  # this process's first call
    calls: list[object] = []
    monkeypatch.setattr(
        fresh_sqlite,
        "upgrade_to_head",
        lambda engine: (calls.append(engine), upgrade_to_head(engine)),
    )
    first, second = tmp_path / "a" / "first.db", tmp_path / "second.db"
    new_sqlite_at_head(first)
    new_sqlite_at_head(second)
    assert len(calls) == 1
    assert contents(first) == contents(second) == contents(migrated)
    for path in (first, second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):  # never over an existing file
        new_sqlite_at_head(first)
