from __future__ import annotations

from datetime import date, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.bootstrap import Till, prepare_database
from db.engine import create_db_engine
from db.models import Base


def test_migrations_match_the_models_and_rerun_cleanly(database_url: str) -> None:
    engine = prepare_database(database_url, None, date(2026, 11, 22))
    prepare_database(database_url, None, date(2026, 11, 22)).dispose()  # second start: no-op
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_url: str) -> None:
    engine = create_db_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_demo_is_loaded_once_into_a_new_database(database_url: str) -> None:
    today = date(2026, 11, 22)
    engine = prepare_database(database_url, 25, today)
    assert "members" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        counts = {
            t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("members", "cards", "tiers", "menu_categories", "staff")
        }
        expired = connection.execute(
            text("SELECT count(*) FROM members WHERE expires_on < :today"), {"today": today}
        ).scalar()
    engine.dispose()
    assert counts == {"members": 25, "cards": 26, "tiers": 3, "menu_categories": 5, "staff": 3}
    assert expired and expired > 0
    prepare_database(database_url, 25, today + timedelta(days=1)).dispose()
    again = create_db_engine(database_url)
    with again.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM members").scalar() == 25
    again.dispose()


def test_every_demo_member_has_a_unique_normalised_phone_and_card(till: Till) -> None:
    engine = till._engine
    assert engine is not None
    with engine.connect() as connection:
        phones = [r[0] for r in connection.exec_driver_sql("SELECT phone FROM members")]
        last4s = dict(connection.exec_driver_sql("SELECT phone, phone_last4 FROM members").all())
    assert len(phones) == len(set(phones))
    assert all(p.isdigit() and len(p) == 11 and p.startswith("1") for p in phones)
    assert all(last4 == phone[-4:] for phone, last4 in last4s.items())
