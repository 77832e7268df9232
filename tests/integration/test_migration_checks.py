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
from db.migrate import alembic_config, is_at_head, upgrade_to_head

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


def test_an_upgrade_that_runs_a_migration_still_checks_the_foreign_keys(
    tmp_path: Path, statements: list[str]
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'till.db'}")
    try:
        config = alembic_config(engine)
        head = ScriptDirectory.from_config(config).get_revision("head")
        assert head is not None and isinstance(head.down_revision, str)
        command.upgrade(config, head.down_revision)  # a till one version behind
        statements.clear()
        upgrade_to_head(engine)
        assert is_at_head(engine)
        assert foreign_key_checks(statements) == 1
    finally:
        engine.dispose()
