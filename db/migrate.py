"""Apply Alembic migrations at start-up, on SQLite or PostgreSQL alike.

A start with nothing to migrate does not load Alembic (about 0.2 s): the revisions this
till knows are read from the migration files' ``revision``/``down_revision`` lines, and
the database's from its ``alembic_version`` table. Whenever either is not plain (a file
that does not say, several heads, no version table), Alembic decides as before.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema up to date; a no-op when it already is."""
    head = plain_head()
    if head is not None and _stored_revision(engine) == head:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("members")


def is_at_head(engine: Engine) -> bool:
    """Whether the database has every migration this version of the till knows."""
    head = plain_head()
    if head is None:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    return current_revision(engine) == head


def known_revisions() -> frozenset[str]:
    """Every Alembic revision this version of the till has a migration for."""
    read = _read_scripts()
    if read is not None:
        return frozenset(read)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return frozenset(
        script.revision for script in ScriptDirectory.from_config(config).walk_revisions()
    )


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` before the first migration."""
    stored = _stored_revision(engine)
    if stored is not _UNREAD:
        return stored
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


_UNREAD = "?"  # not a revision id this project uses


def _stored_revision(engine: Engine) -> str | None:
    """``alembic_version``'s one row (``None``: empty), or ``_UNREAD`` when the table is
    missing or holds several rows (Alembic then decides)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return _UNREAD
    if len(rows) > 1:
        return _UNREAD
    return str(rows[0][0]) if rows else None


@cache
def _read_scripts() -> dict[str, tuple[str, ...]] | None:
    """Each migration file's revision and the revisions it follows, from its text;
    ``None`` when a file does not state them as plain literals."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(_ASSIGNED.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found["down_revision"])
        except (KeyError, ValueError, SyntaxError):
            return None
        downs = (down,) if isinstance(down, str) else tuple(down or ())
        if not isinstance(revision, str) or not all(isinstance(d, str) for d in downs):
            return None
        graph[revision] = downs
    return graph or None


def plain_head() -> str | None:
    """The one head revision, or ``None`` when the files do not show exactly one."""
    graph = _read_scripts()
    if graph is None:
        return None
    followed = {down for downs in graph.values() for down in downs}
    heads = [revision for revision in graph if revision not in followed]
    return heads[0] if len(heads) == 1 else None
