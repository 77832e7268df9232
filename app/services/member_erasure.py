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

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.member_profile import (
    PERSONAL_FIELDS,
    REDACTED,
    ProfileProblem,
    confirms,
    erased_name,
)
from app.domain.staff import Permission, StaffMember
from app.services.auth import AuthService
from app.services.member_profile import ProfileRefused
from db import member_profile as store
from db.audit_log import SqlAuditLog
from db.ledgers import SqlLedgers
from db.models import MemberRow

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
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth

    def erase(
        self, member_id: int, typed_member_no: str, approval: Approval | None, staff: StaffMember
    ) -> Erasure:
        """Pseudonymise the member in one transaction, after the checks that need no
        approval (so a typo does not spend a manager's PIN). Wrong PINs count towards
        the approver's lockout, as every approval's do."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._sessions() as session:
            self._check(session, member_id, typed_member_no)
        approver = self._auth.authorise(approval, ERASE_PERMISSION)
        now = self._clock.now()
        with self._sessions.begin() as session:
            member = self._check(session, member_id, typed_member_no, lock=True)
            member.ledger_version += 1  # queue behind (and ahead of) tills moving its balance
            session.flush()
            balance = SqlLedgers(session).stored_value(member.id).total
            if balance:
                raise ErasureRefused(ProfileProblem.STORED_VALUE_LEFT, balance)
            records = [member.id, *store.absorbed_ids(session, member.id)]
            before = store.totals(session, records)
            for record_id in records:
                row = session.get(MemberRow, record_id)
                assert row is not None, "members are never deleted"
                _pseudonymise(row, now)
            store.delete_search_keys(session, records)
            blocked = store.block_cards(session, records)
            fields = sorted(field.value for field in PERSONAL_FIELDS)
            history = store.redact_changes(session, records, fields, REDACTED)
            notes = store.redact_notes(session, records, REDACTED)
            detail = {
                "approver": int(approver.staff_id),
                "approver_name": approver.display_name,
                "records": len(records),
                "cards_blocked": blocked,
                "history_redacted": history,
                "notes_redacted": notes,
                "kept": before,
            }
            SqlAuditLog(session).record(
                ActionContext(staff.staff_id, self._till_id, now), ERASED, member.member_no, detail
            )
            session.flush()
            after = store.totals(session, records)
            if after != before:
                raise AssertionError(f"erasure would change the accounts: {before} -> {after}")
            return Erasure(member.member_no, now, approver, blocked, len(records))

    def _check(
        self, session: Session, member_id: int, typed: str, *, lock: bool = False
    ) -> MemberRow:
        member = (
            store.lock_member(session, member_id) if lock else session.get(MemberRow, member_id)
        )
        if member is None:
            raise ErasureRefused(ProfileProblem.MEMBER_NOT_FOUND)
        if member.erased_at is not None:
            raise ErasureRefused(ProfileProblem.ERASED)
        if member.merged_into_id is not None:
            raise ErasureRefused(ProfileProblem.MERGED)
        if not confirms(typed, member.member_no):
            raise ErasureRefused(ProfileProblem.CONFIRMATION_MISMATCH)
        balance = SqlLedgers(session).stored_value(member.id).total
        if balance:
            raise ErasureRefused(ProfileProblem.STORED_VALUE_LEFT, balance)
        return member


def _pseudonymise(member: MemberRow, now: datetime) -> None:
    member.name = erased_name(member.member_no)
    member.phone = erased_phone(member.id)
    member.phone_last4 = ""
    member.birthday, member.gender = None, ""
    member.preferences = member.allergies = member.notes = ""
    member.marketing_consent = member.consent_third_party = False
    member.consent_automated = member.consent_sensitive = False
    member.consent_updated_at = now
    member.segment = ""
    member.erased_at = member.erased_at or now


def erased_phone(member_id: int) -> str:
    """A unique stand-in for the phone column (unique, not null) that no search for
    digits can match."""
    return f"erased-{member_id}"
