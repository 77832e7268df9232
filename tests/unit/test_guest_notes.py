"""An allergy or a complaint told at the counter, on the fake unit of work."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.approvals import Approval
from app.domain.member_story import ComplaintCategory
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.once.keys import RequestKeyReused
from app.services.guest_notes import FOLLOW_UP_DAYS, GuestNoteRefused, GuestNoteService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
TRAINEE = StaffMember(StaffId(3), "zhaomin", "赵敏", Role.TRAINEE)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset({CategoryId(2)}), 15_000, 0)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", GOLD,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "花生")  # fmt: skip


class Roles:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        raise PermissionDenied("not asked here")

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")


@pytest.fixture
def units() -> FakeUnits:
    return FakeUnits(FakeStore(members={ZHANG.member_id: ZHANG}))


@pytest.fixture
def notes(units: FakeUnits) -> GuestNoteService:
    return GuestNoteService(units, FakeClock(NOW), "T1", Roles())


def test_an_allergy_replaces_the_old_one_and_both_go_in_the_history(
    notes: GuestNoteService, units: FakeUnits
) -> None:
    assert notes.record_allergies(CASHIER, 7, "  花生, 虾  ") == "花生, 虾"
    assert units.store.members[ZHANG.member_id].allergies == "花生, 虾"
    assert units.store.profile_changes == [(7, "allergies", "花生", "花生, 虾", NOW, 1)]
    (_, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail) == (
        "allergies_recorded",
        "M0000007",
        {"allergies": "花生, 虾"},
    )


def test_the_same_allergy_again_changes_nothing(notes: GuestNoteService, units: FakeUnits) -> None:
    assert notes.record_allergies(CASHIER, 7, "花生") == "花生"
    assert units.store.profile_changes == [] and units.store.audit == []


def test_a_complaint_at_the_counter_is_promised_an_answer_in_three_days(
    notes: GuestNoteService, units: FakeUnits
) -> None:
    complaint_id = notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, " cold soup ")
    ((member_id, complaint, at, opened_by),) = units.store.complaints
    assert (complaint_id, member_id, at, opened_by) == (1, 7, NOW, 1)
    assert complaint.description == "cold soup"
    assert complaint.promised_on == NOW.date() + timedelta(days=FOLLOW_UP_DAYS)
    assert units.store.audit[-1][3] == {"complaint": 1, "category": "food", "at": "counter"}


def test_a_complaint_retried_with_its_key_is_opened_once(
    notes: GuestNoteService, units: FakeUnits
) -> None:
    first = notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, "cold soup", "key-1")
    again = notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, "cold soup", "key-1")
    assert first == again == 1
    assert len(units.store.complaints) == 1
    assert [event[1] for event in units.store.audit] == ["complaint_recorded"]
    with pytest.raises(RequestKeyReused):
        notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, "cold noodles", "key-1")
    assert notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, "cold soup", "key-2") == 2


def test_an_empty_complaint_or_an_unknown_or_merged_member_is_refused(
    notes: GuestNoteService, units: FakeUnits
) -> None:
    with pytest.raises(GuestNoteRefused):
        notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, "   ")
    with pytest.raises(GuestNoteRefused, match="no such member"):
        notes.record_allergies(CASHIER, 99, "egg")
    units.store.merged.add(7)
    with pytest.raises(GuestNoteRefused, match="no such member"):
        notes.record_complaint(CASHIER, 7, ComplaintCategory.FOOD, "cold")
    assert units.store.complaints == [] and units.store.audit == []


def test_a_trainee_on_a_live_till_may_note_nothing(notes: GuestNoteService) -> None:
    with pytest.raises(PermissionDenied):
        notes.record_allergies(TRAINEE, 7, "egg")


def test_a_dish_kept_despite_the_allergy_is_audited_with_what_the_record_said(
    notes: GuestNoteService, units: FakeUnits
) -> None:
    notes.acknowledge_allergy(CASHIER, 7, "HOT-01", ["soy", "peanut"])
    (context, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, context.staff_id) == ("allergy_acknowledged", "M0000007", 1)
    assert detail == {"item": "HOT-01", "allergens": ["peanut", "soy"], "allergies": "花生"}
    with pytest.raises(GuestNoteRefused):
        notes.acknowledge_allergy(CASHIER, 99, "HOT-01", ["peanut"])
