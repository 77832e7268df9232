"""Complaints in SQL: opened at the counter or by a manager, followed up, resolved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.member_story import NewComplaint
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
