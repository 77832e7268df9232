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

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.member_story import (
    Absence,
    AbsenceKind,
    Card,
    Complaint,
    Contact,
    Feedback,
    InvalidStoryEntry,
    MemberStory,
    NewComplaint,
    OrderItem,
    PointsEntry,
    Profile,
    ProfileChange,
    StoredValueEntry,
    StoryOrder,
    StoryProblem,
    TierProgress,
    check_party_size,
    check_score,
    checked_complaint,
    clean_text,
    daypart_of,
    is_overdue,
)
from app.domain.members import MemberSummary
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.services.auth import AuthService
from app.services.loyalty import outlook, window_spend
from app.services.member_data_export import MemberDataExportService
from app.services.member_erasure import MemberErasureService
from app.services.member_profile import MemberProfileService
from db import member_story as store
from db import queries
from db.audit_log import SqlAuditLog
from db.loyalty_rules import rules_from_rows
from db.member_accounts import SqlTiers, member_summary
from db.models import ComplaintRow, FeedbackRow, MemberRow, NoShowRow, OrderRow, StaffRow
from db.orders import SqlOrders

LEDGER_LIMIT = 200
ORDER_LIMIT = 100
HISTORY_LIMIT = 200
VIEWED = "member_viewed"

T = TypeVar("T")


