"""Editing a member's profile and consents on both databases: each changed field lands in
the edit history in the same transaction, the till finds the member by the new name and
phone at once (and no longer by the old ones), a phone already in use is refused naming
its member, consents are recorded and a refusal of automated decisions takes the member
out of the segments; only managers edit, and every edit is audited."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.enrolment import Gender
from app.domain.member_profile import Consents, ProfileField, ProfileProblem
from app.errors import PermissionDenied
from app.services.member_profile import ProfileRefused
from db.models import AuditEventRow, MemberChangeRow, MemberRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier
from tests.integration.test_member_story import manager, member_id

EMILY, ZHANG_WEI = "13912345678", "13800138000"


def audit(url: str, member_no: str, action: str) -> list[tuple[int | None, dict[str, object]]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(AuditEventRow.staff_id, AuditEventRow.detail)
                .where(AuditEventRow.subject == member_no, AuditEventRow.action == action)
                .order_by(AuditEventRow.id)
            )
            return [(staff_id, json.loads(detail)) for staff_id, detail in rows]
    finally:
        engine.dispose()


def member_row(url: str, member_no: str) -> MemberRow:
    engine = create_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            row = session.scalar(select(MemberRow).where(MemberRow.member_no == member_no))
            assert row is not None
            session.expunge(row)
            return row
    finally:
        engine.dispose()


def found_by(till: Till, text: str) -> list[str]:
    return [c.member_no for c in till.members.search(text).candidates]


def test_a_rename_and_a_new_phone_are_in_the_history_and_the_till_finds_them_at_once(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    boss, emily = manager(till), member_id(till, EMILY)
    assert "M0000002" in found_by(till, "emily")
    before = till.member_story.profile.values(emily, boss)
    after = replace(
        before,
        name="陈艾米莉",
        phone="+86 139-0000-1111",  # however people write it
        birthday=date(1990, 5, 17),
        gender=Gender.FEMALE,
        allergies="shellfish",
        notes="prefers the window table",
    )
    changed = till.member_story.profile.edit(emily, after, boss)

    assert [c.field for c in changed] == [
        ProfileField.NAME,
        ProfileField.PHONE,
        ProfileField.BIRTHDAY,
        ProfileField.GENDER,
        ProfileField.ALLERGIES,
        ProfileField.NOTES,
    ]
    history = till.member_story.story(emily, boss).changes
    assert {(c.field, c.old_value, c.new_value, c.staff) for c in history} == {
        ("name", "Emily Chen", "陈艾米莉", boss.display_name),
        ("phone", EMILY, "13900001111", boss.display_name),
        ("birthday", str(before.birthday or ""), "1990-05-17", boss.display_name),
        ("gender", "", "female", boss.display_name),
        ("allergies", before.allergies, "shellfish", boss.display_name),
        ("notes", "", "prefers the window table", boss.display_name),
    }
    assert all(c.at == clock.now() for c in history)

    # the till: new name (characters, pinyin initials), new phone and its last four
    assert found_by(till, "陈艾") == ["M0000002"]
    assert "M0000002" in found_by(till, "caml")
    assert "M0000002" in found_by(till, "1111")
    identified = till.members.identify("139 0000 1111").member
    assert identified is not None and identified.name == "陈艾米莉"
    # ...and no longer the old name or phone
    assert "M0000002" not in found_by(till, "emily")
    assert till.members.identify(EMILY).member is None

    edits = audit(database_url, "M0000002", "member_profile_edited")
    assert edits == [
        (
            boss.staff_id,
            {"fields": ["name", "phone", "birthday", "gender", "allergies", "notes"]},
        )
    ]
    assert "13900001111" not in json.dumps(edits)  # the audit names fields, not values


def test_saving_an_unchanged_profile_writes_nothing(till: Till, database_url: str) -> None:
    boss, emily = manager(till), member_id(till, EMILY)
    same = till.member_story.profile.values(emily, boss)
    assert till.member_story.profile.edit(emily, same, boss) == []
    assert till.member_story.story(emily, boss).changes == ()
    assert audit(database_url, "M0000002", "member_profile_edited") == []


def test_a_phone_already_in_use_is_refused_naming_its_member_masked(
    till: Till, database_url: str
) -> None:
    boss, emily = manager(till), member_id(till, EMILY)
    values = till.member_story.profile.values(emily, boss)
    with pytest.raises(ProfileRefused) as refused:
        till.member_story.profile.edit(emily, replace(values, phone="138-0013-8000"), boss)
    assert refused.value.problems == [ProfileProblem.PHONE_TAKEN]
    holder = refused.value.holder
    assert holder is not None
    assert (holder.member_no, holder.name, holder.masked_phone) == (
        "M0000001",
        "张伟",
        "138****8000",
    )
    assert member_row(database_url, "M0000002").phone == EMILY
    assert till.member_story.story(emily, boss).changes == ()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"phone": "12ab"}, ProfileProblem.BAD_PHONE),
        ({"name": "   "}, ProfileProblem.NO_NAME),
        ({"name": "名" * 65}, ProfileProblem.NAME_TOO_LONG),
        ({"birthday": date(2026, 11, 22)}, ProfileProblem.BIRTHDAY_NOT_PAST),
        ({"notes": "x" * 1001}, ProfileProblem.TEXT_TOO_LONG),
    ],
)
def test_the_enrolment_rules_hold_for_an_edit(
    till: Till, change: dict[str, object], problem: ProfileProblem
) -> None:
    boss, emily = manager(till), member_id(till, EMILY)
    values = till.member_story.profile.values(emily, boss)
    with pytest.raises(ProfileRefused) as refused:
        till.member_story.profile.edit(emily, replace(values, **change), boss)  # type: ignore[arg-type]
    assert refused.value.problems == [problem]


def test_consents_are_recorded_with_their_time_and_withdrawing_automated_decisions_unsegments(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    boss, emily = manager(till), member_id(till, EMILY)
    values = till.member_story.profile.values(emily, boss)
    given = Consents(marketing=True, third_party=False, automated=True, sensitive=True)
    till.member_story.profile.edit(emily, replace(values, consents=given), boss)
    row = member_row(database_url, "M0000002")
    assert (row.marketing_consent, row.consent_automated, row.consent_sensitive) == (
        True,
        True,
        True,
    )
    assert row.consent_updated_at == clock.now()
    story = till.member_story.story(emily, boss)
    assert story.profile.consent_updated_at == clock.now()
    fields = {c.field: (c.old_value, c.new_value) for c in story.changes}
    assert fields["consent_automated"] == ("false", "true")
    assert fields["consent_sensitive"] == ("false", "true")

    # the daily job scores her; then she withdraws automated decisions
    clock.advance(timedelta(days=1))
    till.segments.run()
    assert member_row(database_url, "M0000002").segment != ""
    clock.advance(timedelta(hours=1))
    withdrawn = replace(given, automated=False)
    till.member_story.profile.edit(emily, replace(values, consents=withdrawn), boss)
    assert member_row(database_url, "M0000002").segment == ""  # at once
    clock.advance(timedelta(days=1))
    till.segments.run()
    assert member_row(database_url, "M0000002").segment == ""  # and the job leaves her out
    assert member_row(database_url, "M0000001").segment != ""  # never asked: scored

    consents = audit(database_url, "M0000002", "member_consents_changed")
    assert [detail for _, detail in consents] == [
        {"consent_automated": True, "consent_sensitive": True},  # marketing: given already
        {"consent_automated": False},
    ]


def test_the_segment_job_clears_a_segment_it_may_no_longer_give(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=1))
    till.segments.run()
    assert member_row(database_url, "M0000002").segment != ""
    engine = create_engine(database_url)
    try:
        with Session(engine) as session, session.begin():
            row = session.scalar(select(MemberRow).where(MemberRow.member_no == "M0000002"))
            assert row is not None
            row.consent_updated_at = clock.now()  # recorded elsewhere: no consent
    finally:
        engine.dispose()
    clock.advance(timedelta(days=1))
    till.segments.run()
    assert member_row(database_url, "M0000002").segment == ""


def test_a_cashier_may_neither_read_nor_edit_the_profile(till: Till) -> None:
    emily, boss = member_id(till, EMILY), manager(till)
    values = till.member_story.profile.values(emily, boss)
    with pytest.raises(PermissionDenied):
        till.member_story.profile.values(emily, cashier(till))
    with pytest.raises(PermissionDenied):
        till.member_story.profile.edit(emily, replace(values, notes="x"), cashier(till))
    with pytest.raises(PermissionDenied):
        till.member_story.story(emily, cashier(till))


def test_the_history_and_the_profile_change_in_one_transaction(
    till: Till, database_url: str
) -> None:
    """A refused edit (phone taken) leaves no history row behind, even for the fields
    that were fine."""
    boss, emily = manager(till), member_id(till, EMILY)
    values = till.member_story.profile.values(emily, boss)
    with pytest.raises(ProfileRefused):
        till.member_story.profile.edit(
            emily, replace(values, name="Emily C.", phone=ZHANG_WEI), boss
        )
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            assert session.scalars(select(MemberChangeRow)).all() == []
    finally:
        engine.dispose()
    assert member_row(database_url, "M0000002").name == "Emily Chen"
