"""A till's database made ready to work on: the schema created or upgraded (the demo
seeded into a brand-new one), engines with the till's timeouts, and a server that did
not answer told apart from a busy or refusing one."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import Engine

from app.backups.database_check import DatabaseUnusable, refuse_unusable
from app.domain.storage import DatabaseTimeouts, StorageBusy, StorageUnavailable
from db.engine import create_db_engine, session_factory
from db.migrate import has_schema, upgrade_to_head
from db.programme_version import ensure_version
from db.search_keys import SYNC_REBUILD_MAX, ensure_search_keys
from db.storage_errors import storage_error

log = logging.getLogger(__name__)


def prepare_database(
    url: str, demo_members_if_empty: int | None, today: date, demo_history_days: int = 0
) -> Engine:
    """Create/upgrade the schema; seed the demo restaurant, with ``demo_history_days`` of
    past, into a brand-new database.
    Raises ``DatabaseUnusable`` for a damaged, foreign or newer database."""
    engine = create_db_engine(url)
    try:
        refuse_unusable(url, engine)
    except DatabaseUnusable:
        engine.dispose()
        raise
    was_new = not has_schema(engine)
    upgrade_to_head(engine)
    if was_new and demo_members_if_empty is not None:
        from app.demo import seed_demo

        log.info("new database: loading the demo restaurant with %d members", demo_members_if_empty)
        seed_demo(
            session_factory(engine), demo_members_if_empty, today, history_days=demo_history_days
        )
    ensure_search_keys(engine, background_above=SYNC_REBUILD_MAX)
    ensure_version(engine)
    return engine


LONG_STATEMENT_S = 600
"""The statement limit of work that may read the whole database at once: reports, the
member list, the daily jobs, a search-key rebuild (the counter's limit would fail them
at a million members)."""


def with_timeouts(
    engine: Engine, url: str, timeouts: DatabaseTimeouts, dispose: bool = True
) -> Engine:
    """An engine with these timeouts (PostgreSQL; SQLite: ``engine`` itself). Migrating and
    seeding ran without a statement limit, on an engine of their own (``dispose``)."""
    if engine.dialect.name == "sqlite":
        return engine
    if dispose:
        engine.dispose()
    return create_db_engine(url, timeouts)


def server_unreachable(error: Exception) -> StorageUnavailable | None:
    """The server did not answer (not a busy or a refusing one): open from the copy."""
    down = error if isinstance(error, StorageUnavailable) else storage_error(error)
    if isinstance(down, StorageUnavailable) and not isinstance(down, StorageBusy):
        return down
    return None
