"""Merging two records of one guest: the profile rule, and the service on the fake."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from app.domain.approvals import Approval, PinApproval
from app.domain.members import MemberId, MemberSummary
from app.domain.merging import MergeParty, combined
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.once.keys import RequestKeyReused
from app.services.member_merge import MemberMergeService, MergeProblem, MergeRefused
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 0)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
PIN = PinApproval("manager", "9999")
ZHANG = MemberSummary(MemberId(1), "M0000001", "张伟", "13800138000", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "靠窗", "")  # fmt: skip
ZENG = MemberSummary(MemberId(5), "M0000005", "张伟", "13900000000", GOLD,
                     date(2026, 3, 1), date(2027, 3, 1), 0, 0, "", "花生",
                     birthday=date(1990, 5, 4))  # fmt: skip


def party(**changes: object) -> MergeParty:
    base = MergeParty(1, "M1", False, 1, 1, date(2027, 1, 1), None, "", "", "", True)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_survivor_keeps_the_better_tier_the_later_expiry_and_both_profiles() -> None:
    survivor = party(allergies="虾", notes="VIP")
    absorbed = party(member_id=5, tier_id=2, tier_rank=2, expires_on=date(2027, 6, 1),
                     birthday=date(1990, 5, 4), allergies="花生", notes="VIP")  # fmt: skip
    kept, changed = combined(survivor, absorbed)
    assert (kept.member_id, kept.tier_id, kept.expires_on, kept.birthday) == (
        1, 2, date(2027, 6, 1), date(1990, 5, 4),
    )  # fmt: skip
    assert (kept.allergies, kept.notes) == ("虾；花生", "VIP")
    assert changed == ["tier", "expires_on", "birthday", "allergies"]


def test_consent_to_marketing_stays_only_if_both_gave_it() -> None:
    kept, changed = combined(party(), party(member_id=5, marketing_consent=False))
    assert kept.marketing_consent is False and changed == ["marketing_consent"]
    kept, changed = combined(party(marketing_consent=False), party(member_id=5))
    assert kept.marketing_consent is False and changed == []


class ManagerPin:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        if approval != PIN:
            raise PermissionDenied("a manager must approve")
        return MANAGER

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(permission.value)


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(members={ZHANG.member_id: ZHANG, ZENG.member_id: ZENG},
                      tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD})  # fmt: skip
    store.points += [{"member_id": 1, "delta": 120, "entry_id": 1},
                     {"member_id": 5, "delta": 80, "entry_id": 2}]  # fmt: skip
    store.stored_value.append({"member_id": 5, "principal": 50_000, "bonus": 20_000,
                               "entry_id": 1})  # fmt: skip
    return FakeUnits(store)


@pytest.fixture
def merges(units: FakeUnits) -> MemberMergeService:
    return MemberMergeService(units, FakeClock(NOW), "T1", ManagerPin())


def test_a_merge_sums_the_balances_and_the_absorbed_record_is_gone(
    merges: MemberMergeService, units: FakeUnits
) -> None:
    result = merges.merge(CASHIER, ZHANG.member_id, ZENG.member_id, "同一人两张卡", PIN)
    assert (result.survivor.points, result.survivor.stored_value) == (200, 70_000)
    assert result.survivor.tier == GOLD and result.survivor.allergies == "花生"
    assert result.moved["points_ledger.member_id"] == 1
    assert 5 in units.store.merged
    ((absorbed, survivor, staff, approver, reason, at, detail),) = units.store.merges
    assert at == NOW
    assert (absorbed, survivor, staff, approver, reason) == (5, 1, 1, 2, "同一人两张卡")
    assert detail["before"] == {"points": [120, 80], "stored_value": [0, 70_000]}
    (_, action, subject, audit) = units.store.audit[-1]
    assert (action, subject, audit) == ("members_merged", "M0000005->M0000001",
                                        {"approver": 2, "reason": "同一人两张卡"})  # fmt: skip


def test_a_merge_needs_a_reason_two_records_and_a_managers_approval(
    merges: MemberMergeService, units: FakeUnits
) -> None:
    with pytest.raises(PermissionDenied):
        merges.merge(CASHIER, ZHANG.member_id, ZENG.member_id, "dup")
    with pytest.raises(MergeRefused) as no_reason:
        merges.merge(MANAGER, ZHANG.member_id, ZENG.member_id, "  ")
    with pytest.raises(MergeRefused) as same:
        merges.merge(MANAGER, ZHANG.member_id, ZHANG.member_id, "dup")
    assert (no_reason.value.problem, same.value.problem) == (
        MergeProblem.NO_REASON, MergeProblem.SAME_MEMBER,
    )  # fmt: skip
    assert units.store.merges == [] and units.store.audit == []


def test_a_record_already_merged_cannot_be_merged_again(
    merges: MemberMergeService, units: FakeUnits
) -> None:
    merges.merge(MANAGER, ZHANG.member_id, ZENG.member_id, "dup")
    with pytest.raises(MergeRefused) as again:
        merges.merge(MANAGER, ZHANG.member_id, ZENG.member_id, "dup")
    assert again.value.problem is MergeProblem.ALREADY_MERGED
    assert len(units.store.merges) == 1


def test_a_merge_retried_with_its_request_key_is_recorded_once(
    merges: MemberMergeService, units: FakeUnits
) -> None:
    first = merges.merge(MANAGER, ZHANG.member_id, ZENG.member_id, "dup", request_key="k1")
    again = merges.merge(MANAGER, ZHANG.member_id, ZENG.member_id, "dup", request_key="k1")
    assert again == first
    assert len(units.store.merges) == 1 and len(units.store.audit) == 1
    with pytest.raises(RequestKeyReused):  # the key of another merge: nothing done
        merges.merge(MANAGER, ZHANG.member_id, ZENG.member_id, "other", request_key="k1")
