from __future__ import annotations

from datetime import date, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.bootstrap import Till, prepare_database
from db.engine import create_db_engine
from db.models import Base
from tests.fakes import FakeClock


def test_migrations_match_the_models_and_rerun_cleanly(sqlite_url: str) -> None:
    engine = prepare_database(sqlite_url, None, date(2026, 11, 22))
    prepare_database(sqlite_url, None, date(2026, 11, 22)).dispose()  # second start: no-op
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


def test_demo_is_loaded_once_into_a_new_database(sqlite_url: str) -> None:
    today = date(2026, 11, 22)
    engine = prepare_database(sqlite_url, 25, today)
    assert "members" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        counts = {
            t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("members", "cards", "tiers", "menu_categories", "staff")
        }
        expired = connection.exec_driver_sql(
            "SELECT count(*) FROM members WHERE expires_on < ?", (today,)
        ).scalar()
    engine.dispose()
    assert counts == {"members": 25, "cards": 25, "tiers": 3, "menu_categories": 5, "staff": 2}
    assert expired and expired > 0
    prepare_database(sqlite_url, 25, today + timedelta(days=1)).dispose()
    again = create_db_engine(sqlite_url)
    with again.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM members").scalar() == 25
    again.dispose()


def test_every_demo_member_has_a_unique_normalised_phone_and_card(till: Till) -> None:
    engine = till._engine
    assert engine is not None
    with engine.connect() as connection:
        phones = [r[0] for r in connection.exec_driver_sql("SELECT phone FROM members")]
        last4 = connection.exec_driver_sql(
            "SELECT count(*) FROM members WHERE phone_last4 != substr(phone, -4)"
        ).scalar()
    assert len(phones) == len(set(phones))
    assert all(p.isdigit() and len(p) == 11 and p.startswith("1") for p in phones)
    assert last4 == 0


def test_clock_is_the_only_source_of_today(till: Till, clock: FakeClock) -> None:
    assert till.clock is clock
