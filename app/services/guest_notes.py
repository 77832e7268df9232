"""What a guest tells the cashier at the counter: an allergy to note on their profile,
a dish kept despite their allergy, or a complaint for a manager to follow up. Each is one
transaction with an audit event; the allergy's old and new text go to the profile's edit
history."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import timedelta
from typing import TypeVar

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.member_story import (
    ComplaintCategory,
    InvalidStoryEntry,
    NewComplaint,
    checked_complaint,
    clean_text,
)
from app.domain.members import MemberId, MemberSummary
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.once.keys import claim, committed_outcome, once_more_if_taken
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")
FOLLOW_UP_DAYS = 3
"""A complaint taken at the counter is promised a manager's answer within this."""


class GuestNoteRefused(TillError):
    pass


class GuestNoteService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth

    def record_allergies(self, staff: StaffMember, member_id: int, allergies: str) -> str:
        """Replace the member's allergies with ``allergies``; returns the text kept."""
        self._auth.require(staff, Permission.ENROL_MEMBERS)
        text = _valid(lambda: clean_text(allergies))
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            member = _member(uow, member_id)
            if member.allergies == text:
                return text
            uow.members.change_profile(
                member.member_id, "allergies", text, action.now, staff.staff_id
            )
            uow.audit.record(action, "allergies_recorded", member.member_no, {"allergies": text})
            uow.commit()
            return text

    def acknowledge_allergy(
        self, staff: StaffMember, member_id: int, item_code: str, allergens: Iterable[str]
    ) -> None:
        """The cashier kept a dish with ``allergens`` on the order of a member allergic to
        them, saying the guest knows: who, which dish, what the member's record said."""
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            member = _member(uow, member_id)
            detail = {
                "item": item_code,
                "allergens": sorted(allergens),
                "allergies": member.allergies or "",
            }
            uow.audit.record(action, "allergy_acknowledged", member.member_no, detail)
            uow.commit()

    def record_complaint(
        self,
        staff: StaffMember,
        member_id: int,
        category: ComplaintCategory,
        description: str,
        request_key: str | None = None,
    ) -> int:
        """A complaint for a manager to follow up within ``FOLLOW_UP_DAYS``; its id. With a
        ``request_key`` it is opened once however often the till retries it."""
        self._auth.require(staff, Permission.CHECKOUT)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        today = action.now.date()
        entry = NewComplaint(category, description)
        checked = _valid(lambda: checked_complaint(entry, today))
        checked = replace(checked, promised_on=today + timedelta(days=FOLLOW_UP_DAYS))
        facts = {"member": member_id, "category": checked.category.value,
                 "description": checked.description}  # fmt: skip
        asked = fingerprint(RequestKind.COMPLAINT, facts)
        return once_more_if_taken(
            lambda: self._open_complaint(action, staff, member_id, checked, (request_key, asked))
        )

    def _open_complaint(
        self,
        action: ActionContext,
        staff: StaffMember,
        member_id: int,
        checked: NewComplaint,
        keyed: tuple[str | None, str],
    ) -> int:
        request_key, asked = keyed
        with self._units() as uow:
            prior = committed_outcome(uow, request_key, RequestKind.COMPLAINT, asked)
            if prior is not None:
                return int(prior["complaint"])
            member = _member(uow, member_id)
            complaint_id = uow.complaints.open(
                member.member_id, checked, action.now, staff.staff_id
            )
            detail = {"complaint": complaint_id, "category": checked.category.value,
                      "at": "counter"}  # fmt: skip
            uow.audit.record(action, "complaint_recorded", member.member_no, detail)
            claim(uow, request_key, RequestKind.COMPLAINT, asked, self._till_id, action.now,
                  {"reference": member.member_no, "complaint": complaint_id})  # fmt: skip
            uow.commit()
            return complaint_id


def _valid(check: Callable[[], T]) -> T:
    try:
        return check()
    except InvalidStoryEntry as refused:
        raise GuestNoteRefused(str(refused)) from refused


def _member(uow: UnitOfWork, member_id: int) -> MemberSummary:
    member = uow.members.find(MemberId(member_id))
    if member is None:
        raise GuestNoteRefused("no such member")
    return member
