"""Complaints in SQL: opened at the counter or by a manager, followed up, resolved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.member_story import ComplaintState, NewComplaint
from db.models import ComplaintRow


class SqlComplaints:
    def __init__(self, session: Session) -> None:
        self._session = session

    def open(self, member_id: int, complaint: NewComplaint, at: datetime, opened_by: int) -> int:
        """Open a checked complaint on the member; returns its id."""
        row = ComplaintRow(
            member_id=member_id,
            opened_at=at,
            opened_by=opened_by,
            category=complaint.category.value,
            description=complaint.description,
            owner_id=complaint.owner_id,
            promised_on=complaint.promised_on,
            compensation_fen=complaint.compensation,
            compensation_note=complaint.compensation_note,
            status="open",
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def lock(self, complaint_id: int) -> ComplaintState | None:
        """The complaint, locked: two managers resolving it wait for each other."""
        row = self._session.get(ComplaintRow, complaint_id, with_for_update=True)
        return ComplaintState(row.id, row.member_id, row.status) if row is not None else None

    def resolve(self, complaint_id: int, outcome: str, at: datetime) -> None:
        row = self._session.get(ComplaintRow, complaint_id)
        assert row is not None, "complaints are never deleted"
        row.status, row.outcome, row.resolved_at = "resolved", outcome, at
