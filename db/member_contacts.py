"""Members marked as contacted (``member_contacts``): one row each, for a whole list at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, literal, select
from sqlalchemy.orm import Session

from app.domain.member_list import Criteria
from db.member_criteria import conditions
from db.models import ContactRow, MemberRow


class SqlMemberContacts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def mark(
        self, criteria: Criteria, *, at: datetime, staff_id: int, channel: str, note: str
    ) -> int:
        """One contact row per matching member, in one statement; returns how many."""
        chosen = select(
            MemberRow.id,
            literal(at, ContactRow.at.type),
            literal(staff_id),
            literal(channel, ContactRow.channel.type),
            literal(note, ContactRow.note.type),
        ).where(*conditions(criteria))
        columns = ["member_id", "at", "staff_id", "channel", "note"]
        inserted = insert(ContactRow).from_select(columns, chosen).returning(ContactRow.id)
        rows = self._session.connection().execute(inserted).all()
        return len(rows)  # rowcount is -1 here on psycopg
