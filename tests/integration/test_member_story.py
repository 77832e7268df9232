"""The member's whole story on both databases: a real sale shows up with its items and
points, complaints are followed to their promised date, entries are validated, only
managers see the story and every view is audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.member_story import (
    AbsenceKind,
    ComplaintCategory,
    Daypart,
    NewComplaint,
    StoryProblem,
)
from app.domain.staff import StaffMember
from app.errors import PermissionDenied
from app.services.member_story import StoryRefused
from db.models import AuditEventRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_refund_extras import pay

ZHANG_WEI = "13800138000"  # M0000001, Gold, 1280 points
TODAY = date(2026, 11, 22)


def manager(till: Till) -> StaffMember:
    return till.auth.log_in("manager", "9999")


def member_id(till: Till, phone: str) -> int:
    found = till.members.identify(phone).member
    assert found is not None
    return int(found.member_id)


def audit_actions(url: str, member_no: str) -> list[tuple[str, int | None]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            query = (
                select(AuditEventRow.action, AuditEventRow.staff_id)
                .where(AuditEventRow.subject == member_no)
                .order_by(AuditEventRow.id)
            )
            return [(action, staff_id) for action, staff_id in session.execute(query)]
    finally:
        engine.dispose()


def complaint(promised_on: date | None = TODAY, **changes: object) -> NewComplaint:
    values: dict[str, object] = {
        "category": ComplaintCategory.FOOD,
        "description": "Fish was cold",
        "promised_on": promised_on,
        "compensation": 2_000,
        "compensation_note": "¥20 voucher",
    }
    values.update(changes)
    return NewComplaint(**values)  # type: ignore[arg-type]


def test_the_story_shows_a_paid_order_with_its_items_and_the_points_it_earned(
    till: Till,
) -> None:
    order_no = pay(till, order_for(till, ZHANG_WEI, "HOT-03", "STAPLE-01"))
    story = till.member_story.story(member_id(till, ZHANG_WEI), manager(till))

    assert story.profile.member_no == "M0000001"
    assert story.profile.phone == ZHANG_WEI  # managers see full profiles
    order = story.orders[0]
    assert order.order_no == order_no
    assert order.daypart is Daypart.LUNCH  # the clock says 12:30
    assert [(item.name_en, item.quantity) for item in order.items] == [
        ("Sichuan Boiled Fish", 1),
        ("Steamed Rice", 1),
    ]
    assert order.points_earned > 0
    earned = story.points[0]
    assert (earned.order_no, earned.delta) == (order_no, order.points_earned)
    assert story.profile.points == 1280 + order.points_earned
    assert [card.status for card in story.cards] == ["active"]
    assert story.progress.window_spend >= order.total - 1


def test_every_view_of_the_story_is_audited_with_who_looked(till: Till, database_url: str) -> None:
    boss = manager(till)
    till.member_story.story(member_id(till, ZHANG_WEI), boss)
    till.member_story.story(member_id(till, ZHANG_WEI), boss)
    viewed = [a for a in audit_actions(database_url, "M0000001") if a[0] == "member_viewed"]
    assert viewed == [("member_viewed", boss.staff_id)] * 2


def test_a_complaint_is_overdue_from_the_day_after_its_promised_date_until_resolved(
    till: Till, clock: FakeClock, database_url: str
) -> None:
    boss, member = manager(till), member_id(till, ZHANG_WEI)
    complaint_id = till.member_story.record_complaint(
        member, complaint(owner_id=int(boss.staff_id)), boss
    )
    recorded = till.member_story.story(member, boss).complaints[0]
    assert recorded.complaint_id == complaint_id
    assert (recorded.description, recorded.owner, recorded.compensation) == (
        "Fish was cold",
        boss.display_name,
        2_000,
    )
    assert (recorded.status, recorded.overdue) == ("open", False)  # due today is not late

    clock.advance(timedelta(days=1))
    late = till.member_story.story(member, boss)
    assert late.complaints[0].overdue and late.overdue_complaints == 1

    till.member_story.resolve_complaint(complaint_id, "  Apologised, voucher given ", boss)
    resolved = till.member_story.story(member, boss).complaints[0]
    assert (resolved.status, resolved.outcome, resolved.overdue) == (
        "resolved",
        "Apologised, voucher given",
        False,
    )
    assert resolved.resolved_at == clock.now()
    with pytest.raises(StoryRefused) as again:
        till.member_story.resolve_complaint(complaint_id, "twice", boss)
    assert again.value.problem is StoryProblem.ALREADY_RESOLVED
    actions = [action for action, _ in audit_actions(database_url, "M0000001")]
    assert actions.count("complaint_recorded") == 1
    assert actions.count("complaint_resolved") == 1


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (complaint(description="   "), StoryProblem.EMPTY_DESCRIPTION),
        (complaint(promised_on=TODAY - timedelta(days=1)), StoryProblem.PROMISED_IN_PAST),
        (complaint(compensation=-1), StoryProblem.NEGATIVE_COMPENSATION),
    ],
)
def test_a_complaint_that_makes_no_sense_is_refused_and_nothing_is_written(
    till: Till, entry: NewComplaint, problem: StoryProblem
) -> None:
    boss, member = manager(till), member_id(till, ZHANG_WEI)
    with pytest.raises(StoryRefused) as refused:
        till.member_story.record_complaint(member, entry, boss)
    assert refused.value.problem is problem
    assert till.member_story.story(member, boss).complaints == ()


def test_feedback_scores_one_to_five_for_a_visit_and_nothing_else(till: Till) -> None:
    order_no = pay(till, order_for(till, ZHANG_WEI, "HOT-01"))
    boss, member = manager(till), member_id(till, ZHANG_WEI)
    order_id = till.member_story.story(member, boss).orders[0].order_id
    for score in (0, 6, -1):
        with pytest.raises(StoryRefused) as refused:
            till.member_story.record_feedback(member, score, "", boss)
        assert refused.value.problem is StoryProblem.SCORE_OUT_OF_RANGE
    other = member_id(till, "13912345678")
    with pytest.raises(StoryRefused) as refused:
        till.member_story.record_feedback(other, 4, "", boss, order_id)
    assert refused.value.problem is StoryProblem.ORDER_NOT_FOUND

    till.member_story.record_feedback(member, 5, " Lovely fish ", boss, order_id)
    till.member_story.record_feedback(member, 1, "", boss)
    story = till.member_story.story(member, boss)
    assert [(f.score, f.comment, f.order_no) for f in story.feedback] == [
        (1, "", ""),  # same time: the later entry first
        (5, "Lovely fish", order_no),
    ]


def test_a_no_show_is_kept_with_its_booking(till: Till, database_url: str) -> None:
    boss, member = manager(till), member_id(till, ZHANG_WEI)
    booked = datetime(2026, 11, 21, 19, 0)
    till.member_story.record_absence(member, AbsenceKind.NO_SHOW, booked, 6, "no call", boss)
    with pytest.raises(StoryRefused) as refused:
        till.member_story.record_absence(member, AbsenceKind.CANCELLATION, booked, 0, "", boss)
    assert refused.value.problem is StoryProblem.PARTY_SIZE_OUT_OF_RANGE
    absences = till.member_story.story(member, boss).absences
    assert [(a.kind, a.booked_for, a.party_size, a.note) for a in absences] == [
        ("no_show", booked, 6, "no call")
    ]
    assert "no_show_recorded" in [a for a, _ in audit_actions(database_url, "M0000001")]


def test_a_cashier_may_neither_read_nor_add_to_a_members_story(
    till: Till, database_url: str
) -> None:
    staff, member = cashier(till), member_id(till, ZHANG_WEI)
    with pytest.raises(PermissionDenied):
        till.member_story.story(member, staff)
    with pytest.raises(PermissionDenied):
        till.member_story.record_complaint(member, complaint(), staff)
    with pytest.raises(PermissionDenied):
        till.member_story.record_feedback(member, 5, "", staff)
    assert audit_actions(database_url, "M0000001") == []
