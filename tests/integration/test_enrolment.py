"""Enrolling members at the till: required details, duplicates refused, cards issued."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.enrolment import EnrolmentForm, EnrolmentProblem, Gender
from app.domain.staff import Role, StaffId, StaffMember
from app.errors import PermissionDenied
from app.services.enrolment import CardRefused, EnrolmentRefused
from app.services.members import IdentifyProblem
from db.models import AuditEventRow, MemberRow


def cashier(till: Till) -> StaffMember:
    return till.auth.log_in("wangfang", "1111")


def zhang_wei_birthday(database_url: str) -> date:
    engine = create_engine(database_url)
    with Session(engine) as session:
        birthday = session.scalar(
            select(MemberRow.birthday).where(MemberRow.member_no == "M0000001")
        )
    engine.dispose()
    assert birthday is not None
    return birthday


def test_enrolled_member_is_found_every_way_at_once(till: Till, database_url: str) -> None:
    form = EnrolmentForm(
        phone="+86 139-0000-1111",
        name="  王   小明 ",
        birthday=date(1990, 5, 17),
        gender=Gender.MALE,
        card=";8812345678901234=2712101?\r\n",
        allergies="芝麻过敏",
        marketing_consent=True,
    )
    member = till.enrolment.enrol(cashier(till), form)
    assert member.name == "王 小明" and member.phone == "13900001111"
    assert member.member_no == f"M{member.member_id:07d}"
    assert member.tier.code == "SILVER" and member.expires_on == date(2027, 11, 22)
    assert (member.points, member.stored_value) == (0, 0)
    for typed in ("13900001111", "1111", "wxm", "wangxiaoming", "王小", member.member_no):
        assert member.member_no in {c.member_no for c in till.members.search(typed).candidates}
    swiped = till.members.identify_read("%B8812345678901234^WANG/XIAOMING^2712?")
    assert swiped.member is not None and swiped.member.member_id == member.member_id

    engine = create_engine(database_url)
    with Session(engine) as session:
        audit = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "member_enrolled")
        ).one()
        assert audit.subject == member.member_no
    engine.dispose()


@pytest.mark.parametrize(
    ("form", "problems"),
    [
        (EnrolmentForm(phone="138 0013 8000", name="张伟伟"), [EnrolmentProblem.PHONE_TAKEN]),
        (
            EnrolmentForm(phone="13700000001", name="新会员", card="8800000000000002"),
            [EnrolmentProblem.CARD_TAKEN],
        ),
        (EnrolmentForm(phone="12", name="新会员"), [EnrolmentProblem.BAD_PHONE]),
        (EnrolmentForm(phone="13700000001", name="   "), [EnrolmentProblem.NO_NAME]),
        (
            EnrolmentForm(phone="13700000001", name="新会员", birthday=date(2030, 1, 1)),
            [EnrolmentProblem.BIRTHDAY_NOT_PAST],
        ),
        (
            EnrolmentForm(phone="13700000001", name="新会员", card=";88000000"),
            [EnrolmentProblem.CARD_UNREADABLE],
        ),
    ],
)
def test_bad_or_duplicate_details_are_refused(
    till: Till, form: EnrolmentForm, problems: list[EnrolmentProblem]
) -> None:
    with pytest.raises(EnrolmentRefused) as refused:
        till.enrolment.enrol(cashier(till), form)
    assert refused.value.problems == problems
    assert till.enrolment.check(form).problems == problems


def test_phone_taken_names_the_member_who_has_it(till: Till) -> None:
    check = till.enrolment.check(EnrolmentForm(phone="+8613800138000", name="张伟"))
    assert [m.member_no for m in check.matches] == ["M0000001"]


def test_look_alike_name_with_same_birthday_needs_confirmation(
    till: Till, database_url: str
) -> None:
    birthday = zhang_wei_birthday(database_url)
    form = EnrolmentForm(phone="13700000002", name="张炜", birthday=birthday)  # homophone
    with pytest.raises(EnrolmentRefused) as refused:
        till.enrolment.enrol(cashier(till), form)
    assert refused.value.problems == [EnrolmentProblem.LOOKS_LIKE_EXISTING]
    assert [m.member_no for m in refused.value.matches] == ["M0000001"]
    member = till.enrolment.enrol(cashier(till), form, accept_look_alike=True)
    assert member.name == "张炜"
    other = EnrolmentForm(phone="13700000003", name="王伟", birthday=birthday)
    assert till.enrolment.check(other).problems == []


def test_new_card_replaces_a_lost_one(till: Till) -> None:
    staff = cashier(till)
    zhang = till.members.identify("M0000001").member
    assert zhang is not None
    with pytest.raises(CardRefused) as refused:
        till.enrolment.issue_card(staff, zhang.member_id, "8800000000000002", block_others=True)
    assert refused.value.problem is EnrolmentProblem.CARD_TAKEN
    assert refused.value.holder is not None and refused.value.holder.member_no == "M0000002"

    card = till.enrolment.issue_card(
        staff, zhang.member_id, "04:A2:3B:1C:5D:80:00", block_others=True
    )
    assert card == "04A23B1C5D8000"
    assert till.members.identify_read("8800000000000001").problem is IdentifyProblem.CARD_BLOCKED
    found = till.members.identify_read("04a23b1c5d8000\r\n")
    assert found.member is not None and found.member.member_no == "M0000001"


def test_trainee_cannot_enrol_on_a_live_till(till: Till) -> None:
    trainee = StaffMember(StaffId(99), "trainee", "Trainee", Role.TRAINEE)
    with pytest.raises(PermissionDenied):
        till.enrolment.enrol(trainee, EnrolmentForm(phone="13700000004", name="新会员"))
