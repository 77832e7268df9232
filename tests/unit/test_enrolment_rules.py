"""Enrolling a member and issuing cards, on the fake unit of work."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.approvals import Approval
from app.domain.enrolment import EnrolmentForm, EnrolmentProblem, Gender
from app.domain.members import MemberId, MemberSummary
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.enrolment import CardRefused, EnrolmentRefused, EnrolmentService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
TRAINEE = StaffMember(StaffId(3), "zhaomin", "赵敏", Role.TRAINEE)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 0)
BORN = date(1988, 6, 1)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", GOLD,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "", birthday=BORN)  # fmt: skip
OLD_CARD = "8800000000000001"


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
            members={ZHANG.member_id: ZHANG},
            tiers={GOLD.tier_id: GOLD, SILVER.tier_id: SILVER},
            cards={OLD_CARD: (7, "active")},
        )
    )


@pytest.fixture
def enrolment(units: FakeUnits) -> EnrolmentService:
    return EnrolmentService(units, FakeClock(NOW), "T1", Roles())


def test_a_new_member_joins_the_entry_tier_for_a_term_with_their_card(
    enrolment: EnrolmentService, units: FakeUnits
) -> None:
    form = EnrolmentForm(
        phone="+86 139-0000-1111", name="  王   小明 ", birthday=date(1990, 5, 17),
        gender=Gender.MALE, card=";8812345678901234=2712101?\r\n", allergies=" 芝麻 ",
        marketing_consent=True,
    )  # fmt: skip
    member = enrolment.enrol(CASHIER, form)
    assert (member.member_id, member.member_no) == (8, "M0000008")
    assert (member.name, member.phone, member.tier) == ("王 小明", "13900001111", SILVER)
    assert (member.joined_on, member.expires_on) == (NOW.date(), date(2027, 11, 22))
    assert (member.allergies, member.segment, member.birthday) == ("芝麻", "new", date(1990, 5, 17))
    new = units.store.enrolled[8]
    assert (new.enrolled_by, new.created_at, new.marketing_consent) == (1, NOW, True)
    assert units.store.cards["8812345678901234"] == (8, "active")
    ((context, action, subject, detail),) = units.store.audit
    assert (context.staff_id, context.till_id, context.now) == (1, "T1", NOW)
    assert (action, subject, detail) == ("member_enrolled", "M0000008", {"card": True})


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        (EnrolmentForm(phone="138 0013 8000", name="张伟伟"), EnrolmentProblem.PHONE_TAKEN),
        (
            EnrolmentForm(phone="13700000001", name="新会员", card=OLD_CARD),
            EnrolmentProblem.CARD_TAKEN,
        ),
    ],
)
def test_a_phone_or_card_in_use_is_refused_naming_its_holder_and_nothing_is_written(
    enrolment: EnrolmentService, units: FakeUnits, form: EnrolmentForm, problem: EnrolmentProblem
) -> None:
    with pytest.raises(EnrolmentRefused) as refused:
        enrolment.enrol(CASHIER, form)
    assert refused.value.problems == [problem]
    assert [m.member_no for m in refused.value.matches] == ["M0000007"]
    assert list(units.store.members) == [7] and units.store.audit == []


def test_details_the_form_gets_wrong_are_all_named(enrolment: EnrolmentService) -> None:
    form = EnrolmentForm(phone="12", name=" ", card=";88000000")
    assert enrolment.check(form).problems == [
        EnrolmentProblem.BAD_PHONE,
        EnrolmentProblem.NO_NAME,
        EnrolmentProblem.CARD_UNREADABLE,
    ]


def test_a_look_alike_born_the_same_day_is_enrolled_only_when_confirmed(
    enrolment: EnrolmentService, units: FakeUnits
) -> None:
    form = EnrolmentForm(phone="13700000002", name="张炜", birthday=BORN)  # a homophone
    with pytest.raises(EnrolmentRefused) as refused:
        enrolment.enrol(CASHIER, form)
    assert refused.value.problems == [EnrolmentProblem.LOOKS_LIKE_EXISTING]
    assert [m.member_no for m in refused.value.matches] == ["M0000007"]
    assert enrolment.check(EnrolmentForm("13700000003", "王伟", BORN)).problems == []
    assert enrolment.enrol(CASHIER, form, accept_look_alike=True).name == "张炜"


def test_a_record_merged_away_is_no_look_alike(
    enrolment: EnrolmentService, units: FakeUnits
) -> None:
    units.store.merged.add(7)
    assert enrolment.check(EnrolmentForm("13700000002", "张炜", BORN)).problems == []


def test_a_new_card_can_block_the_lost_ones(enrolment: EnrolmentService, units: FakeUnits) -> None:
    card = enrolment.issue_card(CASHIER, ZHANG.member_id, "04:A2:3B:1C:5D:80:00", block_others=True)
    assert card == "04A23B1C5D8000"
    assert units.store.cards == {OLD_CARD: (7, "blocked"), card: (7, "active")}
    (_, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail) == (
        "card_issued", "M0000007", {"card": "…8000", "blocked_others": True},
    )  # fmt: skip


def test_a_card_in_use_or_unreadable_is_not_issued(
    enrolment: EnrolmentService, units: FakeUnits
) -> None:
    with pytest.raises(CardRefused) as taken:
        enrolment.issue_card(CASHIER, ZHANG.member_id, OLD_CARD, block_others=True)
    assert taken.value.problem is EnrolmentProblem.CARD_TAKEN
    assert taken.value.holder is not None and taken.value.holder.member_no == "M0000007"
    with pytest.raises(CardRefused) as unreadable:
        enrolment.issue_card(CASHIER, ZHANG.member_id, ";88000000", block_others=False)
    assert unreadable.value.problem is EnrolmentProblem.CARD_UNREADABLE
    assert units.store.cards == {OLD_CARD: (7, "active")} and units.store.audit == []


def test_a_trainee_neither_enrols_nor_issues_cards(enrolment: EnrolmentService) -> None:
    with pytest.raises(PermissionDenied):
        enrolment.enrol(TRAINEE, EnrolmentForm(phone="13700000004", name="新会员"))
    with pytest.raises(PermissionDenied):
        enrolment.issue_card(TRAINEE, ZHANG.member_id, "04A23B1C5D8000", block_others=False)
