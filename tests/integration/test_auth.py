from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.staff import MAX_FAILED_ATTEMPTS, Role
from app.errors import LoginRefusal, LoginRefused
from db.models import AuditEventRow, StaffRow
from tests.fakes import FakeClock


def audit_actions(till: Till) -> list[str]:
    assert till._engine is not None
    with Session(till._engine) as session:
        return list(session.scalars(select(AuditEventRow.action).order_by(AuditEventRow.id)))


def test_sign_in_and_out_are_audited(till: Till) -> None:
    staff = till.auth.log_in("manager", "9999")
    assert (staff.display_name, staff.role) == ("李经理", Role.MANAGER)
    till.auth.log_out(staff)
    assert audit_actions(till) == ["login", "logout"]


def test_pins_are_stored_only_as_slow_salted_hashes(till: Till) -> None:
    assert till._engine is not None
    with Session(till._engine) as session:
        hashes = list(session.scalars(select(StaffRow.pin_hash)))
    assert all(h.startswith("scrypt$16384$8$1$") for h in hashes)
    assert not any(pin in h for h in hashes for pin in ("1111", "9999"))


def test_wrong_pins_lock_the_account_until_the_lockout_passes(till: Till, clock: FakeClock) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginRefused) as refused:
            till.auth.log_in("wangfang", "0000")
        assert refused.value.reason is LoginRefusal.WRONG_PIN
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("wangfang", "0000")
    assert refused.value.reason is LoginRefusal.LOCKED_NOW
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("wangfang", "1111")  # even the right PIN waits out the lockout
    assert refused.value.reason is LoginRefusal.LOCKED
    clock.advance(timedelta(minutes=5, seconds=1))
    assert till.auth.log_in("wangfang", "1111").username == "wangfang"
    actions = audit_actions(till)
    assert actions.count("login_failed") == MAX_FAILED_ATTEMPTS - 1
    assert actions[-3:] == ["login_locked_out", "login_refused_locked", "login"]


def test_a_good_sign_in_resets_the_failure_count(till: Till) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginRefused):
            till.auth.log_in("wangfang", "0000")
    till.auth.log_in("wangfang", "1111")
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("wangfang", "0000")
    assert refused.value.reason is LoginRefusal.WRONG_PIN


def test_unknown_staff_is_refused(till: Till) -> None:
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("nobody", "1111")
    assert refused.value.reason is LoginRefusal.UNKNOWN_STAFF
