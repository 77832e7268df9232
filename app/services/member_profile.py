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

from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.enrolment import Gender
from app.domain.member_profile import (
    CONSENT_FIELDS,
    Consents,
    FieldChange,
    ProfileField,
    ProfileProblem,
    ProfileValues,
    changes,
    cleaned,
    profile_problems,
)
from app.domain.members import MemberCandidate
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.services.auth import AuthService
from app.services.mapping import member_candidate
from app.services.search_index import write_member_keys
from db import queries
from db.audit_log import SqlAuditLog
from db.member_profile import lock_member
from db.models import MemberChangeRow, MemberRow

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
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth

    def values(self, member_id: int, staff: StaffMember) -> ProfileValues:
        """The profile as the edit dialog starts from it."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._sessions() as session:
            return profile_values(_editable(session, member_id))

    def edit(self, member_id: int, values: ProfileValues, staff: StaffMember) -> list[FieldChange]:
        """Save ``values``; returns what changed (nothing changed: nothing written).

        ``ProfileRefused`` when a value breaks an enrolment rule, the phone belongs to
        another member (``holder``), or the member is erased or merged away.
        """
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        now = self._clock.now()
        problems = profile_problems(values, now.date())
        if problems:
            raise ProfileRefused(problems)
        after = cleaned(values)
        try:
            with self._sessions.begin() as session:
                member = _editable(session, member_id, lock=True)
                holder = queries.member_by_phone(session, after.phone)
                if holder is not None and holder.id != member.id:
                    raise ProfileRefused(
                        [ProfileProblem.PHONE_TAKEN], member_candidate(session, holder)
                    )
                changed = changes(profile_values(member), after)
                if not changed:
                    return []
                _apply(member, after)
                if any(c.field is ProfileField.NAME for c in changed):
                    write_member_keys(session, member.id, member.name)
                consents = [c for c in changed if c.field in CONSENT_FIELDS]
                if consents:
                    member.consent_updated_at = now
                    if not member.consent_automated:
                        member.segment = ""  # no automated segment from now on
                for change in changed:
                    session.add(
                        MemberChangeRow(
                            member_id=member.id,
                            at=now,
                            staff_id=staff.staff_id,
                            field=change.field.value,
                            old_value=change.old,
                            new_value=change.new,
                        )
                    )
                fields = [c.field.value for c in changed if c.field not in CONSENT_FIELDS]
                if fields:
                    self._audit(session, staff, EDITED, member, {"fields": fields})
                if consents:
                    given = {c.field.value: c.new == "true" for c in consents}
                    self._audit(session, staff, CONSENTS_CHANGED, member, given)
                session.flush()
        except IntegrityError as error:  # another till took the phone a moment ago
            raise ProfileRefused([ProfileProblem.PHONE_TAKEN]) from error
        return changed

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


def profile_values(member: MemberRow) -> ProfileValues:
    try:
        gender = Gender(member.gender)
    except ValueError:
        gender = Gender.UNSPECIFIED
    return ProfileValues(
        name=member.name,
        phone=member.phone,
        birthday=member.birthday,
        gender=gender,
        preferences=member.preferences,
        allergies=member.allergies,
        notes=member.notes,
        consents=Consents(
            marketing=member.marketing_consent,
            third_party=member.consent_third_party,
            automated=member.consent_automated,
            sensitive=member.consent_sensitive,
        ),
    )


def _apply(member: MemberRow, values: ProfileValues) -> None:
    member.name, member.phone, member.phone_last4 = values.name, values.phone, values.phone[-4:]
    member.birthday, member.gender = values.birthday, values.gender.value
    member.preferences, member.allergies, member.notes = (
        values.preferences,
        values.allergies,
        values.notes,
    )
    c = values.consents
    member.marketing_consent, member.consent_third_party = c.marketing, c.third_party
    member.consent_automated, member.consent_sensitive = c.automated, c.sensitive


def _editable(session: Session, member_id: int, *, lock: bool = False) -> MemberRow:
    member = lock_member(session, member_id) if lock else queries.member_by_id(session, member_id)
    if member is None:
        raise ProfileRefused([ProfileProblem.MEMBER_NOT_FOUND])
    if member.erased_at is not None:
        raise ProfileRefused([ProfileProblem.ERASED])
    if member.merged_into_id is not None:
        raise ProfileRefused([ProfileProblem.MERGED])
    return member
