"""The cash drawer without a sale and the training switch, on the fake unit of work."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.approvals import Approval, PinApproval
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.errors import PermissionDenied
from app.services.drawer import DrawerService
from app.services.spooler import DRAWER_JOB
from app.services.till_mode import TillModeService
from app.till_config import TillMode
from tests.fakes import FakeClock, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
PIN = PinApproval("manager", "9999")


class ManagerPin:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        if approval != PIN:
            raise PermissionDenied("a manager must approve")
        return MANAGER

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")


class Worker:
    def __init__(self) -> None:
        self.woken: list[str] = []

    def wake(self, printer_url: str) -> None:
        self.woken.append(printer_url)


def drawer(units: FakeUnits, worker: Worker, allowed: bool = True) -> DrawerService:
    url = "escpos+tcp://127.0.0.1:9100"
    return DrawerService(units, FakeClock(NOW), "T1", ManagerPin(), worker, url, allowed)


def test_a_cashier_opens_the_drawer_with_a_managers_pin_and_it_is_queued_and_audited() -> None:
    units, worker = FakeUnits(), Worker()
    service = drawer(units, worker)
    assert service.needs_approval(CASHIER) and not service.needs_approval(MANAGER)
    with pytest.raises(PermissionDenied):
        service.open_no_sale(CASHIER)
    assert units.store.print_jobs == [] and worker.woken == []
    service.open_no_sale(CASHIER, PIN)
    (job,) = units.store.print_jobs
    assert (job["kind"], job["open_drawer"], job["created_at"]) == (DRAWER_JOB, True, NOW)
    (context, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail, context.staff_id) == (
        "drawer_no_sale", "staff:1", {"approved_by": 2}, 1,
    )  # fmt: skip
    assert worker.woken == ["escpos+tcp://127.0.0.1:9100"]


def test_the_drawer_never_opens_on_a_training_till() -> None:
    units, worker = FakeUnits(), Worker()
    with pytest.raises(PermissionDenied, match="training"):
        drawer(units, worker, allowed=False).open_no_sale(MANAGER)
    assert units.store.print_jobs == [] and units.store.audit == []


def test_switching_into_training_is_approved_and_audited_on_the_live_till() -> None:
    units = FakeUnits()
    service = TillModeService(units, FakeClock(NOW), "T1", ManagerPin(), TillMode.LIVE)
    with pytest.raises(PermissionDenied):
        service.approve_switch(CASHIER, None)
    assert service.approve_switch(CASHIER, PIN) == MANAGER
    (_, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail) == ("training_started", "till:T1", {"approved_by": "manager"})


def test_only_a_training_till_resets_its_sandbox() -> None:
    units = FakeUnits()
    live = TillModeService(units, FakeClock(NOW), "T1", ManagerPin(), TillMode.LIVE)
    with pytest.raises(PermissionDenied, match="only a training till"):
        live.approve_reset(MANAGER, PIN)
    training = TillModeService(units, FakeClock(NOW), "T1-TR", ManagerPin(), TillMode.TRAINING)
    training.approve_reset(MANAGER, PIN)
    training.approve_switch(MANAGER, PIN)
    assert [a for _, a, _, _ in units.store.audit] == ["training_sandbox_reset", "training_ended"]