class StoryRefused(TillError):
    """The entry was not recorded; ``problem`` is the ``StoryProblem``."""

    def __init__(self, problem: StoryProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


class MemberStoryService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth
        self.profile = MemberProfileService(sessions, clock, till_id, auth)
        self.data_export = MemberDataExportService(sessions, clock, till_id, auth)
        self.erasure = MemberErasureService(sessions, clock, till_id, auth)

    def story(self, member_id: int, staff: StaffMember) -> MemberStory:
        """Read the story and audit the view, in one transaction."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        now = self._clock.now()
        with self._sessions.begin() as session:
            member = _member(session, member_id)
            story = _story(session, member, now.date())
            self._audit(session, staff, VIEWED, member, None)
            return story

    def record_complaint(self, member_id: int, complaint: NewComplaint, staff: StaffMember) -> int:
        """The new complaint's id; ``StoryRefused`` when the entry is not valid."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        now = self._clock.now()
        checked = _valid(lambda: checked_complaint(complaint, now.date()))
        with self._sessions.begin() as session:
            member = _member(session, member_id)
            if checked.owner_id is not None and session.get(StaffRow, checked.owner_id) is None:
                raise StoryRefused(StoryProblem.OWNER_NOT_FOUND, "no such staff member")
            row = ComplaintRow(
                member_id=member.id,
                opened_at=now,
                opened_by=staff.staff_id,
                category=checked.category.value,
                description=checked.description,
                owner_id=checked.owner_id,
                promised_on=checked.promised_on,
                compensation_fen=checked.compensation,
                compensation_note=checked.compensation_note,
                status="open",
            )
            session.add(row)
            session.flush()
            detail = {
                "complaint": row.id,
                "category": row.category,
                "promised_on": str(row.promised_on or ""),
                "compensation_fen": row.compensation_fen,
            }
            self._audit(session, staff, "complaint_recorded", member, detail)
            return row.id

    def resolve_complaint(self, complaint_id: int, outcome: str, staff: StaffMember) -> None:
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        cleaned = _valid(lambda: clean_text(outcome, required=StoryProblem.EMPTY_OUTCOME))
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.get(ComplaintRow, complaint_id, with_for_update=True)
            if row is None:
                raise StoryRefused(StoryProblem.COMPLAINT_NOT_FOUND, "no such complaint")
            if row.status != "open":
                raise StoryRefused(StoryProblem.ALREADY_RESOLVED, "resolved already")
            row.status, row.outcome, row.resolved_at = "resolved", cleaned, now
            member = _member(session, row.member_id)
            detail = {"complaint": row.id, "outcome": cleaned}
            self._audit(session, staff, "complaint_resolved", member, detail)

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
        now = self._clock.now()
        with self._sessions.begin() as session:
            member = _member(session, member_id)
            if order_id is not None and store.order_of_member(session, member_id, order_id) is None:
                raise StoryRefused(StoryProblem.ORDER_NOT_FOUND, "not one of the member's orders")
            session.add(
                FeedbackRow(
                    member_id=member.id,
                    order_id=order_id,
                    at=now,
                    staff_id=staff.staff_id,
                    score=score,
                    comment=cleaned,
                )
            )
            detail = {"score": score, "order": order_id}
            self._audit(session, staff, "feedback_recorded", member, detail)

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
        now = self._clock.now()
        with self._sessions.begin() as session:
            member = _member(session, member_id)
            session.add(
                NoShowRow(
                    member_id=member.id,
                    kind=kind.value,
                    booked_for=booked_for,
                    party_size=party_size,
                    recorded_at=now,
                    staff_id=staff.staff_id,
                    note=cleaned,
                )
            )
            detail = {"kind": kind.value, "booked_for": booked_for.isoformat()}
            self._audit(session, staff, "no_show_recorded", member, detail)

    def _audit(
        self,
        session: Session,
        staff: StaffMember,
        action: str,
        member: MemberRow,
        detail: Mapping[str, object] | None,
    ) -> None:
        SqlAuditLog(session).record(
            ActionContext(staff.staff_id, self._till_id, self._clock.now()),
            action,
            member.member_no,
            detail,
        )


def _valid(check: Callable[[], T]) -> T:
    try:
        return check()
    except InvalidStoryEntry as error:
        raise StoryRefused(error.problem, str(error)) from error


def _member(session: Session, member_id: int) -> MemberRow:
    row = queries.member_by_id(session, member_id)
    if row is None:
        raise StoryRefused(StoryProblem.MEMBER_NOT_FOUND, f"no member {member_id}")
    return row


def _story(session: Session, member: MemberRow, today: date) -> MemberStory:
    names = store.staff_names(session)

    def name(staff_id: int | None) -> str:
        return names.get(staff_id, "") if staff_id is not None else ""

    summary = member_summary(session, member)
    return MemberStory(
        today=today,
        profile=_profile(member, summary.tier.name_zh, summary.tier.name_en, summary),
        cards=tuple(
            Card(c.card_no, c.status, c.issued_at) for c in store.cards(session, member.id)
        ),
        progress=_progress(session, summary, today),
        points=tuple(
            PointsEntry(row.created_at, row.delta, row.reason, order_no or "", name(row.staff_id))
            for row, order_no in store.points_entries(session, member.id, LEDGER_LIMIT)
        ),
        stored_value=tuple(
            StoredValueEntry(
                row.created_at,
                row.principal_delta_fen,
                row.bonus_delta_fen,
                row.reason,
                order_no or "",
                name(row.staff_id),
            )
            for row, order_no in store.stored_value_entries(session, member.id, LEDGER_LIMIT)
        ),
        orders=tuple(_order(row) for row in store.orders(session, member.id, ORDER_LIMIT)),
        complaints=tuple(
            Complaint(
                complaint_id=row.id,
                opened_at=row.opened_at,
                opened_by=name(row.opened_by),
                category=row.category,
                description=row.description,
                owner=name(row.owner_id),
                promised_on=row.promised_on,
                compensation=row.compensation_fen,
                compensation_note=row.compensation_note,
                status=row.status,
                outcome=row.outcome,
                resolved_at=row.resolved_at,
                overdue=is_overdue(row.status, row.promised_on, today),
            )
            for row in store.complaints(session, member.id, HISTORY_LIMIT)
        ),
        feedback=tuple(
            Feedback(row.at, row.score, row.comment, order_no or "", name(row.staff_id))
            for row, order_no in store.feedback(session, member.id, HISTORY_LIMIT)
        ),
        absences=tuple(
            Absence(
                row.kind,
                row.booked_for,
                row.party_size,
                row.note,
                row.recorded_at,
                name(row.staff_id),
            )
            for row in store.no_shows(session, member.id, HISTORY_LIMIT)
        ),
        contacts=tuple(
            Contact(row.at, row.channel, row.note, name(row.staff_id))
            for row in store.contacts(session, member.id, HISTORY_LIMIT)
        ),
        changes=tuple(
            ProfileChange(row.at, row.field, row.old_value, row.new_value, name(row.staff_id))
            for row in store.changes(session, member.id, HISTORY_LIMIT)
        ),
    )


def _profile(member: MemberRow, tier_zh: str, tier_en: str, summary: MemberSummary) -> Profile:
    return Profile(
        member_id=member.id,
        member_no=member.member_no,
        name=member.name,
        phone="" if member.erased_at is not None else member.phone,
        birthday=member.birthday,
        gender=member.gender,
        tier_name_zh=tier_zh,
        tier_name_en=tier_en,
        joined_on=member.joined_on,
        expires_on=member.expires_on,
        preferences=member.preferences,
        allergies=member.allergies,
        notes=member.notes,
        source_channel=member.source_channel,
        marketing_consent=member.marketing_consent,
        consent_third_party=member.consent_third_party,
        consent_automated=member.consent_automated,
        consent_sensitive=member.consent_sensitive,
        points=summary.points,
        stored_value=summary.stored_value,
        visits=member.visits,
        spend=member.spend_fen,
        last_visit_on=member.last_visit_on,
        segment=member.segment,
        consent_updated_at=member.consent_updated_at,
        erased_at=member.erased_at,
    )


def _progress(session: Session, summary: MemberSummary, today: date) -> TierProgress:
    """The same outlook the cashier's member panel shows ("spend ¥X more for Gold")."""
    rules = rules_from_rows(session)
    orders = SqlOrders(session)
    ahead = outlook(orders, SqlTiers(session), summary, today, rules)
    spend = window_spend(orders, summary.member_id, rules, today, summary.joined_on)
    free = ahead.spend_to_renew_free
    return TierProgress(
        window_spend=spend,
        next_tier_zh=ahead.next_tier.name_zh if ahead.next_tier else None,
        next_tier_en=ahead.next_tier.name_en if ahead.next_tier else None,
        missing_for_next_tier=ahead.missing_for_next_tier,
        missing_to_renew_free=free.missing if free is not None else None,
    )


def _order(row: OrderRow) -> StoryOrder:
    return StoryOrder(
        order_id=row.id,
        order_no=row.order_no,
        at=row.created_at,
        daypart=daypart_of(row.created_at),
        party_size=row.party_size,
        service_type=row.service_type,
        total=row.total_fen,
        points_earned=row.points_earned,
        status=row.status,
        items=tuple(
            OrderItem(
                line.name_zh, line.name_en, line.quantity, line.net_fen, line.refunded_quantity
            )
            for line in row.lines
        ),
    )
