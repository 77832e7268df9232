"""Erase a member on their request, by pseudonymisation, keeping the accounts whole.

What goes: the name (it becomes ``已删除会员 #<member no>``), phone, birthday, gender,
preferences, allergies and notes; the name's search keys (the till finds them by
neither name nor phone); the personal values in the edit history and staff's free
text in complaints, feedback, no-shows and contacts; every consent (withdrawn) and
the segment. Cards are blocked, not deleted. Records merged into this member earlier
are the same guest and are pseudonymised with it.

What stays, unchanged: orders, their lines and payments, refunds, the points and
stored-value ledgers, coupons, renewals and the audit log, under the member number
(a pseudonym). The service checks that order totals and ledger sums are the same
after as before, or nothing is written.

Refused while a stored-value balance remains: that is money the restaurant owes the
guest, to be paid out or used first; points are not money and stay as they are.

It needs ``Permission.WORK_MEMBER_LISTS`` and, as a second, deliberate step, a manager's
approval by PIN or badge (``ERASE_PERMISSION``), and the member number typed again.
Irreversible; audited as ``member_erased`` with who asked and who approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.erasure import ErasureSubject
from app.domain.member_profile import (
    PERSONAL_FIELDS,
    REDACTED,
    ProfileProblem,
    confirms,
    erased_name,
)
from app.domain.staff import Permission, StaffMember
from app.services.member_profile import ProfileRefused
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

ERASED = "member_erased"
ERASE_PERMISSION = Permission.WORK_MEMBER_LISTS
"""What the approver must be allowed to do (managers); a dedicated permission would do."""


class ErasureRefused(ProfileRefused):
    """Not erased: ``problems`` says why; ``stored_value`` is the balance still owed."""

    def __init__(self, problem: ProfileProblem, stored_value: int = 0) -> None:
        super().__init__([problem])
        self.stored_value = stored_value


@dataclass(frozen=True)
class Erasure:
    member_no: str
    erased_at: datetime
    approver: StaffMember
    cards_blocked: int
    records: int
    """Member records pseudonymised: this one and any merged into it."""


class MemberErasureService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth

    def erase(
        self, member_id: int, typed_member_no: str, approval: Approval | None, staff: StaffMember
    ) -> Erasure:
        """Pseudonymise the member in one transaction, after the checks that need no
        approval (so a typo does not spend a manager's PIN). Wrong PINs count towards
        the approver's lockout, as every approval's do."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._units() as uow:
            _check(uow, uow.erasures.find(member_id), typed_member_no)
        approver = self._auth.authorise(approval, ERASE_PERMISSION)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            # the lock first: tills moving the balance queue behind (and ahead of) it
            member = _check(uow, uow.erasures.lock(member_id), typed_member_no)
            records = [member.member_id, *uow.erasures.absorbed(member.member_id)]
            before = uow.erasures.kept(records)
            for record in records:
                subject = uow.erasures.find(record)
                assert subject is not None, "members are never deleted"
                uow.erasures.pseudonymise(
                    record, erased_name(subject.member_no), erased_phone(record), action.now
                )
            uow.erasures.forget_search_keys(records)
            blocked = uow.erasures.block_cards(records)
            fields = sorted(field.value for field in PERSONAL_FIELDS)
            history = uow.erasures.redact_history(records, fields, REDACTED)
            notes = uow.erasures.redact_notes(records, REDACTED)
            detail = {
                "approver": int(approver.staff_id),
                "approver_name": approver.display_name,
                "records": len(records),
                "cards_blocked": blocked,
                "history_redacted": history,
                "notes_redacted": notes,
                "kept": before.as_detail(),
            }
            uow.audit.record(action, ERASED, member.member_no, detail)
            after = uow.erasures.kept(records)
            if after != before:
                raise AssertionError(f"erasure would change the accounts: {before} -> {after}")
            uow.commit()
            return Erasure(member.member_no, action.now, approver, blocked, len(records))


def _check(uow: UnitOfWork, member: ErasureSubject | None, typed: str) -> ErasureSubject:
    if member is None:
        raise ErasureRefused(ProfileProblem.MEMBER_NOT_FOUND)
    if member.erased:
        raise ErasureRefused(ProfileProblem.ERASED)
    if member.merged:
        raise ErasureRefused(ProfileProblem.MERGED)
    if not confirms(typed, member.member_no):
        raise ErasureRefused(ProfileProblem.CONFIRMATION_MISMATCH)
    balance = uow.ledgers.stored_value(member.member_id).total
    if balance:
        raise ErasureRefused(ProfileProblem.STORED_VALUE_LEFT, balance)
    return member


def erased_phone(member_id: int) -> str:
    """A unique stand-in for the phone column (unique, not null) that no search for
    digits can match."""
    return f"erased-{member_id}"
