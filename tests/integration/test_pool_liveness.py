"""A pooled PostgreSQL connection is asked whether the server still has it only when there
is a reason (``db.pool_liveness``): it idled, or its socket has something to say. A till
whose connection the server ended between two sales sells on by itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from app.bootstrap import Till, build_till
from app.domain.print_jobs import JobStatus
from app.till_config import TillConfig
from db.engine import create_db_engine
from db.pool_liveness import IDLE_PING_S, watch_pooled_connections
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_printing import sell, wait_for_job
from tests.postgres_server import PostgresServer


class Pings:
    """Counts the pings ``engine``'s dialect sends (they pass no cursor event)."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        ping = engine.dialect.do_ping

        def counted(dbapi_connection: Any) -> bool:
            self.count += 1
            return ping(dbapi_connection)

        setattr(engine.dialect, "do_ping", counted)  # noqa: B010


def end_backends(postgres: PostgresServer, url: str) -> int:
    """Ends every server process of ``url``'s database and waits until each has gone."""
    name = url.rsplit("/", 1)[1]
    admin = create_db_engine(postgres.url()).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                    " WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            ).scalars()
            return sum(1 for done in ended if done)
    finally:
        admin.dispose()


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


@pytest.fixture
def pg_url(postgres: PostgresServer) -> str:
    return postgres.create_database()


def test_a_connection_back_from_use_is_not_asked_one_idle_longer_is(pg_url: str) -> None:
    now = [100.0]
    engine = create_engine(pg_url)
    watch_pooled_connections(engine, IDLE_PING_S, lambda: now[0])
    pings = Pings(engine)
    first = backend_pid(engine)
    for _ in range(3):
        now[0] += IDLE_PING_S / 2
        assert backend_pid(engine) == first
    assert pings.count == 0  # pool_pre_ping asked on every checkout
    now[0] += IDLE_PING_S + 0.1
    assert backend_pid(engine) == first
    assert pings.count == 1
    engine.dispose()


def test_a_connection_the_server_ended_is_replaced_on_checkout_without_an_error(
    pg_url: str, postgres: PostgresServer
) -> None:
    engine = create_engine(pg_url)
    watch_pooled_connections(engine, IDLE_PING_S, lambda: 100.0)  # never idle long enough
    pings = Pings(engine)
    first = backend_pid(engine)
    assert end_backends(postgres, pg_url) == 1
    second = backend_pid(engine)  # the ended one's socket said so: asked, then replaced
    assert second != first and pings.count == 1
    assert backend_pid(engine) == second and pings.count == 1
    engine.dispose()


@pytest.fixture
def pg_till(
    postgres: PostgresServer, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[tuple[Till, str]]:
    url = postgres.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    till = build_till(TillConfig(url, demo_members_if_empty=DEMO_MEMBERS), clock)
    yield till, url
    till.close()


def test_a_till_whose_server_connections_were_ended_between_two_sales_sells_on(
    pg_till: tuple[Till, str], postgres: PostgresServer
) -> None:
    till, url = pg_till
    engine = till._engine
    assert engine is not None
    pings = Pings(engine)
    first = sell(till, "STAPLE-01")
    wait_for_job(till, first.order_no, {JobStatus.PRINTED})  # the spooler is idle then
    before = orders_in(engine)
    asked = pings.count
    assert end_backends(postgres, url) >= 1
    done = sell(till, "STAPLE-01")  # no error: the ended connection is noticed first
    assert done.order_no
    assert pings.count > asked
    assert orders_in(engine) == before + 1


def orders_in(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM orders")).scalar_one())
