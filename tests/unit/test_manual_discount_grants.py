"""Manual discounts approved at the till and used by one order, on the fake unit of work."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.approvals import Approval, PinApproval, ReasonCode
from app.domain.draft import OrderDraft
from app.domain.manual_discount import DiscountKind, DiscountRequest
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.errors import CheckoutRefused, PermissionDenied
from app.once.keys import RequestKeyReused
from app.services.checkout import CheckoutService
from app.services.checkout_types import CompletedOrder
from app.services.manual_discounts import ManualDiscountRefused, ManualDiscountService
from app.unit_of_work import UnitOfWork
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts

NOW = datetime(2026, 11, 22, 12, 30)
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", CategoryId(1), 3_800)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
OTHER_CASHIER = StaffMember(StaffId(4), "liuyang", "刘洋", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
PIN = PinApproval("manager", "9999")
TEN_PERCENT = DiscountRequest(DiscountKind.PERCENT, 1_000, ReasonCode.GOODWILL, note="late")


class ManagerPin:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        if approval != PIN:
            raise PermissionDenied("a manager must approve")
        return MANAGER

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(permission.value)


class NoReceipts:
    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        pass

    def notify(self) -> None:
        pass


def discounted(grant_service: ManualDiscountService, cashier: StaffMember) -> OrderDraft:
    draft = OrderDraft()
    draft.set_quantity(NOODLES, 2)
    draft.add_manual_discount(grant_service.grant(TEN_PERCENT, 760, CASHIER, PIN))
    return draft


def test_a_granted_discount_is_recorded_with_both_names_and_used_by_one_order() -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(CASHIER, OTHER_CASHIER, MANAGER)))
    grants = ManualDiscountService(units, FakeClock(NOW), "T1", ManagerPin())
    checkout = CheckoutService(units, FakeClock(NOW), "T1", NoReceipts())
    draft = discounted(grants, CASHIER)
    (_, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail["requested_by"], detail["approved_by"]) == (
        "manual_discount_granted", "grant:1", 1, 2,
    )  # fmt: skip
    done = checkout.check_out(draft, Tender(PaymentMethod.CASH, 6_840), CASHIER)
    assert done.bill.priced.manual_discount == 760
    assert units.store.grants[1]["order_id"] == 1
    with pytest.raises(CheckoutRefused, match="manual discount"):
        checkout.check_out(draft, Tender(PaymentMethod.CASH, 6_840), CASHIER)


def test_a_grant_serves_only_the_cashier_who_asked_for_it() -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(CASHIER, OTHER_CASHIER, MANAGER)))
    grants = ManualDiscountService(units, FakeClock(NOW), "T1", ManagerPin())
    checkout = CheckoutService(units, FakeClock(NOW), "T1", NoReceipts())
    draft = discounted(grants, CASHIER)
    with pytest.raises(CheckoutRefused):
        checkout.check_out(draft, Tender(PaymentMethod.CASH, 6_840), OTHER_CASHIER)
    assert units.store.orders == []


def test_a_grant_retried_with_its_key_is_written_once_without_asking_approval_again() -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(CASHIER, OTHER_CASHIER, MANAGER)))
    grants = ManualDiscountService(units, FakeClock(NOW), "T1", ManagerPin())
    first = grants.grant(TEN_PERCENT, 760, CASHIER, PIN, request_key="grant-key")
    again = grants.grant(TEN_PERCENT, 760, CASHIER, None, request_key="grant-key")
    assert again == first and first.approver_name == "李经理"
    assert list(units.store.grants) == [1] and len(units.store.audit) == 1
    with pytest.raises(RequestKeyReused):
        grants.grant(TEN_PERCENT, 380, CASHIER, PIN, request_key="grant-key")


def test_nothing_to_discount_or_no_approval_grants_nothing() -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(CASHIER, OTHER_CASHIER, MANAGER)))
    grants = ManualDiscountService(units, FakeClock(NOW), "T1", ManagerPin())
    with pytest.raises(ManualDiscountRefused, match="nothing is left"):
        grants.grant(TEN_PERCENT, 0, MANAGER)
    with pytest.raises(PermissionDenied):
        grants.grant(TEN_PERCENT, 760, CASHIER)
    assert units.store.grants == {} and units.store.audit == []
