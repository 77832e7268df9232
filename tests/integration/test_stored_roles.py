"""A privileged service trusts the role stored for the staff id, not the one the caller's
``StaffMember`` carries: a forged or stale role and a disabled account are refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.draft import OrderDraft
from app.domain.offer_admin import Holiday
from app.domain.payment import PaymentMethod, Tender
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
    with pytest.raises(PermissionDenied):
        till.reports.kpi({}, forged, "en")
    with pytest.raises(PermissionDenied):
        till.loyalty_admin.add_holiday(Holiday(date(2031, 5, 6), "假日"), forged)
    assert drawer_events(till) == 0
    assert date(2031, 5, 6) not in {holiday.day for holiday in till.loyalty_admin.holidays()}


def test_a_cashier_disabled_since_signing_in_takes_no_payment(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    noodles = next(item for item in till.catalog.load().items if item.code == "HOT-01")
    draft = OrderDraft()
    draft.add(noodles)
    change_staff(till, "wangfang", active=False)
    with pytest.raises(PermissionDenied, match="may not take payments"):
        till.checkout.check_out(draft, Tender(PaymentMethod.CASH, noodles.unit_price), cashier)


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
