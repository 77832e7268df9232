"""A privileged service trusts the role stored for the staff id, not the one the caller's
``StaffMember`` carries: a forged or stale role and a disabled account are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.staff import Permission, Role
from app.errors import PermissionDenied
from db.models import AuditEventRow, StaffRow


def drawer_events(till: Till) -> int:
    assert till._engine is not None
    with Session(till._engine) as session:
        rows = session.query(AuditEventRow).filter(AuditEventRow.action.like("drawer_%"))
        return rows.count()


def change_staff(till: Till, username: str, **values: object) -> None:
    assert till._engine is not None
    with Session(till._engine) as session, session.begin():
        session.execute(update(StaffRow).where(StaffRow.username == username).values(**values))


def test_a_cashier_claiming_to_be_a_manager_is_refused(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    forged = replace(cashier, role=Role.MANAGER)
    assert not till.drawer.needs_approval(forged)  # the claim alone would skip the approval
    with pytest.raises(PermissionDenied):
        till.drawer.open_no_sale(forged)
    with pytest.raises(PermissionDenied):
        till.member_lists.saved_filters(forged)
    with pytest.raises(PermissionDenied):
        till.auth.require(forged, Permission.CHANGE_SETTINGS)
    assert drawer_events(till) == 0


def test_a_manager_disabled_or_demoted_since_signing_in_is_refused(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    till.member_lists.saved_filters(manager)  # allowed while their account says so
    change_staff(till, "manager", active=False)
    with pytest.raises(PermissionDenied):
        till.member_lists.saved_filters(manager)
    change_staff(till, "manager", active=True, role=Role.CASHIER.value)
    with pytest.raises(PermissionDenied):
        till.drawer.open_no_sale(manager)
    change_staff(till, "manager", role=Role.MANAGER.value)
    till.drawer.open_no_sale(manager)
    assert drawer_events(till) == 1
