"""Offline overdrafts in SQL: written by a replayed sale, listed for the manager, settled."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.offline import OfflineOverdraft
from db.models import MemberRow, OfflineOverdraftRow, RequestKeyRow


class SqlOfflineOverdrafts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, overdraft: OfflineOverdraft) -> None:
        self._session.add(
            OfflineOverdraftRow(
                member_id=overdraft.member_id,
                request_key=overdraft.request_key,
                stored_value_fen=overdraft.stored_value,
                points=overdraft.points,
                till_id=overdraft.till_id,
                at=overdraft.at,
            )
        )
        self._session.flush()

    def listed(self, *, open_only: bool) -> list[OfflineOverdraft]:
        """Oldest first, with the member's number and the replayed order's number."""
        query = (
            select(OfflineOverdraftRow, MemberRow.member_no, RequestKeyRow.outcome)
            .join(MemberRow, MemberRow.id == OfflineOverdraftRow.member_id)
            .outerjoin(RequestKeyRow, RequestKeyRow.key == OfflineOverdraftRow.request_key)
            .order_by(OfflineOverdraftRow.id)
        )
        if open_only:
            query = query.where(OfflineOverdraftRow.settled_at.is_(None))
        return [
            OfflineOverdraft(
                member_id=row.member_id,
                request_key=row.request_key,
                stored_value=row.stored_value_fen,
                points=row.points,
                till_id=row.till_id,
                at=row.at,
                overdraft_id=row.id,
                member_no=member_no,
                order_no=str(json.loads(outcome).get("reference", "")) if outcome else "",
                settled_at=row.settled_at,
            )
            for row, member_no, outcome in self._session.execute(query)
        ]

    def owed_by(self, member_id: int) -> list[OfflineOverdraft]:
        return [o for o in self.listed(open_only=True) if o.member_id == member_id]

    def settle(self, overdraft_id: int, at: datetime) -> bool:
        """``False`` when it was settled already (by another till a moment ago)."""
        result = self._session.execute(
            update(OfflineOverdraftRow)
            .where(OfflineOverdraftRow.id == overdraft_id, OfflineOverdraftRow.settled_at.is_(None))
            .values(settled_at=at)
        )
        return bool(getattr(result, "rowcount", 0))
