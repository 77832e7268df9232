"""Migration 0014 on a till that has been selling (SQLite and PostgreSQL): one default
store from the restaurant profile, the till ids in use registered to it and held by no
machine, every order, payment, refund, print job and audit event in that store; the hash
chains verify before and after; the downgrade gives the 0013 schema back."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from app.audit_chain.verify import verify_database
from app.bootstrap import build_till
from app.stores.registration import till_token
from app.till_config import TillConfig
from db.engine import create_db_engine
from db.migrate import alembic_config, upgrade_to_head
from tests.fakes import FakeClock
from tests.integration.test_stores_and_tills import rows
from tests.integration.test_upgrading_a_till import ROWS_AT_0004

AT_0004 = [
    *ROWS_AT_0004,
    "INSERT INTO settings (key, value) VALUES ('restaurant_name', '老王小馆'),"
    " ('restaurant_address', '上海市人民路1号')",
    "INSERT INTO audit_events (at, till_id, staff_id, action, subject, detail) VALUES"
    " ('2026-11-01 12:00:00', 'T1', 1, 'order_paid', 'order:T1-20261101-0001', '')",
]
AT_0013 = [
    "INSERT INTO print_jobs (till_id, printer_url, kind, document, open_drawer, status,"
    " fault, last_error, attempts, created_at) VALUES ('T2', 'sim://', 'receipt', '{}',"
    " false, 'printed', '', '', 1, '2026-11-01 12:05:00')",
]
STAMPED = ("orders", "payments", "refunds", "print_jobs", "audit_events")


def test_the_migration_makes_a_store_registers_old_tills_and_downgrades(
    database_url: str,
) -> None:
    engine = create_db_engine(database_url)
    config = alembic_config(engine)
    command.upgrade(config, "0004")
    with engine.begin() as connection:
        for statement in AT_0004:
            connection.execute(text(statement))
    command.upgrade(config, "0013")  # chains the audit event
    with engine.begin() as connection:
        for statement in AT_0013:
            connection.execute(text(statement))
    chained = "SELECT id, chain_hash FROM audit_events UNION ALL SELECT -id, chain_hash FROM"
    chained += " points_ledger ORDER BY 1"
    hashes = rows(database_url, chained)

    upgrade_to_head(engine)

    assert rows(database_url, "SELECT id, name, address, receipt_header FROM stores") == [
        (1, "老王小馆", "上海市人民路1号", None)
    ]
    assert rows(database_url, "SELECT till_id, store_id, token FROM tills ORDER BY till_id") == [
        ("T1", 1, None),
        ("T2", 1, None),
    ]
    for table in STAMPED:
        assert rows(database_url, f"SELECT DISTINCT store_id FROM {table}") == [(1,)], table
    assert rows(database_url, "SELECT DISTINCT till_id FROM payments") == [("T1",)]
    verdict = verify_database(database_url)
    assert verdict.ok, verdict.details
    assert rows(database_url, chained) == hashes and len(hashes) == 3

    command.downgrade(config, "0013")

    names = inspect(engine).get_table_names()
    assert "stores" not in names and "tills" not in names
    assert "store_id" not in {c["name"] for c in inspect(engine).get_columns("orders")}
    assert rows(database_url, "SELECT count(*) FROM orders") == [(2,)]
    upgrade_to_head(engine)
    engine.dispose()
    assert rows(database_url, "SELECT till_id FROM tills ORDER BY 1") == [("T1",), ("T2",)]
    assert verify_database(database_url).ok


def test_the_till_that_sold_as_t1_gets_t1_back_when_it_starts_without_an_id(
    database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    engine = create_db_engine(database_url)
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as connection:
        for statement in ROWS_AT_0004:
            connection.execute(text(statement))
    engine.dispose()
    config = TillConfig(database_url, till_id="", registration_token=till_token(tmp_path / "a"))

    till = build_till(config, clock)
    try:
        assert till.config.till_id == "T1"
        assert rows(database_url, "SELECT count(*) FROM tills WHERE token IS NOT NULL") == [(1,)]
    finally:
        till.close()
