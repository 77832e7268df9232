"""Merge two records of the same guest into one, with a manager's authority and a trail.

Everything that belongs to a member (cards, orders, ledger entries, and any history
table added later: every foreign key to ``members.id`` is found from the schema) moves
to the surviving member. Ledger entries keep their amounts, reasons and dates, so
points keep their age; the ``member_merges`` row lists every row that moved, and the
absorbed record stays (pointing at the survivor) so an old card or phone still finds
the guest.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

from sqlalchemy import Column, Table, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval
from app.domain.members import MemberId, MemberSummary
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import TillError
from app.services.auth import AuthService
from db.audit_log import SqlAuditLog
from db.ledgers import SqlLedgers
from db.member_accounts import member_summary
from db.models import Base, MemberMergeRow, MemberRow, MemberSearchKeyRow, TierRow


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


# Foreign keys to members that describe the member records themselves, not history.
_NOT_MOVED = {
    "members.merged_into_id",
    "member_merges.survivor_id",
    "member_merges.absorbed_id",
    "member_search_keys.member_id",
}


class MemberMergeService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth

    def needs_approval(self, staff: StaffMember) -> bool:
        return not role_allows(staff.role, Permission.MERGE_MEMBERS)

    def merge(
        self,
        staff: StaffMember,
        survivor_id: MemberId,
        absorbed_id: MemberId,
        reason: str,
        approval: Approval | None = None,
    ) -> MergeResult:
        """Move everything of ``absorbed_id`` to ``survivor_id`` in one transaction.

        A cashier needs a manager's ``approval``; wrong PINs count towards the
        manager's lockout.
        """
        if self.needs_approval(staff):
            approver = self._auth.authorise(approval, Permission.MERGE_MEMBERS)
        else:
            approver = staff
        if not reason.strip():
            raise MergeRefused(MergeProblem.NO_REASON)
        if survivor_id == absorbed_id:
            raise MergeRefused(MergeProblem.SAME_MEMBER)
        with self._sessions.begin() as session:
            survivor, absorbed = _lock_pair(session, survivor_id, absorbed_id)
            if survivor.merged_into_id is not None or absorbed.merged_into_id is not None:
                raise MergeRefused(MergeProblem.ALREADY_MERGED)
            before = {
                "points": [SqlLedgers(session).points_balance(m.id) for m in (survivor, absorbed)],
                "stored_value": [
                    SqlLedgers(session).stored_value(m.id).total for m in (survivor, absorbed)
                ],
            }
            moved = _move_history(session, absorbed.id, survivor.id)
            changed = _combine_profiles(session, survivor, absorbed)
            absorbed.merged_into_id = survivor.id
            session.execute(
                delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id == absorbed.id)
            )
            detail = {"moved": moved, "before": before, "changed": changed}
            session.add(
                MemberMergeRow(
                    survivor_id=survivor.id,
                    absorbed_id=absorbed.id,
                    staff_id=staff.staff_id,
                    approver_id=approver.staff_id,
                    reason=reason.strip(),
                    at=self._clock.now(),
                    detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
                )
            )
            SqlAuditLog(session).record(
                ActionContext(staff.staff_id, self._till_id, self._clock.now()),
                "members_merged",
                f"{absorbed.member_no}->{survivor.member_no}",
                {"approver": approver.staff_id, "reason": reason.strip()},
            )
            session.flush()
            _check_sums(session, survivor.id, absorbed.id, before)
            result = member_summary(session, survivor)
        return MergeResult(result, {name: len(ids) for name, ids in moved.items()})


def _lock_pair(session: Session, survivor_id: int, absorbed_id: int) -> tuple[MemberRow, MemberRow]:
    """Both rows, locked in id order so two tills merging crosswise cannot deadlock."""
    rows = {
        row.id: row
        for row in session.scalars(
            select(MemberRow)
            .where(MemberRow.id.in_((survivor_id, absorbed_id)))
            .order_by(MemberRow.id)
            .with_for_update()
        )
    }
    return rows[survivor_id], rows[absorbed_id]


def member_references() -> list[tuple[Table, Column[int]]]:
    """Every column that points at a member's history, found from the schema."""
    found: list[tuple[Table, Column[int]]] = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            for key in column.foreign_keys:
                if key.column.table.name == "members" and (
                    f"{table.name}.{column.name}" not in _NOT_MOVED
                ):
                    found.append((table, column))
    return found


def _move_history(session: Session, absorbed_id: int, survivor_id: int) -> dict[str, list[int]]:
    moved: dict[str, list[int]] = {}
    for table, column in member_references():
        (key,) = table.primary_key.columns
        ids = list(session.scalars(select(key).where(column == absorbed_id).order_by(key)))
        if ids:
            session.execute(
                update(table).where(column == absorbed_id).values({column: survivor_id})
            )
        moved[f"{table.name}.{column.name}"] = ids
    return moved


def _combine_profiles(session: Session, survivor: MemberRow, absorbed: MemberRow) -> list[str]:
    """The survivor keeps the better tier and the later expiry and gains the absorbed
    record's allergies, preferences and notes; marketing consent stays only if both
    gave it. Returns the names of the fields that changed."""
    changed: list[str] = []
    ranks = {tier_id: rank for tier_id, rank in session.execute(select(TierRow.id, TierRow.rank))}
    if ranks[absorbed.tier_id] > ranks[survivor.tier_id]:
        survivor.tier_id = absorbed.tier_id
        changed.append("tier")
    if absorbed.expires_on is not None and (
        survivor.expires_on is None or absorbed.expires_on > survivor.expires_on
    ):
        survivor.expires_on = absorbed.expires_on
        changed.append("expires_on")
    if survivor.birthday is None and absorbed.birthday is not None:
        survivor.birthday = absorbed.birthday
        changed.append("birthday")
    for field in ("allergies", "preferences", "notes"):
        mine, theirs = getattr(survivor, field), getattr(absorbed, field)
        if theirs and theirs not in mine:
            setattr(survivor, field, f"{mine}；{theirs}" if mine else theirs)
            changed.append(field)
    if survivor.marketing_consent and not absorbed.marketing_consent:
        survivor.marketing_consent = False
        changed.append("marketing_consent")
    return changed


def _check_sums(
    session: Session, survivor_id: int, absorbed_id: int, before: dict[str, list[int]]
) -> None:
    """The survivor's balances are the sum of both, or the merge is rolled back."""
    ledgers = SqlLedgers(session)
    after = {
        "points": ledgers.points_balance(survivor_id),
        "stored_value": ledgers.stored_value(survivor_id).total,
    }
    leftover = ledgers.points_balance(absorbed_id) + ledgers.stored_value(absorbed_id).total
    if leftover or any(after[name] != sum(before[name]) for name in after):
        raise AssertionError(f"merge would change balances: {before} -> {after}")
