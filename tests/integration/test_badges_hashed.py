"""Staff badges are stored hashed like PINs: a till upgraded from before keeps its badges
working, and no table holds a badge number any more."""

from __future__ import annotations

from functools import partial

import pytest
from alembic import command
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.staff import Permission, hash_badge
from app.services.auth import AuthService
from db.engine import create_db_engine, session_factory
from db.migrate import alembic_config, is_at_head, upgrade_to_head
from db.models import StaffRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock

BADGE = "6600000000004321"
NEW_BADGE = "6600000000007777"


def staff_table_text(engine: Engine) -> str:
    with engine.connect() as connection:
        return repr(connection.execute(text("SELECT * FROM staff")).all())


def test_a_till_upgraded_from_0009_keeps_its_badges_hashed_and_working(
    database_url: str, clock: FakeClock
) -> None:
    engine = create_db_engine(database_url)
    command.upgrade(alembic_config(engine), "0009")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff (id, username, display_name, role, pin_hash, failed_attempts,"
                " active, badge_no) VALUES (1, 'manager', '李经理', 'manager', 'x', 0, true,"
                f" '{BADGE}'), (2, 'wangfang', '王芳', 'cashier', 'x', 0, true, NULL)"
            )
        )

    upgrade_to_head(engine)

    assert is_at_head(engine)
    assert BADGE not in staff_table_text(engine)
    with Session(engine) as session:
        row = session.get(StaffRow, 1)
        assert row is not None and (row.badge_hash, row.badge_last4) == (hash_badge(BADGE), "4321")
    auth = AuthService(partial(SqlUnitOfWork, session_factory(engine)), clock, "T1")
    assert auth.approve_by_badge(f";{BADGE}?", Permission.REFUND).username == "manager"
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.execute(  # a badge still has one holder
            text("UPDATE staff SET badge_hash = :h WHERE id = 2"), {"h": hash_badge(BADGE)}
        )
    engine.dispose()


def test_a_registered_badge_is_stored_only_as_its_hash_and_last_four_digits(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    assert till.auth.register_badge(cashier, "1111", f";{NEW_BADGE}?") == "7777"
    assert till._engine is not None
    assert NEW_BADGE not in staff_table_text(till._engine)
    with Session(till._engine) as session:
        stored = session.scalars(select(StaffRow.badge_hash).where(StaffRow.id == cashier.staff_id))
        assert list(stored) == [hash_badge(NEW_BADGE)]
    assert till.auth.badge_last4(cashier) == "7777"
