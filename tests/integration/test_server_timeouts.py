"""PostgreSQL timeouts on a real cluster that is stalled (SIGSTOP) or slow: a statement, a
lock wait, a new connection and the till's search give up within the configured time
instead of hanging; the till works again once the server answers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from app.bootstrap import build_till
from app.domain.storage import DatabaseTimeouts, StorageBusy, StorageUnavailable
from app.services.members import MemberService
from app.till_config import TillConfig
from db.engine import create_db_engine, session_factory
from db.member_search import SqlMemberLookups
from db.migrate import upgrade_to_head
from db.storage_errors import storage_error
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.pg_outage import stalled
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres

QUICK = DatabaseTimeouts(connect_s=2, statement_s=1, lock_s=1, idle_in_transaction_s=5)
NOT_HANGING_S = 20
"""Far above every timeout here, far below "for ever" (without timeouts these calls wait
until the server continues)."""


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def within(seconds: float, call: Callable[[], Any]) -> Outcome:
    """Run ``call`` on a thread; fail the test if it has not returned after ``seconds``."""
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.value = call()
        except BaseException as error:  # handed to the test
            outcome.error = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still waiting after {seconds} s: the call hangs"
    return outcome


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    """A cluster of its own: stalling it must not touch the other tests' server."""
    started = PostgresServer.start()
    yield started
    started.stop()


@pytest.fixture
def engine(server: PostgresServer) -> Iterator[Engine]:
    made = create_db_engine(server.create_database(), QUICK)
    yield made
    made.dispose()


def scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as connection:
        return connection.scalar(text(sql))


def test_the_server_ends_a_statement_longer_than_the_statement_timeout(engine: Engine) -> None:
    outcome = within(NOT_HANGING_S, partial(scalar, engine, "SELECT pg_sleep(30)"))
    assert isinstance(outcome.error, OperationalError)
    assert "statement timeout" in str(outcome.error)
    assert isinstance(storage_error(outcome.error), StorageBusy)  # the server answered
    assert scalar(engine, "SELECT 1") == 1


def test_a_lock_held_elsewhere_is_waited_for_no_longer_than_the_lock_timeout(
    server: PostgresServer,
) -> None:
    engine = create_db_engine(server.create_database(), DatabaseTimeouts(lock_s=1))
    with engine.begin() as setup:
        setup.execute(text("CREATE TABLE balances (id int PRIMARY KEY, fen int)"))
        setup.execute(text("INSERT INTO balances VALUES (1, 100)"))
    holder = engine.connect()
    holder.begin()
    holder.execute(text("SELECT * FROM balances WHERE id = 1 FOR UPDATE"))

    def wait_for_the_row() -> None:
        with engine.begin() as other:
            other.execute(text("UPDATE balances SET fen = 0 WHERE id = 1"))

    outcome = within(NOT_HANGING_S, wait_for_the_row)
    holder.rollback()
    holder.close()
    engine.dispose()
    assert isinstance(outcome.error, OperationalError)
    assert "lock timeout" in str(outcome.error)
    assert isinstance(storage_error(outcome.error), StorageBusy)


def test_a_statement_to_a_stalled_server_fails_instead_of_hanging(
    server: PostgresServer, engine: Engine
) -> None:
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT 1")) == 1  # connected before the stall
        with stalled(server):
            outcome = within(NOT_HANGING_S, partial(connection.scalar, text("SELECT 2")))
        connection.rollback()
    assert isinstance(outcome.error, OperationalError)
    unreachable = storage_error(outcome.error)
    assert isinstance(unreachable, StorageUnavailable)
    assert not isinstance(unreachable, StorageBusy)  # no answer at all
    assert scalar(engine, "SELECT 3") == 3  # the pool connects again once it answers


def test_a_commit_to_a_stalled_server_fails_instead_of_hanging_and_the_unit_says_so(
    server: PostgresServer, engine: Engine
) -> None:
    sessions = session_factory(engine)
    with engine.begin() as setup:
        setup.execute(text("CREATE TABLE notes (id serial PRIMARY KEY, body text)"))

    def write_then_commit_during_the_stall() -> None:
        with SqlUnitOfWork(sessions) as uow:
            session = uow._session
            assert session is not None
            session.execute(text("INSERT INTO notes (body) VALUES ('x')"))
            with stalled(server):
                uow.commit()

    outcome = within(NOT_HANGING_S, write_then_commit_during_the_stall)
    assert isinstance(outcome.error, StorageUnavailable)


def test_a_new_connection_to_a_stalled_server_gives_up_after_the_connect_timeout(
    server: PostgresServer,
) -> None:
    fresh = create_db_engine(server.create_database(), QUICK)
    try:
        with stalled(server):
            outcome = within(NOT_HANGING_S, partial(scalar, fresh, "SELECT 1"))
        assert isinstance(outcome.error, OperationalError)
    finally:
        fresh.dispose()


def test_the_tills_search_on_a_stalled_server_says_the_database_cannot_be_reached(
    server: PostgresServer, engine: Engine
) -> None:
    members = MemberService(SqlMemberLookups(engine))
    upgrade_to_head(engine)  # the search's tables, empty
    # One thread for every search, as a pool thread at the counter: the second search
    # runs on the connection the first one opened (a new one would give up at connect).
    counter = ThreadPoolExecutor(max_workers=1)
    try:
        assert counter.submit(members.search, "13800138000").result().candidates == ()
        with stalled(server):
            stalled_search = counter.submit(members.search, "13800138000")
            wait([stalled_search], timeout=NOT_HANGING_S)
            assert stalled_search.done(), f"still waiting after {NOT_HANGING_S} s: it hangs"
        assert isinstance(stalled_search.exception(), StorageUnavailable)
        assert counter.submit(members.search, "13800138000").result().candidates == ()
    finally:
        counter.shutdown(wait=False)
        members.close()


def test_without_the_tills_timeouts_a_tool_may_run_long_statements(
    server: PostgresServer,
) -> None:
    tool = create_db_engine(server.create_database())
    try:
        assert scalar(tool, "SHOW statement_timeout") == "0"
        assert scalar(tool, "SHOW lock_timeout") == "0"
    finally:
        tool.dispose()


def test_a_till_limits_its_counter_statements_but_gives_reports_and_daily_jobs_longer(
    server: PostgresServer, demo_templates: DemoTemplates, clock: FakeClock
) -> None:
    url = server.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    till = build_till(TillConfig(url), clock)
    try:
        parts = till._parts
        assert scalar(parts.engine, "SHOW statement_timeout") == "5s"
        assert scalar(parts.engine, "SHOW lock_timeout") == "3s"
        assert scalar(parts.long_engine, "SHOW statement_timeout") == "10min"
    finally:
        till.close()
