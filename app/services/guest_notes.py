"""What a guest tells the cashier at the counter: an allergy to note on their profile,
or a complaint for a manager to follow up. Each is one transaction with an audit event;
the allergy's old and new text go to the profile's edit history."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.member_story import (
    ComplaintCategory,
    InvalidStoryEntry,
    NewComplaint,
    checked_complaint,
    clean_text,
)
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.services.auth import AuthService
from db.audit_log import SqlAuditLog
from db.models import ComplaintRow, MemberChangeRow, MemberRow

T = TypeVar("T")
FOLLOW_UP_DAYS = 3
"""A complaint taken at the counter is promised a manager's answer within this."""


class GuestNoteRefused(TillError):
    pass


class GuestNoteService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth

    def record_allergies(self, staff: StaffMember, member_id: int, allergies: str) -> str:
        """Replace the member's allergies with ``allergies``; returns the text kept."""
        self._auth.require(staff, Permission.ENROL_MEMBERS)
        text = _valid(lambda: clean_text(allergies))
        with self._sessions.begin() as session:
            member = _member(session, member_id)
            if member.allergies == text:
                return text
            now = self._clock.now()
            session.add(
                MemberChangeRow(
                    member_id=member.id,
                    at=now,
                    staff_id=staff.staff_id,
                    field="allergies",
                    old_value=member.allergies,
                    new_value=text,
                )
            )
            member.allergies = text
            self._audit(session, staff, "allergies_recorded", member, {"allergies": text})
            return text

    def record_complaint(
        self, staff: StaffMember, member_id: int, category: ComplaintCategory, description: str
    ) -> int:
        """A complaint for a manager to follow up within ``FOLLOW_UP_DAYS``; its id."""
        self._auth.require(staff, Permission.CHECKOUT)
        now = self._clock.now()
        entry = NewComplaint(category, description)
        checked = _valid(lambda: checked_complaint(entry, now.date()))
        checked = replace(checked, promised_on=now.date() + timedelta(days=FOLLOW_UP_DAYS))
        with self._sessions.begin() as session:
            member = _member(session, member_id)
            row = ComplaintRow(
                member_id=member.id,
                opened_at=now,
                opened_by=staff.staff_id,
                category=checked.category.value,
                description=checked.description,
                promised_on=checked.promised_on,
                status="open",
            )
            session.add(row)
            session.flush()
            detail = {"complaint": row.id, "category": row.category, "at": "counter"}
            self._audit(session, staff, "complaint_recorded", member, detail)
            return row.id

    def _audit(
        self,
        session: Session,
        staff: StaffMember,
        action: str,
        member: MemberRow,
        detail: Mapping[str, object],
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
    except InvalidStoryEntry as refused:
        raise GuestNoteRefused(str(refused)) from refused


def _member(session: Session, member_id: int) -> MemberRow:
    member = session.get(MemberRow, member_id)
    if member is None or member.merged_into_id is not None:
        raise GuestNoteRefused("no such member")
    return member
