"""Database failures leave db/ as the storage errors the UI knows, never as SQLAlchemy or
driver types: a value too long for its column (PostgreSQL enforces lengths) and a server
that is gone (a unique key taken stays ``WriteConflict``, tested with the unit of work)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import text

from app.context import ActionContext
from app.domain.storage import StorageRefused, StorageUnavailable
from db.engine import create_db_engine, session_factory
from db.lookup_reader import LookupReader
from db.migrate import upgrade_to_head
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.postgres_server import PostgresServer

WHEN = datetime(2026, 11, 22, 12, 30)


@pytest.fixture
def pg_url(postgres: PostgresServer) -> Iterator[str]:
    url = postgres.create_database()
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    yield url


def action() -> ActionContext:
    return ActionContext.begin(FakeClock(WHEN), "T1", None)


def test_a_value_too_long_is_refused_as_storage_refused(pg_url: str) -> None:
    engine = create_db_engine(pg_url)
    with pytest.raises(StorageRefused) as refused, SqlUnitOfWork(session_factory(engine)) as uow:
        uow.audit.record(action(), "x" * 49, "subject")  # the action column holds 48
        uow.commit()
    assert "too long" in str(refused.value)
    engine.dispose()


def test_a_server_that_is_gone_is_storage_unavailable_then_the_next_unit_works(
    pg_url: str, postgres: PostgresServer
) -> None:
    engine = create_db_engine(pg_url)
    sessions = session_factory(engine)
    reader = LookupReader(engine)
    with SqlUnitOfWork(sessions) as uow:  # a pooled connection the server will cut
        uow.audit.record(action(), "before", "")
        uow.commit()
    name = pg_url.rsplit("/", 1)[1]
    admin = create_db_engine(postgres.url()).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
    with pytest.raises(StorageUnavailable), SqlUnitOfWork(sessions) as uow:
        uow.audit.record(action(), "during", "")
        uow.commit()
    with pytest.raises(StorageUnavailable):
        reader.rows(text("SELECT 1"), {})
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    with SqlUnitOfWork(sessions) as uow:
        uow.audit.record(action(), "after", "")
        uow.commit()
    assert reader.rows(text("SELECT 1"), {}) == [(1,)]
    with engine.connect() as connection:
        kinds = connection.execute(text("SELECT action FROM audit_events ORDER BY id")).scalars()
        assert list(kinds) == ["before", "after"]
    reader.close()
    admin.dispose()
    engine.dispose()
