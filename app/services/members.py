"""Identify a member from what the cashier types or the reader sends."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from app.domain.members import MemberSummary
from app.domain.phone import clean_lookup_text, normalise_phone
from app.services.mapping import member_summary
from db import queries


class IdentifyProblem(enum.Enum):
    EMPTY = "empty"
    NOT_FOUND = "not_found"
    CARD_BLOCKED = "card_blocked"


@dataclass(frozen=True)
class Identification:
    """Either ``member`` or ``problem`` is set; ``query`` is what was searched."""

    query: str
    member: MemberSummary | None = None
    problem: IdentifyProblem | None = None


class MemberService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def identify(self, text: str) -> Identification:
        """Find by card number, member number or phone (any common way of writing it)."""
        query = clean_lookup_text(text)
        if not query:
            return Identification(query, problem=IdentifyProblem.EMPTY)
        with self._sessions() as session:
            card = queries.card_by_number(session, query)
            if card is not None:
                if card.status != "active":
                    return Identification(query, problem=IdentifyProblem.CARD_BLOCKED)
                row = queries.member_by_id(session, card.member_id)
            else:
                row = queries.member_by_number(session, query.upper())
            if row is None:
                phone = normalise_phone(query)
                row = queries.member_by_phone(session, phone) if phone else None
            if row is None:
                return Identification(query, problem=IdentifyProblem.NOT_FOUND)
            return Identification(query, member=member_summary(session, row))

    def refresh(self, member: MemberSummary) -> MemberSummary:
        with self._sessions() as session:
            row = queries.member_by_id(session, member.member_id)
            assert row is not None, "members are never deleted"
            return member_summary(session, row)
