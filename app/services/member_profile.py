"""A manager edits a member's profile and consents, each change kept in the edit history.

Managers only (``Permission.WORK_MEMBER_LISTS``): a cashier enters allergies and
preferences when enrolling a guest, but nothing at the till implies changing an existing
member's record, so edits stay with the floor manager.

One save is one transaction: the member's row, a ``member_changes`` row per changed field
(who, when, before, after), the name's search keys (so the till finds the new name, and
no longer the old one, as soon as it commits), and the audit events
(``member_profile_edited``, and ``member_consents_changed`` when a consent changed). The
audit detail names the fields, never their values: the audit log is read more widely than
the member's record.
"""

from __future__ import annotations

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.member_profile import (
    CONSENT_FIELDS,
    FieldChange,
    ProfileProblem,
    ProfileValues,
    StoredProfile,
    changes,
    cleaned,
    not_editable,
    profile_problems,
)
from app.domain.members import MemberCandidate, MemberId
from app.domain.staff import Permission, StaffMember
from app.domain.storage import WriteConflict
from app.errors import TillError
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

EDITED = "member_profile_edited"
CONSENTS_CHANGED = "member_consents_changed"


class ProfileRefused(TillError):
    """``problems`` says what to fix; ``holder`` is the member who has the phone already."""

    def __init__(
        self, problems: list[ProfileProblem], holder: MemberCandidate | None = None
    ) -> None:
        super().__init__(", ".join(p.value for p in problems))
        self.problems = problems
        self.holder = holder


class MemberProfileService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth

    def values(self, member_id: int, staff: StaffMember) -> ProfileValues:
        """The profile as the edit dialog starts from it."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._units() as uow:
            return _editable(uow, member_id).values

    def edit(self, member_id: int, values: ProfileValues, staff: StaffMember) -> list[FieldChange]:
        """Save ``values``; returns what changed (nothing changed: nothing written).

        ``ProfileRefused`` when a value breaks an enrolment rule, the phone belongs to
        another member (``holder``), or the member is erased or merged away.
        """
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        problems = profile_problems(values, action.now.date())
        if problems:
            raise ProfileRefused(problems)
        after = cleaned(values)
        try:
            with self._units() as uow:
                member = _editable(uow, member_id, lock=True)
                holder = uow.members.by_phone(after.phone)
                if holder is not None and holder.member_id != member.member_id:
                    raise ProfileRefused([ProfileProblem.PHONE_TAKEN], holder)
                changed = changes(member.values, after)
                if not changed:
                    return []
                subject = MemberId(member.member_id)
                uow.members.edit_profile(subject, after, changed, action.now, staff.staff_id)
                consents = [c for c in changed if c.field in CONSENT_FIELDS]
                if consents and not after.consents.automated:
                    uow.members.clear_profiling(subject)  # no segment or value from now on
                fields = [c.field.value for c in changed if c.field not in CONSENT_FIELDS]
                if fields:
                    uow.audit.record(action, EDITED, member.member_no, {"fields": fields})
                if consents:
                    given = {c.field.value: c.new == "true" for c in consents}
                    uow.audit.record(action, CONSENTS_CHANGED, member.member_no, given)
                uow.commit()
        except WriteConflict as error:  # another till took the phone a moment ago
            raise ProfileRefused([ProfileProblem.PHONE_TAKEN]) from error
        return changed


def _editable(uow: UnitOfWork, member_id: int, *, lock: bool = False) -> StoredProfile:
    """The member's profile, locked first for an edit; ``ProfileRefused`` when there is
    none to edit."""
    if lock:
        try:
            uow.members.lock(MemberId(member_id))
        except LookupError:
            raise ProfileRefused([ProfileProblem.MEMBER_NOT_FOUND]) from None
    profile = uow.members.profile(MemberId(member_id))
    problem = not_editable(profile)
    if problem is not None:
        raise ProfileRefused([problem])
    assert profile is not None
    return profile
