"""Reads behind profile edits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import MemberRow


def lock_member(session: Session, member_id: int) -> MemberRow | None:
    """The member's row, locked for the rest of the transaction (PostgreSQL)."""
    query = select(MemberRow).where(MemberRow.id == member_id).with_for_update()
    return session.scalar(query)
