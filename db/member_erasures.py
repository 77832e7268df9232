"""Erasing members in SQL: the profile blanked, cards blocked, free text redacted.

Orders, their lines and payments, refunds, the ledgers, coupons, renewals and the audit
log are not touched here; ``kept`` reads what must stay the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.domain.erasure import ErasureSubject, KeptTotals
from db.ledgers import SqlLedgers
from db.member_lock import lock_member
from db.models import (
    CardRow,
    ComplaintRow,
    ContactRow,
    FeedbackRow,
    MemberChangeRow,
    MemberRow,
    MemberSearchKeyRow,
    NoShowRow,
    OrderRow,
)

_FREE_TEXT = (
    (ComplaintRow, ("description", "compensation_note", "outcome")),
    (FeedbackRow, ("comment",)),
    (NoShowRow, ("note",)),
    (ContactRow, ("note",)),
)
"""Staff's free text about a member; dates, scores and amounts beside it stay."""


def absorbed_ids(session: Session, member_id: int) -> list[int]:
    """Every record merged into ``member_id``, directly or through another merge."""
    found: list[int] = []
    frontier = [member_id]
    while frontier:
        query = select(MemberRow.id).where(MemberRow.merged_into_id.in_(frontier))
        frontier = [i for i in session.scalars(query) if i not in found and i != member_id]
        found.extend(frontier)
    return found


class SqlMemberErasures:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, member_id: int) -> ErasureSubject | None:
        row = self._session.get(MemberRow, member_id)
        return _subject(row) if row is not None else None

    def lock(self, member_id: int) -> ErasureSubject | None:
        """The member's lock (``db.member_lock.lock_member``), so tills moving its balance
        queue behind the erasure; the unit's first statement."""
        try:
            return _subject(lock_member(self._session, member_id))
        except LookupError:
            return None

    def absorbed(self, member_id: int) -> list[int]:
        return absorbed_ids(self._session, member_id)

    def kept(self, member_ids: Iterable[int]) -> KeptTotals:
        ids = list(member_ids)
        self._session.flush()
        count, total = self._session.execute(
            select(func.count(OrderRow.id), func.coalesce(func.sum(OrderRow.total_fen), 0)).where(
                OrderRow.member_id.in_(ids)
            )
        ).one()
        points, stored = SqlLedgers(self._session).totals_of(ids)
        return KeptTotals(int(count), int(total), points, stored.principal, stored.bonus)

    def pseudonymise(self, member_id: int, name: str, phone: str, at: datetime) -> None:
        """Blank the personal fields, withdraw every consent, clear the segment; the
        record keeps its number, tier, term, visits and spend."""
        member = self._session.get(MemberRow, member_id)
        assert member is not None, "members are never deleted"
        member.name, member.phone, member.phone_last4 = name, phone, ""
        member.birthday, member.gender = None, ""
        member.preferences = member.allergies = member.notes = ""
        member.marketing_consent = member.consent_third_party = False
        member.consent_automated = member.consent_sensitive = False
        member.consent_updated_at = at
        member.segment, member.value_fen = "", None
        member.erased_at = member.erased_at or at

    def forget_search_keys(self, member_ids: Sequence[int]) -> None:
        self._session.execute(
            delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id.in_(member_ids))
        )

    def block_cards(self, member_ids: Sequence[int]) -> int:
        """Active cards blocked; how many."""
        result = self._session.execute(
            update(CardRow)
            .where(CardRow.member_id.in_(member_ids), CardRow.status == "active")
            .values(status="blocked")
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def redact_history(
        self, member_ids: Sequence[int], fields: Iterable[str], redacted: str
    ) -> int:
        """Replace the before and after values of ``fields`` in the edit history."""
        result = self._session.execute(
            update(MemberChangeRow)
            .where(
                MemberChangeRow.member_id.in_(member_ids),
                MemberChangeRow.field.in_(list(fields)),
            )
            .values(old_value=redacted, new_value=redacted)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def redact_notes(self, member_ids: Sequence[int], redacted: str) -> int:
        """Staff's free text (complaints, feedback, no-shows, contacts) replaced where not
        empty; how many values it replaced."""
        changed = 0
        for model, names in _FREE_TEXT:
            for name in names:
                column = getattr(model, name)
                result = self._session.execute(
                    update(model)
                    .where(model.member_id.in_(member_ids), column != "", column != redacted)
                    .values({name: redacted})
                    .execution_options(synchronize_session=False)
                )
                changed += int(getattr(result, "rowcount", 0) or 0)
        return changed


def _subject(row: MemberRow) -> ErasureSubject:
    return ErasureSubject(
        row.id, row.member_no, row.erased_at is not None, row.merged_into_id is not None
    )
