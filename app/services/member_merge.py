"""Merge two records of the same guest into one, with a manager's authority and a trail.

Everything that belongs to the absorbed record moves to the survivor
(``db.member_merges``); what the survivor keeps of each profile is the rule in
``app.domain.merging``. The balances after are the sum of both, checked before commit.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.members import MemberId, MemberSummary
from app.domain.merging import combined
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import TillError
from app.once.keys import claim, committed_outcome, once_more_if_taken
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory


class MergeProblem(enum.Enum):
    SAME_MEMBER = "same_member"
    ALREADY_MERGED = "already_merged"
    NO_REASON = "no_reason"


class MergeRefused(TillError):
    def __init__(self, problem: MergeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class MergeResult:
    survivor: MemberSummary
    moved: dict[str, int]
    """Rows moved per ``table.column``."""


class MemberMergeService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth

    def needs_approval(self, staff: StaffMember) -> bool:
        return not role_allows(staff.role, Permission.MERGE_MEMBERS)

    def merge(
        self,
        staff: StaffMember,
        survivor_id: MemberId,
        absorbed_id: MemberId,
        reason: str,
        approval: Approval | None = None,
        request_key: str | None = None,
    ) -> MergeResult:
        """Move everything of ``absorbed_id`` to ``survivor_id`` in one transaction.

        A cashier needs a manager's ``approval``; wrong PINs count towards the
        manager's lockout. With a ``request_key`` a retry after a lost reply gets the
        merge that committed (the survivor as it is now) instead of "already merged".
        """
        if self.needs_approval(staff):
            approver = self._auth.authorise(approval, Permission.MERGE_MEMBERS)
        else:
            self._auth.require(staff, Permission.MERGE_MEMBERS)
            approver = staff
        if not reason.strip():
            raise MergeRefused(MergeProblem.NO_REASON)
        if survivor_id == absorbed_id:
            raise MergeRefused(MergeProblem.SAME_MEMBER)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        facts = {"survivor": survivor_id, "absorbed": absorbed_id, "reason": reason.strip()}
        keyed = (request_key, fingerprint(RequestKind.MERGE, facts))
        return once_more_if_taken(
            lambda: self._merge(action, staff, approver, survivor_id, absorbed_id, reason, keyed)
        )

    def _merge(
        self,
        action: ActionContext,
        staff: StaffMember,
        approver: StaffMember,
        survivor_id: MemberId,
        absorbed_id: MemberId,
        reason: str,
        keyed: tuple[str | None, str],
    ) -> MergeResult:
        request_key, asked = keyed
        with self._units() as uow:
            prior = committed_outcome(uow, request_key, RequestKind.MERGE, asked)
            if prior is not None:
                return MergeResult(uow.members.summary(survivor_id), dict(prior["moved"]))
            survivor, absorbed = uow.merges.lock_pair(survivor_id, absorbed_id)
            if survivor.merged or absorbed.merged:
                raise MergeRefused(MergeProblem.ALREADY_MERGED)
            before = _balances(uow, survivor_id, absorbed_id)
            kept, changed = combined(survivor, absorbed)
            moved = uow.merges.merge(
                absorbed,
                kept,
                staff_id=staff.staff_id,
                approver_id=approver.staff_id,
                reason=reason.strip(),
                at=action.now,
                detail={"before": before, "changed": changed},
            )
            subject = f"{absorbed.member_no}->{survivor.member_no}"
            uow.audit.record(
                action,
                "members_merged",
                subject,
                {"approver": approver.staff_id, "reason": reason.strip()},
            )
            _check_sums(uow, survivor_id, absorbed_id, before)
            result = uow.members.summary(survivor_id)
            counts = {name: len(ids) for name, ids in moved.items()}
            outcome = {"reference": subject, "moved": counts}
            claim(uow, request_key, RequestKind.MERGE, asked, self._till_id, action.now, outcome)
            uow.commit()
        return MergeResult(result, counts)


def _balances(uow: UnitOfWork, *member_ids: int) -> dict[str, list[int]]:
    return {
        "points": [uow.ledgers.points_balance(m) for m in member_ids],
        "stored_value": [uow.ledgers.stored_value(m).total for m in member_ids],
    }


def _check_sums(
    uow: UnitOfWork, survivor_id: int, absorbed_id: int, before: dict[str, list[int]]
) -> None:
    """The survivor's balances are the sum of both, or the merge is rolled back."""
    after = {
        "points": uow.ledgers.points_balance(survivor_id),
        "stored_value": uow.ledgers.stored_value(survivor_id).total,
    }
    leftover = uow.ledgers.points_balance(absorbed_id) + uow.ledgers.stored_value(absorbed_id).total
    if leftover or any(after[name] != sum(before[name]) for name in after):
        raise AssertionError(f"merge would change balances: {before} -> {after}")
