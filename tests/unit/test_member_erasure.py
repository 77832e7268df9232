"""Erasing a member on the fake: who may, what is checked before an approval is spent,
what is blanked and what is kept, and the stored value that refuses it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.approvals import Approval, PinApproval
from app.domain.member_profile import REDACTED, ProfileProblem
from app.domain.member_story import ComplaintCategory, NewComplaint
from app.domain.members import MemberId, MemberSummary
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.member_erasure import ERASED, ErasureRefused, MemberErasureService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
PIN = PinApproval("manager", "9999")
EMILY = MemberSummary(MemberId(2), "M0000002", "Emily Chen", "13912345678", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "靠窗", "花生",
                      birthday=date(1990, 5, 4), segment="loyal")  # fmt: skip
LI_NA = MemberSummary(MemberId(3), "M0000003", "李娜", "13698765432", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip


class ManagerPin:
    def __init__(self) -> None:
        self.asked = 0

    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        self.asked += 1
        if approval != PIN:
            raise PermissionDenied("a manager must approve")
        return MANAGER

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(permission.value)


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(members={EMILY.member_id: EMILY, LI_NA.member_id: LI_NA},
                      tiers={SILVER.tier_id: SILVER})  # fmt: skip
    store.points.append({"member_id": 2, "delta": 300, "entry_id": 1})
    store.notes[2], store.marketing[2] = "常客", True
    store.cards["8800000000000002"] = (2, "active")
    store.search_keys[2] = ["emily", "chen"]
    store.profile_changes.append((2, "notes", "", "常客", NOW, 2))
    store.profile_changes.append((2, "marketing_consent", "false", "true", NOW, 2))
    store.complaints.append((2, NewComplaint(ComplaintCategory.FOOD, "鱼是凉的"), NOW, 2))
    return FakeUnits(store)


@pytest.fixture
def auth() -> ManagerPin:
    return ManagerPin()


@pytest.fixture
def erasure(units: FakeUnits, auth: ManagerPin) -> MemberErasureService:
    return MemberErasureService(units, FakeClock(NOW), "T1", auth)


def test_erasure_blanks_the_person_and_keeps_the_points(
    erasure: MemberErasureService, units: FakeUnits
) -> None:
    done = erasure.erase(2, " m0000002 ", PIN, MANAGER)

    store = units.store
    assert (done.member_no, done.erased_at, done.approver, done.cards_blocked, done.records) == (
        "M0000002", NOW, MANAGER, 1, 1,
    )  # fmt: skip
    emily = store.members[MemberId(2)]
    assert (emily.name, emily.phone, emily.birthday) == ("已删除会员 #M0000002", "erased-2", None)
    assert (emily.preferences, emily.allergies, emily.segment) == ("", "", "")
    assert (store.notes[2], store.marketing[2], store.erased[2]) == ("", False, NOW)
    assert 2 not in store.search_keys and store.cards["8800000000000002"] == (2, "blocked")
    assert store.profile_changes[0][2:4] == (REDACTED, REDACTED)
    assert store.profile_changes[1][2:4] == ("false", "true")  # consents are not personal
    assert store.complaints[0][1].description == REDACTED
    assert sum(e["delta"] for e in store.points) == 300
    ((context, action, subject, detail),) = store.audit
    assert (action, subject, context.staff_id, context.now) == (ERASED, "M0000002", 2, NOW)
    assert detail == {
        "approver": 2, "approver_name": "李经理", "records": 1, "cards_blocked": 1,
        "history_redacted": 1, "notes_redacted": 1,
        "kept": {"orders": 0, "order_total_fen": 0, "points": 300, "principal_fen": 0,
                 "bonus_fen": 0},
    }  # fmt: skip


def test_records_merged_into_the_member_are_erased_with_it(
    erasure: MemberErasureService, units: FakeUnits
) -> None:
    units.store.merged.add(3)
    units.store.merges.append((3, 2, 2, 2, "same guest", NOW, {}))
    assert erasure.erase(2, "M0000002", PIN, MANAGER).records == 2
    assert units.store.members[MemberId(3)].name == "已删除会员 #M0000003"
    assert set(units.store.erased) == {2, 3}
    with pytest.raises(ErasureRefused) as merged:
        erasure.erase(3, "M0000003", PIN, MANAGER)
    assert merged.value.problems == [ProfileProblem.ERASED]


def test_a_merged_away_record_is_refused_in_favour_of_its_survivor(
    erasure: MemberErasureService, units: FakeUnits
) -> None:
    units.store.merged.add(3)
    with pytest.raises(ErasureRefused) as merged:
        erasure.erase(3, "M0000003", PIN, MANAGER)
    assert merged.value.problems == [ProfileProblem.MERGED]


def test_stored_value_owed_refuses_before_any_approval_is_asked(
    erasure: MemberErasureService, units: FakeUnits, auth: ManagerPin
) -> None:
    units.store.stored_value.append({"member_id": 2, "principal": 400, "bonus": 100})
    with pytest.raises(ErasureRefused) as owed:
        erasure.erase(2, "M0000002", PIN, MANAGER)
    assert owed.value.problems == [ProfileProblem.STORED_VALUE_LEFT]
    assert owed.value.stored_value == 500
    assert auth.asked == 0 and units.store.erased == {} and units.store.audit == []


def test_a_mistyped_number_or_an_unknown_member_is_refused_before_the_approval(
    erasure: MemberErasureService, units: FakeUnits, auth: ManagerPin
) -> None:
    with pytest.raises(ErasureRefused) as mistyped:
        erasure.erase(2, "M0000003", PIN, MANAGER)
    assert mistyped.value.problems == [ProfileProblem.CONFIRMATION_MISMATCH]
    with pytest.raises(ErasureRefused) as unknown:
        erasure.erase(99, "M0000099", PIN, MANAGER)
    assert unknown.value.problems == [ProfileProblem.MEMBER_NOT_FOUND]
    assert auth.asked == 0 and units.store.members[MemberId(2)] == EMILY


def test_a_cashier_cannot_erase_and_a_wrong_pin_erases_nothing(
    erasure: MemberErasureService, units: FakeUnits
) -> None:
    with pytest.raises(PermissionDenied):
        erasure.erase(2, "M0000002", PIN, CASHIER)
    with pytest.raises(PermissionDenied):
        erasure.erase(2, "M0000002", PinApproval("manager", "0000"), MANAGER)
    assert units.store.erased == {} and units.store.audit == []
    assert units.store.members[MemberId(2)] == EMILY
