"""The back office's staff list on the real database (SQLite and PostgreSQL), and a till
upgraded from before PINs could be reset."""

from __future__ import annotations

import threading
from functools import partial

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.staff import Role, hash_pin
from app.errors import LoginRefusal, LoginRefused, StaffProblem, StaffRefused
from app.services.auth import AuthService
from app.staff_admin.service import NewStaff, StaffAdmin
from db.engine import create_db_engine, session_factory
from db.migrate import alembic_config, is_at_head, upgrade_to_head
from db.models import AuditEventRow, StaffRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.postgres_server import PostgresServer


def test_a_manager_adds_and_resets_a_cashier_who_signs_in_with_a_new_pin(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    new = till.staff_admin.add(manager, NewStaff("zhouli", "周丽", Role.CASHIER), "4827")
    with pytest.raises(LoginRefused) as first:  # the manager knows the first PIN
        till.auth.log_in("zhouli", "4827")
    assert first.value.reason is LoginRefusal.NEW_PIN_REQUIRED
    assert till.auth.change_pin("zhouli", "4827", "6193").staff_id == new
    till.staff_admin.reset_pin(manager, new, "7391")
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("zhouli", "7391")
    assert refused.value.reason is LoginRefusal.NEW_PIN_REQUIRED
    assert till.auth.change_pin("zhouli", "7391", "5082").username == "zhouli"
    assert till.auth.log_in("zhouli", "5082").display_name == "周丽"
    with pytest.raises(StaffRefused) as taken:
        till.staff_admin.add(manager, NewStaff("zhouli", "周丽", Role.CASHIER), "4827")
    assert taken.value.problem is StaffProblem.USERNAME_TAKEN
    till.staff_admin.set_active(manager, new, False)
    with pytest.raises(LoginRefused):
        till.auth.log_in("zhouli", "5082")
    with Session(till._engine) as session:
        actions = session.scalars(
            select(AuditEventRow.action).where(AuditEventRow.subject == f"staff:{new}")
        ).all()
        details = " ".join(session.scalars(select(AuditEventRow.detail)).all())
    assert [a for a in actions if a.startswith(("staff_", "pin_"))] == [
        "staff_added", "pin_changed", "pin_reset", "pin_changed", "staff_disabled",
    ]  # fmt: skip
    assert not any(pin in details for pin in ("4827", "6193", "7391", "5082"))


def test_the_last_manager_stays_a_manager_on_the_database(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    others = [
        e.staff.staff_id
        for e in till.staff_admin.listed(manager)
        if e.staff.role is Role.MANAGER and e.staff != manager
    ]
    for other in others:
        till.staff_admin.set_active(manager, other, False)
    with pytest.raises(StaffRefused) as refused:
        till.staff_admin.set_active(manager, manager.staff_id, False)
    assert refused.value.problem is StaffProblem.LAST_MANAGER
    with pytest.raises(StaffRefused):
        till.staff_admin.edit(manager, manager.staff_id, "李经理", Role.CASHIER)
    assert till.auth.log_in("manager", "9999").role is Role.MANAGER


def test_a_till_upgraded_from_0010_keeps_its_pins_and_asks_for_none(
    database_url: str, clock: FakeClock
) -> None:
    engine = create_db_engine(database_url)
    command.upgrade(alembic_config(engine), "0010")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff (id, username, display_name, role, pin_hash, failed_attempts,"
                " active) VALUES (1, 'manager', '李经理', 'manager', :pin, 0, true)"
            ),
            {"pin": hash_pin("2468")},
        )

    upgrade_to_head(engine)

    assert is_at_head(engine)
    with Session(engine) as session:
        assert session.scalars(select(StaffRow.must_change_pin)).all() == [False]
    auth = AuthService(partial(SqlUnitOfWork, session_factory(engine)), clock, "T1")
    assert auth.log_in("manager", "2468").username == "manager"
    command.downgrade(alembic_config(engine), "0010")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM staff")).scalar() == 1
    engine.dispose()


def test_two_tills_cannot_each_disable_one_of_the_last_two_managers(
    postgres: PostgresServer, clock: FakeClock
) -> None:
    """Till A disables the second manager and holds its transaction open; till B, asked
    meanwhile to disable the first, waits for A's lock on the managers, then sees one
    manager left and refuses."""
    till = build_till(TillConfig(postgres.create_database(), demo_members_if_empty=0), clock)
    try:
        first = till.auth.log_in("manager", "9999")
        second_id = till.staff_admin.add(first, NewStaff("liu", "刘经理", Role.MANAGER), "4827")
        second = till.auth.change_pin("liu", "4827", "6193")  # a new account's first sign-in
        assert till._engine is not None
        units = partial(SqlUnitOfWork, session_factory(till._engine))
        outcome: list[BaseException | None] = []

        def till_b() -> None:
            try:
                StaffAdmin(units, clock, "T2").set_active(second, first.staff_id, False)
                outcome.append(None)
            except BaseException as error:  # handed to the test's thread
                outcome.append(error)

        with units() as uow:  # till A, by hand: the service's steps, held open
            assert len(uow.staff.active_managers()) == 2
            uow.staff.set_active(second_id, False)
            other = threading.Thread(target=till_b)
            other.start()
            with till._engine.connect() as watch:
                waiting = text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                )
                while other.is_alive() and not watch.execute(waiting).scalar():
                    watch.rollback()
            uow.commit()
        other.join()
        assert len(outcome) == 1 and isinstance(outcome[0], StaffRefused)
        assert outcome[0].problem is StaffProblem.LAST_MANAGER
        assert till.auth.log_in("manager", "9999").role is Role.MANAGER
    finally:
        till.close()
