"""A connection out when its engine is disposed of is closed as it comes back
(``db.disposed_pool``), not left open until the old pool is garbage collected."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from db.engine import create_db_engine
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_a_connection_out_during_a_dispose_is_closed_when_it_comes_back(
    postgres: PostgresServer,
) -> None:
    engine = create_db_engine(postgres.create_database())
    out = engine.connect()  # a background read still running
    out.execute(text("SELECT 1"))
    driver_out = out.connection.dbapi_connection
    engine.dispose()
    assert driver_out is not None and not driver_out.closed
    out.close()
    assert driver_out.closed
    with engine.connect() as again:  # the engine goes on with a new pool
        assert again.execute(text("SELECT 1")).scalar_one() == 1
        driver_again = again.connection.dbapi_connection
    assert driver_again is not None and not driver_again.closed  # returned to a live pool
    engine.dispose()
