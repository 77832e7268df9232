"""The ``pos demo`` use case: create a new database holding the demo restaurant."""

from __future__ import annotations

from datetime import date
from functools import partial

from app.backups.database_check import refuse_unusable
from app.clock import SystemClock
from app.demo_history import HISTORY_DAYS
from app.errors import TillError
from app.services.segments import SegmentService
from app.till_database import prepare_database
from db.engine import create_db_engine, session_factory
from db.migrate import has_schema
from db.unit_of_work import SqlUnitOfWork


class DatabaseExists(TillError):
    pass


def create_demo_database(url: str, members: int, today: date) -> None:
    """Migrate and seed ``url`` (the demo restaurant with its past), and score the
    members' segments as a till would at start-up; refuses a database that already
    holds a till."""
    if members < 0:
        raise ValueError("the number of members must be 0 or more")
    engine = create_db_engine(url)
    try:
        refuse_unusable(url, engine)
        if has_schema(engine):
            raise DatabaseExists(f"{url} already has a till database; choose a new one")
    finally:
        engine.dispose()
    engine = prepare_database(url, members, today, HISTORY_DAYS)
    try:
        units = partial(SqlUnitOfWork, session_factory(engine))
        SegmentService(units, SystemClock(), "demo").run(today)
    finally:
        engine.dispose()
