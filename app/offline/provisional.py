"""A member enrolled offline whose phone the server already knows: the offline record is
kept on the server under a stand-in phone and merged into the known member at once,
through ``MemberMergeService``, so the merge trail names both records."""

from __future__ import annotations

from dataclasses import dataclass

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.enrolment import EnrolmentForm, NewMember, clean_name
from app.domain.members import MemberId, MemberSummary
from app.domain.membership_term import expiry_after_term
from app.domain.phone import normalise_phone
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.rfm import Segment
from app.domain.staff import Permission, StaffMember
from app.once.keys import claim, committed_outcome
from app.services.member_merge import MemberMergeService, MergeRefused
from app.unit_of_work import UnitOfWorkFactory

STAND_IN = "P:"
"""A stand-in phone starts so (then the key's start): phones are unique, and the known
member holds the real one."""
MERGE_REASON = "enrolled offline with the phone of an existing member"


@dataclass(frozen=True)
class _ResyncAuthority:
    """Lets the resync merge a provisional record it made itself, as the cashier who
    enrolled the guest (a merge record and audit event name them); nothing else."""

    staff: StaffMember
    others: Authoriser

    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        if approval is None and permission is Permission.MERGE_MEMBERS:
            return self.staff
        return self.others.authorise(approval, permission)

    def require(self, staff: StaffMember, permission: Permission) -> None:
        self.others.require(staff, permission)


def merge_into_known(
    server: UnitOfWorkFactory,
    clock: Clock,
    till_id: str,
    auth: Authoriser,
    staff: StaffMember,
    form: EnrolmentForm,
    request_key: str,
) -> MemberSummary:
    """The known member after the offline record (made once under ``request_key``) was
    merged into them; run again, it finds both done and changes nothing."""
    phone = normalise_phone(form.phone)
    assert phone is not None, "enrolled offline with a valid phone"
    absorbed = _stand_in(server, clock, till_id, staff, form, request_key)
    with server() as uow:
        known = uow.members.by_phone(phone)
    assert known is not None, "the phone was taken"
    merges = MemberMergeService(server, clock, till_id, _ResyncAuthority(staff, auth))
    try:
        return merges.merge(staff, known.member_id, absorbed, MERGE_REASON).survivor
    except MergeRefused:  # merged by an earlier run
        with server() as uow:
            return uow.members.summary(known.member_id)


def _stand_in(
    server: UnitOfWorkFactory,
    clock: Clock,
    till_id: str,
    staff: StaffMember,
    form: EnrolmentForm,
    request_key: str,
) -> MemberId:
    asked = fingerprint(RequestKind.ENROLMENT, {"phone": form.phone, "name": form.name})
    action = ActionContext.begin(clock, till_id, staff.staff_id)
    today = action.now.date()
    with server() as uow:
        prior = committed_outcome(uow, request_key, RequestKind.ENROLMENT, asked)
        if prior is not None:
            return MemberId(int(prior["member_id"]))
        member_id = uow.members.add(
            NewMember(
                name=clean_name(form.name),
                phone=(STAND_IN + request_key)[:20],
                birthday=form.birthday,
                gender=form.gender,
                tier_id=uow.tiers.ranked()[0].tier_id,
                joined_on=today,
                expires_on=expiry_after_term(today),
                preferences=form.preferences.strip(),
                allergies=form.allergies.strip(),
                marketing_consent=form.marketing_consent,
                segment=Segment.NEW.value,
                enrolled_by=staff.staff_id,
                created_at=action.now,
                till_id=till_id,
            )
        )
        member = uow.members.summary(member_id)
        uow.audit.record(action, "member_enrolled", member.member_no, {"offline": True})
        claim(uow, request_key, RequestKind.ENROLMENT, asked, till_id, action.now,
              {"reference": member.member_no, "member_id": int(member_id)})  # fmt: skip
        uow.commit()
    return member_id
