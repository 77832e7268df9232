"""Merging two member records in SQL: every row of history moves to the survivor.

Every foreign key to ``members.id`` is found from the schema, so a history table added
later moves too; ledger entries keep their amounts, reasons and dates (points keep their
age). The absorbed record stays, pointing at the survivor, so an old card or phone still
finds the guest; the ``member_merges`` row lists every row that moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Column, Table, delete, select, update
from sqlalchemy.orm import Session

from app.domain.merging import MergeParty
from db.audit_log import encode_detail
from db.models import Base, MemberMergeRow, MemberRow, MemberSearchKeyRow, TierRow

# Foreign keys to members that describe the member records themselves, not history.
_NOT_MOVED = {
    "members.merged_into_id",
    "member_merges.survivor_id",
    "member_merges.absorbed_id",
    "member_search_keys.member_id",
}


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


class SqlMemberMerges:
    def __init__(self, session: Session) -> None:
        self._session = session

    def lock_pair(self, survivor_id: int, absorbed_id: int) -> tuple[MergeParty, MergeParty]:
        """Both records, locked in id order so two tills merging crosswise cannot
        deadlock; ``LookupError`` if either is missing."""
        rows = {
            row.id: row
            for row in self._session.scalars(
                select(MemberRow)
                .where(MemberRow.id.in_((survivor_id, absorbed_id)))
                .order_by(MemberRow.id)
                .with_for_update()
            )
        }
        if survivor_id not in rows or absorbed_id not in rows:
            raise LookupError("no such member")
        tiers = self._session.execute(select(TierRow.id, TierRow.rank))
        ranks = {tier_id: rank for tier_id, rank in tiers}
        return _party(rows[survivor_id], ranks), _party(rows[absorbed_id], ranks)

    def merge(
        self,
        absorbed: MergeParty,
        survivor: MergeParty,
        *,
        staff_id: int,
        approver_id: int,
        reason: str,
        at: datetime,
        detail: Mapping[str, object],
    ) -> dict[str, list[int]]:
        """Move the absorbed record's history to ``survivor`` (its combined profile is
        written), mark the absorbed record merged and keep the trail; returns the ids
        moved per ``table.column``."""
        moved: dict[str, list[int]] = {}
        for table, column in member_references():
            (key,) = table.primary_key.columns
            ids = list(
                self._session.scalars(select(key).where(column == absorbed.member_id).order_by(key))
            )
            if ids:
                self._session.execute(
                    update(table)
                    .where(column == absorbed.member_id)
                    .values({column: survivor.member_id})
                )
            moved[f"{table.name}.{column.name}"] = ids
        row = self._session.get(MemberRow, survivor.member_id)
        gone = self._session.get(MemberRow, absorbed.member_id)
        assert row is not None and gone is not None, "both records are locked"
        row.tier_id, row.expires_on, row.birthday = (
            survivor.tier_id,
            survivor.expires_on,
            (survivor.birthday),
        )
        row.allergies, row.preferences, row.notes = (
            survivor.allergies, survivor.preferences, survivor.notes,
        )  # fmt: skip
        row.marketing_consent = survivor.marketing_consent
        gone.merged_into_id = survivor.member_id
        self._session.execute(
            delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id == absorbed.member_id)
        )
        self._session.add(
            MemberMergeRow(
                survivor_id=survivor.member_id,
                absorbed_id=absorbed.member_id,
                staff_id=staff_id,
                approver_id=approver_id,
                reason=reason,
                at=at,
                detail=encode_detail({"moved": moved, **detail}),
            )
        )
        self._session.flush()
        return moved


def _party(row: MemberRow, ranks: Mapping[int, int]) -> MergeParty:
    return MergeParty(
        member_id=row.id,
        member_no=row.member_no,
        merged=row.merged_into_id is not None,
        tier_id=row.tier_id,
        tier_rank=ranks[row.tier_id],
        expires_on=row.expires_on,
        birthday=row.birthday,
        allergies=row.allergies,
        preferences=row.preferences,
        notes=row.notes,
        marketing_consent=row.marketing_consent,
    )
