"""The member's story on the fake: who may read and record, that each view and entry is
audited in its unit, what is refused, and the tier progress the story shows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.loyalty import LoyaltyRules
from app.domain.member_story import AbsenceKind, ComplaintCategory, NewComplaint, StoryProblem
from app.domain.members import MemberId, MemberSummary
from app.domain.qualification import TierThreshold
from app.domain.staff import Role, StaffId, StaffMember
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.member_story import MemberStoryService, StoryRefused
from tests.fakes import FakeClock, FakeStore, FakeUnits
from tests.unit.test_member_erasure import MANAGER, ManagerPin

NOW = datetime(2026, 11, 22, 12, 30)
TODAY = NOW.date()
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 0)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
ZHANG = MemberSummary(MemberId(1), "M0000001", "张伟", "13800138000", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "靠窗", "")  # fmt: skip


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(members={ZHANG.member_id: ZHANG},
                      tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD},
                      staff_names={1: "王芳", 2: "李经理"},
                      rules=LoyaltyRules(thresholds=(TierThreshold(2, 500_000),)))  # fmt: skip
    store.points.append({"member_id": 1, "delta": 300, "reason": "earned", "at": NOW,
                         "staff_id": 1, "entry_id": 1})  # fmt: skip
    return FakeUnits(store)


@pytest.fixture
def stories(units: FakeUnits) -> MemberStoryService:
    no_profile_editor = None  # the profile's edits are not on the unit of work yet
    return MemberStoryService(units, FakeClock(NOW), "T1", ManagerPin(), no_profile_editor)  # type: ignore[arg-type]


def actions(units: FakeUnits) -> list[tuple[str, str, int | None]]:
    return [(action, subject, c.staff_id) for c, action, subject, _ in units.store.audit]


def test_the_story_shows_the_profile_ledgers_and_progress_and_its_view_is_audited(
    stories: MemberStoryService, units: FakeUnits
) -> None:
    story = stories.story(1, MANAGER)
    assert (story.today, story.profile.member_no, story.profile.points) == (TODAY, "M0000001", 300)
    assert [(e.delta, e.staff) for e in story.points] == [(300, "王芳")]
    assert (story.progress.next_tier_en, story.progress.missing_for_next_tier) == ("Gold", 500_000)
    assert actions(units) == [("member_viewed", "M0000001", MANAGER.staff_id)]


def test_a_complaint_is_recorded_followed_and_resolved_once(
    stories: MemberStoryService, units: FakeUnits
) -> None:
    entry = NewComplaint(ComplaintCategory.FOOD, " Fish was cold ", owner_id=2,
                         promised_on=TODAY, compensation=2_000)  # fmt: skip
    complaint_id = stories.record_complaint(1, entry, MANAGER)
    ((*_, detail),) = units.store.audit
    assert detail == {"complaint": complaint_id, "category": "food",
                      "promised_on": str(TODAY), "compensation_fen": 2_000}  # fmt: skip
    stories.resolve_complaint(complaint_id, " Apologised ", MANAGER)
    with pytest.raises(StoryRefused) as twice:
        stories.resolve_complaint(complaint_id, "again", MANAGER)
    assert twice.value.problem is StoryProblem.ALREADY_RESOLVED
    with pytest.raises(StoryRefused) as unknown:
        stories.resolve_complaint(99, "x", MANAGER)
    assert unknown.value.problem is StoryProblem.COMPLAINT_NOT_FOUND
    (shown,) = stories.story(1, MANAGER).complaints
    assert (shown.status, shown.outcome, shown.owner, shown.resolved_at) == (
        "resolved", "Apologised", "李经理", NOW,
    )  # fmt: skip
    assert [a for a, _, _ in actions(units)][:2] == ["complaint_recorded", "complaint_resolved"]


def test_entries_for_unknown_members_owners_or_orders_are_refused_and_not_audited(
    stories: MemberStoryService, units: FakeUnits
) -> None:
    entry = NewComplaint(ComplaintCategory.FOOD, "cold", owner_id=42)
    with pytest.raises(StoryRefused) as owner:
        stories.record_complaint(1, entry, MANAGER)
    assert owner.value.problem is StoryProblem.OWNER_NOT_FOUND
    with pytest.raises(StoryRefused) as member:
        stories.record_feedback(9, 5, "", MANAGER)
    assert member.value.problem is StoryProblem.MEMBER_NOT_FOUND
    with pytest.raises(StoryRefused) as order:
        stories.record_feedback(1, 5, "", MANAGER, order_id=3)
    assert order.value.problem is StoryProblem.ORDER_NOT_FOUND
    with pytest.raises(StoryRefused) as score:
        stories.record_feedback(1, 6, "", MANAGER)
    assert score.value.problem is StoryProblem.SCORE_OUT_OF_RANGE
    with pytest.raises(StoryRefused):
        stories.story(9, MANAGER)
    assert units.store.audit == [] and units.store.complaints == []


def test_feedback_and_a_no_show_are_recorded_with_who_and_when(
    stories: MemberStoryService, units: FakeUnits
) -> None:
    booked = NOW - timedelta(days=1)
    stories.record_feedback(1, 4, " Lovely fish ", MANAGER)
    stories.record_absence(1, AbsenceKind.NO_SHOW, booked, 4, "no call", MANAGER)
    story = stories.story(1, MANAGER)
    assert [(f.score, f.comment, f.staff) for f in story.feedback] == [(4, "Lovely fish", "李经理")]
    assert [(a.kind, a.booked_for, a.party_size) for a in story.absences] == [
        ("no_show", booked, 4),
    ]
    assert [a for a, _, _ in actions(units)] == [
        "feedback_recorded", "no_show_recorded", "member_viewed",
    ]  # fmt: skip


def test_only_managers_read_the_story_or_record_in_it(
    stories: MemberStoryService, units: FakeUnits
) -> None:
    with pytest.raises(PermissionDenied):
        stories.story(1, CASHIER)
    with pytest.raises(PermissionDenied):
        stories.record_feedback(1, 5, "", CASHIER)
    assert units.store.audit == []
