"""Alembic environment: runs with the engine the application passes in.

On SQLite, a batch migration rebuilds a table (copy, drop, rename), and dropping a table
that other rows reference fails while foreign keys are enforced. They are switched off
for the migration (the pragma only takes effect outside a transaction), every key is
checked before the commit when a migration ran, and they are switched on again whatever
happens. The migration runs inside one explicit transaction: the sqlite3 driver opens
one only before data changes, and DDL outside it would leave a half-migrated database
behind.
"""

from __future__ import annotations

from alembic import context
from alembic.migration import MigrationInfo

from db.models import Base

config = context.config
engine = config.attributes["engine"]

checks: list[bool] = []  # per migration run: whether it needs the foreign-key check


def _needs_key_check(step: MigrationInfo) -> bool:
    """A migration that rebuilds no table (``REBUILDS_NO_TABLE = True`` in its module: it
    only adds tables and nullable columns) cannot break a key; a downgrade always may."""
    script = context.script.get_revision(step.up_revision_id or "")
    unchanged = step.is_upgrade and getattr(script.module, "REBUILDS_NO_TABLE", False)
    return not unchanged


with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.exec_driver_sql("BEGIN")
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
            on_version_apply=lambda step, **_: checks.append(_needs_key_check(step)),
        )
        with context.begin_transaction():
            context.run_migrations()
            # The check reads every row of every table (8 s at a million members): only
            # after a migration that may have broken a key ran, never on a start with
            # nothing to migrate.
            if sqlite and any(checks):
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left broken foreign keys: {broken[:5]}")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
