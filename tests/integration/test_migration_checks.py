"""The migrations' full-database foreign-key check (seconds at a million members) runs
when a migration ran, never on a start with nothing to migrate."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event

from app.bootstrap import prepare_database
from db.engine import create_db_engine
from db.migrate import (
    alembic_config,
    current_revision,
    is_at_head,
    known_revisions,
    plain_head,
    upgrade_to_head,
)

TODAY = date(2026, 11, 22)


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every statement any engine sends to its database while the test runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def foreign_key_checks(statements: list[str]) -> int:
    return sum("foreign_key_check" in statement.lower() for statement in statements)


def test_a_start_with_nothing_to_migrate_does_not_check_every_foreign_key(
    tmp_path: Path, statements: list[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    prepare_database(url, 40, TODAY).dispose()  # new: every migration ran, and the check
    assert foreign_key_checks(statements) == 1
    statements.clear()
    prepare_database(url, 40, TODAY).dispose()  # the next start: nothing to migrate
    assert any("alembic_version" in statement for statement in statements)
    assert foreign_key_checks(statements) == 0


def upgrade_between(tmp_path: Path, statements: list[str], start: str, end: str) -> int:
    """Foreign-key checks while a till at ``start`` is upgraded to ``end``."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'till.db'}")
    try:
        config = alembic_config(engine)
        command.upgrade(config, start)
        statements.clear()
        command.upgrade(config, end)
        assert current_revision(engine) == end
        return foreign_key_checks(statements)
    finally:
        engine.dispose()


def test_an_upgrade_that_runs_a_migration_still_checks_the_foreign_keys(
    tmp_path: Path, statements: list[str]
) -> None:
    assert upgrade_between(tmp_path, statements, "0011", "0012") == 1


def test_a_migration_that_rebuilds_no_table_skips_the_check(
    tmp_path: Path, statements: list[str]
) -> None:
    """0013 only adds a table and nullable columns (``REBUILDS_NO_TABLE``)."""
    assert upgrade_between(tmp_path, statements, "0012", "0013") == 0


def test_going_back_through_such_a_migration_checks_the_keys(
    tmp_path: Path, statements: list[str]
) -> None:
    assert upgrade_between(tmp_path, statements, "0013", "0013") == 0  # nothing ran
    engine = create_db_engine(f"sqlite:///{tmp_path / 'till.db'}")
    try:
        statements.clear()
        command.downgrade(alembic_config(engine), "0012")
        assert foreign_key_checks(statements) == 1
    finally:
        engine.dispose()


def test_the_revisions_read_from_the_files_are_alembics(tmp_path: Path) -> None:
    """A start with nothing to migrate reads them without Alembic (``db.migrate``)."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'till.db'}")
    try:
        scripts = ScriptDirectory.from_config(alembic_config(engine))
        assert known_revisions() == {script.revision for script in scripts.walk_revisions()}
        assert [plain_head()] == list(scripts.get_heads())
        command.upgrade(alembic_config(engine), "0012")
        assert current_revision(engine) == "0012" and not is_at_head(engine)
        upgrade_to_head(engine)
        assert current_revision(engine) == plain_head() and is_at_head(engine)
    finally:
        engine.dispose()
