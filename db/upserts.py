"""The dialect's own INSERT (``ON CONFLICT``), imported on first use: on SQLite these
inserts no longer load the PostgreSQL dialect (about 35 ms of a ``pos`` command's start
where nothing else, such as Alembic, loads it); on PostgreSQL the engine has already."""

from __future__ import annotations

from typing import Any


def dialect_insert(dialect: str) -> Any:
    """``insert`` of ``sqlalchemy.dialects.postgresql`` or ``.sqlite`` (the two differ in
    type, both have ``on_conflict_do_nothing`` and ``on_conflict_do_update``)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert
