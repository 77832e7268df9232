"""Corrections by hand, on the fake unit of work: approvals, limits, ledgers and audit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.approvals import Approval, PinApproval, ReasonCode
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.adjustments import AdjustmentRefused, AdjustmentService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset({CategoryId(3)}), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 0)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip


class ManagerPin:
    """Approves with the manager's PIN ``9999``; anything else is refused."""

    def __init__(self) -> None:
        self.asked: list[Permission] = []

    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        self.asked.append(permission)
        if approval != PinApproval("manager", "9999"):
            raise PermissionDenied("a manager must approve")
        return MANAGER

    def require(self, staff: StaffMember, permission: Permission) -> None:
        """Every account here is stored with the role it shows."""
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")


@pytest.fixture
def units() -> FakeUnits:
    units = FakeUnits(
        FakeStore(
            members={ZHANG.member_id: ZHANG},
            tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD},
            coupon_offers={"CPN-SORRY": 31},
        )
    )
    units.store.points.append({"member_id": ZHANG.member_id, "delta": 300})
    units.store.stored_value.append(
        {"member_id": ZHANG.member_id, "principal": 5_000, "bonus": 500}
    )
    return units


@pytest.fixture
def approvals() -> ManagerPin:
    return ManagerPin()


@pytest.fixture
def service(units: FakeUnits, approvals: ManagerPin) -> AdjustmentService:
    return AdjustmentService(units, FakeClock(NOW), "T1", approvals)


PIN = PinApproval("manager", "9999")


def test_a_cashier_adds_points_with_a_managers_pin_and_both_names_are_audited(
    service: AdjustmentService, units: FakeUnits, approvals: ManagerPin
) -> None:
    after = service.adjust_points(
        ZHANG.member_id, 50, CASHIER, ReasonCode.CORRECTION, " missed visit ", PIN
    )
    assert after.points == 350
    assert approvals.asked == [Permission.ADJUST_BALANCE]
    (context, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, context.staff_id, context.till_id, context.now) == (
        "points_adjusted", "member:M0000007", CASHIER.staff_id, "T1", NOW,
    )  # fmt: skip
    assert detail == {
        "points": 50, "requested_by": 1, "approved_by": 2, "reason": "correction",
        "note": "missed visit",
    }  # fmt: skip
    assert units.store.points[-1]["reason"] == "adjustment"
    assert units.store.points[-1]["staff_id"] == CASHIER.staff_id


def test_a_manager_corrects_alone(
    service: AdjustmentService, units: FakeUnits, approvals: ManagerPin
) -> None:
    after = service.adjust_points(ZHANG.member_id, -100, MANAGER, ReasonCode.CORRECTION, "typo")
    assert after.points == 200
    assert approvals.asked == []
    assert units.store.audit[-1][3]["approved_by"] == MANAGER.staff_id


def test_a_cashier_without_approval_changes_nothing(
    service: AdjustmentService, units: FakeUnits
) -> None:
    with pytest.raises(PermissionDenied):
        service.adjust_points(ZHANG.member_id, 50, CASHIER, ReasonCode.CORRECTION, "why")
    assert units.store.audit == [] and len(units.store.points) == 1


def test_points_never_go_below_zero_and_the_refusal_leaves_no_trace(
    service: AdjustmentService, units: FakeUnits
) -> None:
    with pytest.raises(AdjustmentRefused, match="that many points"):
        service.adjust_points(ZHANG.member_id, -301, MANAGER, ReasonCode.CORRECTION, "too many")
    assert sum(e["delta"] for e in units.store.points) == 300
    assert units.store.audit == []


@pytest.mark.parametrize("delta", [0, 1_000_001, -1_000_001])
def test_a_points_correction_must_be_a_sensible_number(
    service: AdjustmentService, delta: int
) -> None:
    with pytest.raises(AdjustmentRefused):
        service.adjust_points(ZHANG.member_id, delta, MANAGER, ReasonCode.CORRECTION, "x")


def test_every_correction_needs_a_note(service: AdjustmentService, units: FakeUnits) -> None:
    with pytest.raises(AdjustmentRefused, match="note"):
        service.adjust_points(ZHANG.member_id, 5, MANAGER, ReasonCode.CORRECTION, "   ")
    assert units.store.audit == []


def test_stored_value_is_corrected_in_principal_and_bonus_but_neither_goes_negative(
    service: AdjustmentService, units: FakeUnits
) -> None:
    after = service.adjust_stored_value(
        ZHANG.member_id, -1_000, -100, MANAGER, ReasonCode.DUPLICATE_CHARGE, "twice"
    )
    assert after.stored_value == 4_400
    with pytest.raises(AdjustmentRefused, match="below zero"):
        service.adjust_stored_value(
            ZHANG.member_id, 1_000, -401, MANAGER, ReasonCode.CORRECTION, "bonus"
        )
    principal = sum(e["principal"] for e in units.store.stored_value)
    bonus = sum(e["bonus"] for e in units.store.stored_value)
    assert (principal, bonus) == (4_000, 400)
    assert [a for _, a, _, _ in units.store.audit] == ["stored_value_adjusted"]


def test_a_tier_override_moves_the_member_and_keeps_the_change(
    service: AdjustmentService, units: FakeUnits
) -> None:
    after = service.override_tier(
        ZHANG.member_id, GOLD.tier_id, CASHIER, ReasonCode.GOODWILL, "vip", PIN
    )
    assert after.tier == GOLD
    ((member_id, from_tier, change),) = units.store.tier_changes
    assert (member_id, from_tier, change.to_tier, change.reason) == (7, 1, 2, "override")
    assert (change.staff_id, change.approver_id, change.note) == (1, 2, "vip")
    assert units.store.audit[-1][3]["from_tier"] == 1


def test_a_tier_override_to_the_same_or_an_unknown_tier_is_refused(
    service: AdjustmentService, units: FakeUnits
) -> None:
    with pytest.raises(AdjustmentRefused, match="already"):
        service.override_tier(ZHANG.member_id, SILVER.tier_id, MANAGER, ReasonCode.OTHER, "x")
    with pytest.raises(AdjustmentRefused, match="no such tier"):
        service.override_tier(ZHANG.member_id, TierId(9), MANAGER, ReasonCode.OTHER, "x")
    assert units.store.tier_changes == [] and units.store.audit == []


def test_a_goodwill_coupon_is_issued_by_the_approver_for_the_days_asked(
    service: AdjustmentService, units: FakeUnits
) -> None:
    service.issue_coupon(
        ZHANG.member_id, "CPN-SORRY", 30, CASHIER, ReasonCode.GUEST_COMPLAINT, "cold", PIN
    )
    (coupon,) = units.store.coupons
    assert coupon["offer_id"] == 31 and coupon["issued_by"] == MANAGER.staff_id
    assert coupon["expires_on"] == NOW.date() + timedelta(days=30)
    assert coupon["code"].startswith("CP-") and len(coupon["code"]) == 11
    detail = units.store.audit[-1][3]
    assert (detail["coupon_id"], detail["offer_id"], detail["valid_days"]) == (1, 31, 30)


@pytest.mark.parametrize("days", [0, 367])
def test_a_coupon_lasts_one_day_to_a_year(service: AdjustmentService, days: int) -> None:
    with pytest.raises(AdjustmentRefused, match="1 to 366"):
        service.issue_coupon(ZHANG.member_id, "CPN-SORRY", days, MANAGER, ReasonCode.OTHER, "x")


def test_only_a_coupon_offer_can_be_given(service: AdjustmentService, units: FakeUnits) -> None:
    with pytest.raises(AdjustmentRefused, match="not a coupon"):
        service.issue_coupon(ZHANG.member_id, "MEMBER-TUESDAY", 7, MANAGER, ReasonCode.OTHER, "x")
    assert units.store.coupons == [] and units.store.audit == []


def test_a_correction_takes_the_members_lock(service: AdjustmentService, units: FakeUnits) -> None:
    service.adjust_points(ZHANG.member_id, 1, MANAGER, ReasonCode.CORRECTION, "x")
    assert units.store.locks_taken == 1
