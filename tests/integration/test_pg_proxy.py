"""The PostgreSQL proxy the outage tests use does what its methods say."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import make_url

from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer


@pytest.fixture
def proxied(postgres: PostgresServer) -> Iterator[tuple[PgProxy, str, str]]:
    url = postgres.create_database()
    with PgProxy.before(url) as proxy:
        yield proxy, dsn(url), dsn(proxy.url(url))


def dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def one(connection: psycopg.Connection[tuple[int]]) -> int:
    row = connection.execute("SELECT 1").fetchone()
    assert row is not None
    return row[0]


def test_queries_pass_through_and_a_drop_closes_the_connection(
    proxied: tuple[PgProxy, str, str],
) -> None:
    proxy, _, through = proxied
    with psycopg.connect(through) as connection:
        assert one(connection) == 1 and proxy.connections == 1
        proxy.drop()
        with pytest.raises(psycopg.OperationalError):
            one(connection)
    with psycopg.connect(through) as connection:
        assert one(connection) == 1


def test_a_reset_aborts_the_connection(proxied: tuple[PgProxy, str, str]) -> None:
    proxy, _, through = proxied
    with psycopg.connect(through) as connection:
        proxy.reset()
        with pytest.raises(psycopg.OperationalError):
            one(connection)


def test_a_cut_refuses_new_connections_until_resumed(proxied: tuple[PgProxy, str, str]) -> None:
    proxy, _, through = proxied
    proxy.cut()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(through, connect_timeout=5)
    proxy.resume()
    with psycopg.connect(through) as connection:
        assert one(connection) == 1


def test_a_stalled_query_answers_once_resumed(proxied: tuple[PgProxy, str, str]) -> None:
    proxy, _, through = proxied
    answered = threading.Event()
    with psycopg.connect(through) as connection:
        proxy.stall()

        def ask() -> None:
            one(connection)
            answered.set()

        asking = threading.Thread(target=ask)
        asking.start()
        deadline = time.monotonic() + 10
        while proxy.held == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proxy.held == 1 and not answered.is_set()  # the query is held, not lost
        proxy.resume()
        asking.join()
        assert answered.is_set()


def test_a_swallowed_commit_reply_leaves_the_commit_done_and_the_client_unaware(
    proxied: tuple[PgProxy, str, str],
) -> None:
    proxy, direct, through = proxied
    with psycopg.connect(direct, autocommit=True) as admin:
        admin.execute("CREATE TABLE tally (n integer)")
    proxy.swallow_commit_reply("INSERT INTO tally")
    with psycopg.connect(through) as connection:
        connection.execute("SELECT 1")
        connection.commit()  # no INSERT INTO tally in it: its reply passes
        connection.execute("INSERT INTO tally VALUES (1)")
        with pytest.raises(psycopg.OperationalError):
            connection.commit()
    assert proxy.commits_swallowed == 1
    with psycopg.connect(direct) as admin:
        assert admin.execute("SELECT count(*) FROM tally").fetchone() == (1,)
