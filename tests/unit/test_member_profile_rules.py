"""A manager edits a member's profile and consents, on the fake unit of work."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from app.domain.approvals import Approval
from app.domain.enrolment import Gender
from app.domain.member_profile import Consents, ProfileField, ProfileProblem, ProfileValues
from app.domain.members import MemberId, MemberSummary
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.member_profile import (
    CONSENTS_CHANGED,
    EDITED,
    MemberProfileService,
    ProfileRefused,
)
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
MANAGER = StaffMember(StaffId(2), "liuqiang", "刘强", Role.MANAGER)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 0)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", GOLD, date(2025, 1, 1),
                      date(2027, 1, 1), 0, 0, "", "花生", segment="champions")  # fmt: skip
LI = replace(ZHANG, member_id=MemberId(8), member_no="M0000008", name="李娜", phone="13911112222")
LI_VALUES = ProfileValues("李娜", "13911112222")


class Roles:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        raise PermissionDenied("not asked here")

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")


@pytest.fixture
def units() -> FakeUnits:
    return FakeUnits(
        FakeStore(
            members={ZHANG.member_id: ZHANG, LI.member_id: LI},
            tiers={GOLD.tier_id: GOLD},
            consents={7: Consents(automated=True)},
            notes={7: "window seat"},
        )
    )


@pytest.fixture
def profiles(units: FakeUnits) -> MemberProfileService:
    return MemberProfileService(units, FakeClock(NOW), "T1", Roles())


def test_each_changed_field_goes_in_the_history_and_the_audit_names_only_the_fields(
    profiles: MemberProfileService, units: FakeUnits
) -> None:
    before = profiles.values(7, MANAGER)
    assert (before.notes, before.allergies, before.consents) == (
        "window seat", "花生", Consents(automated=True),
    )  # fmt: skip
    after = replace(before, name="  张  伟明 ", phone="+86 137-0000-1111", gender=Gender.MALE)
    changed = profiles.edit(7, after, MANAGER)
    assert [c.field for c in changed] == [ProfileField.NAME, ProfileField.PHONE,
                                          ProfileField.GENDER]  # fmt: skip
    assert units.store.profile_changes == [
        (7, "name", "张伟", "张 伟明", NOW, 2),
        (7, "phone", "13800138000", "13700001111", NOW, 2),
        (7, "gender", "", "male", NOW, 2),
    ]
    member = units.store.members[ZHANG.member_id]
    assert (member.name, member.phone, member.segment) == ("张 伟明", "13700001111", "champions")
    assert units.store.locks_taken == 1
    ((context, action, subject, detail),) = units.store.audit
    assert (context.staff_id, context.till_id, context.now) == (2, "T1", NOW)
    assert (action, subject, detail) == (
        EDITED,
        "M0000007",
        {"fields": ["name", "phone", "gender"]},
    )


def test_saving_an_unchanged_profile_writes_nothing(
    profiles: MemberProfileService, units: FakeUnits
) -> None:
    assert profiles.edit(7, profiles.values(7, MANAGER), MANAGER) == []
    assert units.store.profile_changes == [] and units.store.audit == []


def test_refusing_automated_decisions_takes_the_member_out_of_their_segment(
    profiles: MemberProfileService, units: FakeUnits
) -> None:
    before = profiles.values(7, MANAGER)
    profiles.edit(7, replace(before, consents=Consents(automated=False)), MANAGER)
    assert units.store.members[ZHANG.member_id].segment == ""
    assert units.store.consents_changed_at[7] == NOW
    assert [(a, d) for _, a, _, d in units.store.audit] == [
        (CONSENTS_CHANGED, {"consent_automated": False})
    ]


def test_a_consent_given_keeps_the_segment(
    profiles: MemberProfileService, units: FakeUnits
) -> None:
    before = profiles.values(7, MANAGER)
    consents = Consents(marketing=True, automated=True)
    profiles.edit(7, replace(before, consents=consents), MANAGER)
    assert units.store.members[ZHANG.member_id].segment == "champions"
    assert units.store.marketing[7] is True
    assert profiles.values(7, MANAGER).consents == consents


def test_another_members_phone_is_refused_naming_them(
    profiles: MemberProfileService, units: FakeUnits
) -> None:
    before = profiles.values(7, MANAGER)
    with pytest.raises(ProfileRefused) as refused:
        profiles.edit(7, replace(before, phone="139 1111 2222"), MANAGER)
    assert refused.value.problems == [ProfileProblem.PHONE_TAKEN]
    assert refused.value.holder is not None and refused.value.holder.member_no == "M0000008"
    assert units.store.members[ZHANG.member_id] == ZHANG and units.store.audit == []


def test_values_that_break_the_enrolment_rules_are_refused(
    profiles: MemberProfileService, units: FakeUnits
) -> None:
    before = profiles.values(7, MANAGER)
    with pytest.raises(ProfileRefused) as refused:
        profiles.edit(7, replace(before, phone="12", birthday=date(2030, 1, 1)), MANAGER)
    assert refused.value.problems == [ProfileProblem.BAD_PHONE, ProfileProblem.BIRTHDAY_NOT_PAST]
    assert units.store.locks_taken == 0


@pytest.mark.parametrize(
    ("member_id", "problem"),
    [(9, ProfileProblem.MEMBER_NOT_FOUND), (7, ProfileProblem.ERASED),
     (8, ProfileProblem.MERGED)],
)  # fmt: skip
def test_an_unknown_erased_or_merged_member_is_not_edited(
    profiles: MemberProfileService, units: FakeUnits, member_id: int, problem: ProfileProblem
) -> None:
    units.store.erased[7] = NOW
    units.store.merged.add(8)
    with pytest.raises(ProfileRefused) as shown:
        profiles.values(member_id, MANAGER)
    assert shown.value.problems == [problem]
    with pytest.raises(ProfileRefused) as saved:
        profiles.edit(member_id, replace(LI_VALUES, name="某人"), MANAGER)
    assert saved.value.problems == [problem]
    assert units.store.profile_changes == []


def test_a_cashier_does_not_edit_profiles(profiles: MemberProfileService) -> None:
    with pytest.raises(PermissionDenied):
        profiles.values(7, CASHIER)
    with pytest.raises(PermissionDenied):
        profiles.edit(7, LI_VALUES, CASHIER)
