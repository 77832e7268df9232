"""A member's whole story for the floor manager, and what staff record in it.

Every call checks ``Permission.WORK_MEMBER_LISTS``. The story's editing, data export and
erasure live in their own services, reached through ``profile``, ``data_export`` and
``erasure``, so the story tab needs nothing more from the till. Every view of the story is full
member data (phone, birthday, allergies), so each one leaves a ``member_viewed`` audit
event in the transaction that reads it. Each recording (complaint, resolution, feedback,
no-show) is one transaction with its own audit event. Lists are newest first and capped
(``LEDGER_LIMIT``, ``ORDER_LIMIT``, ``HISTORY_LIMIT``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TypeVar

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.member_story import (
    AbsenceKind,
    InvalidStoryEntry,
    MemberStory,
    NewComplaint,
    StoryLimits,
    StoryProblem,
    TierProgress,
    check_party_size,
    check_score,
    checked_complaint,
    clean_text,
)
from app.domain.members import MemberId
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.services.member_data_export import MemberDataExportService
from app.services.member_erasure import MemberErasureService
from app.services.member_outlook import outlook, window_spend
from app.services.member_profile import MemberProfileService
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

LEDGER_LIMIT = 200
ORDER_LIMIT = 100
HISTORY_LIMIT = 200
LIMITS = StoryLimits(ledger=LEDGER_LIMIT, orders=ORDER_LIMIT, history=HISTORY_LIMIT)
VIEWED = "member_viewed"

T = TypeVar("T")


class StoryRefused(TillError):
    """The entry was not recorded; ``problem`` is the ``StoryProblem``."""

    def __init__(self, problem: StoryProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


class MemberStoryService:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        auth: Authoriser,
        profile: MemberProfileService,
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth
        self.profile = profile
        self.data_export = MemberDataExportService(units, clock, till_id, auth)
        self.erasure = MemberErasureService(units, clock, till_id, auth)

    def story(self, member_id: int, staff: StaffMember) -> MemberStory:
        """Read the story and audit the view, in one transaction."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        action = self._begin(staff)
        today = action.now.date()
        with self._units() as uow:
            profile = uow.stories.profile(member_id)
            if profile is None:
                raise _no_member(member_id)
            records = uow.stories.records(member_id, today, LIMITS)
            story = MemberStory(
                today=today,
                profile=profile,
                cards=records.cards,
                progress=_progress(uow, member_id, today),
                points=records.points,
                stored_value=records.stored_value,
                orders=records.orders,
                complaints=records.complaints,
                feedback=records.feedback,
                absences=records.absences,
                contacts=records.contacts,
                changes=records.changes,
            )
            uow.audit.record(action, VIEWED, profile.member_no, None)
            uow.commit()
            return story

    def record_complaint(self, member_id: int, complaint: NewComplaint, staff: StaffMember) -> int:
        """The new complaint's id; ``StoryRefused`` when the entry is not valid."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        action = self._begin(staff)
        checked = _valid(lambda: checked_complaint(complaint, action.now.date()))
        with self._units() as uow:
            member_no = _member_no(uow, member_id)
            if checked.owner_id is not None and not uow.stories.staff_exists(checked.owner_id):
                raise StoryRefused(StoryProblem.OWNER_NOT_FOUND, "no such staff member")
            complaint_id = uow.complaints.open(member_id, checked, action.now, staff.staff_id)
            detail = {
                "complaint": complaint_id,
                "category": checked.category.value,
                "promised_on": str(checked.promised_on or ""),
                "compensation_fen": checked.compensation,
            }
            _commit_audited(uow, action, "complaint_recorded", member_no, detail)
            return complaint_id

    def resolve_complaint(self, complaint_id: int, outcome: str, staff: StaffMember) -> None:
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        cleaned = _valid(lambda: clean_text(outcome, required=StoryProblem.EMPTY_OUTCOME))
        action = self._begin(staff)
        with self._units() as uow:
            found = uow.complaints.lock(complaint_id)
            if found is None:
                raise StoryRefused(StoryProblem.COMPLAINT_NOT_FOUND, "no such complaint")
            if found.status != "open":
                raise StoryRefused(StoryProblem.ALREADY_RESOLVED, "resolved already")
            uow.complaints.resolve(complaint_id, cleaned, action.now)
            member_no = _member_no(uow, found.member_id)
            detail = {"complaint": complaint_id, "outcome": cleaned}
            _commit_audited(uow, action, "complaint_resolved", member_no, detail)

    def record_feedback(
        self,
        member_id: int,
        score: int,
        comment: str,
        staff: StaffMember,
        order_id: int | None = None,
    ) -> None:
        """A 1–5 score for a visit (``order_id``, one of the member's orders) or in general."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        _valid(lambda: check_score(score))
        cleaned = _valid(lambda: clean_text(comment))
        action = self._begin(staff)
        with self._units() as uow:
            member_no = _member_no(uow, member_id)
            if order_id is not None and not uow.stories.order_of_member(member_id, order_id):
                raise StoryRefused(StoryProblem.ORDER_NOT_FOUND, "not one of the member's orders")
            uow.stories.add_feedback(member_id, order_id, score, cleaned, action.now,
                                     staff.staff_id)  # fmt: skip
            detail = {"score": score, "order": order_id}
            _commit_audited(uow, action, "feedback_recorded", member_no, detail)

    def record_absence(
        self,
        member_id: int,
        kind: AbsenceKind,
        booked_for: datetime,
        party_size: int,
        note: str,
        staff: StaffMember,
    ) -> None:
        """A no-show or a cancellation of the booking for ``booked_for``."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        _valid(lambda: check_party_size(party_size))
        cleaned = _valid(lambda: clean_text(note))
        action = self._begin(staff)
        with self._units() as uow:
            member_no = _member_no(uow, member_id)
            uow.stories.add_absence(member_id, kind, booked_for, party_size, cleaned, action.now,
                                    staff.staff_id)  # fmt: skip
            detail = {"kind": kind.value, "booked_for": booked_for.isoformat()}
            _commit_audited(uow, action, "no_show_recorded", member_no, detail)

    def _begin(self, staff: StaffMember) -> ActionContext:
        return ActionContext.begin(self._clock, self._till_id, staff.staff_id)


def _commit_audited(
    uow: UnitOfWork, action: ActionContext, event: str, member_no: str, detail: Mapping[str, object]
) -> None:
    uow.audit.record(action, event, member_no, detail)
    uow.commit()


def _valid(check: Callable[[], T]) -> T:
    try:
        return check()
    except InvalidStoryEntry as error:
        raise StoryRefused(error.problem, str(error)) from error


def _no_member(member_id: int) -> StoryRefused:
    return StoryRefused(StoryProblem.MEMBER_NOT_FOUND, f"no member {member_id}")


def _member_no(uow: UnitOfWork, member_id: int) -> str:
    member_no = uow.stories.member_no(member_id)
    if member_no is None:
        raise _no_member(member_id)
    return member_no


def _progress(uow: UnitOfWork, member_id: int, today: date) -> TierProgress:
    """The same outlook the cashier's member panel shows ("spend ¥X more for Gold")."""
    member = uow.members.summary(MemberId(member_id))
    rules = uow.programme.rules()
    ahead = outlook(uow.orders, uow.tiers, member, today, rules)
    spend = window_spend(uow.orders, member.member_id, rules, today, member.joined_on)
    free = ahead.spend_to_renew_free
    return TierProgress(
        window_spend=spend,
        next_tier_zh=ahead.next_tier.name_zh if ahead.next_tier else None,
        next_tier_en=ahead.next_tier.name_en if ahead.next_tier else None,
        missing_for_next_tier=ahead.missing_for_next_tier,
        missing_to_renew_free=free.missing if free is not None else None,
    )
