"""Members' stored value (``members.value_fen``, the member list's value sort): the
members whose value may have changed streamed for the daily valuation, and the values
written back in bulk, each only if the member has not changed since it was read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, bindparam, not_, or_, select, update
from sqlalchemy.orm import Session

from app.domain.member_value import (
    DAYS_A_YEAR,
    LAPSED_AFTER_DAYS,
    ValueChange,
    ValuedMember,
)
from db.models import MemberRow
from db.segments import may_segment

STREAM_ROWS = 10_000


_MEMBERS = (
    select(
        MemberRow.id,
        MemberRow.joined_on,
        MemberRow.last_visit_on,
        MemberRow.spend_fen,
        MemberRow.value_fen,
        may_segment().label("valuable"),
    )
    .where(MemberRow.merged_into_id.is_(None))
    .execution_options(yield_per=STREAM_ROWS)
)


def may_have_changed(today: date, valued_through: date) -> ColumnElement[bool]:
    """The members whose value on ``today`` may differ from the one they hold, every member
    having been valued on ``valued_through`` or since (a visit, a refund, a consent change
    writes its member's at once): a value moves by itself only while a member's membership
    is past its first year (the pace divides by their tenure) and they still come, or when
    they lapse; the others hold ``NULL`` where they should not, or the reverse."""
    valuable = may_segment()
    lapsed_before = today - timedelta(days=LAPSED_AFTER_DAYS)
    came_before = valued_through - timedelta(days=LAPSED_AFTER_DAYS)
    return or_(
        and_(valuable, MemberRow.value_fen.is_(None)),
        and_(not_(valuable), MemberRow.value_fen.is_not(None)),
        and_(
            valuable,
            MemberRow.joined_on < today - timedelta(days=DAYS_A_YEAR),
            MemberRow.last_visit_on >= lapsed_before,
            MemberRow.spend_fen > 0,
        ),
        and_(
            valuable,
            MemberRow.last_visit_on < lapsed_before,
            MemberRow.last_visit_on >= came_before,
        ),
    )


_table = MemberRow.__table__
_SET_VALUE = (
    update(_table)  # type: ignore[arg-type]
    .where(
        _table.c.id == bindparam("member"),
        _table.c.spend_fen == bindparam("spend"),
        _table.c.value_fen.is_not_distinct_from(bindparam("old")),
    )
    .values(value_fen=bindparam("new"))
)


class SqlMemberValues:
    """The unit of work's member values (``app.unit_of_work.MemberValues``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def members(self, today: date, valued_through: date | None) -> Iterator[ValuedMember]:
        """The members not merged into another whose value may differ on ``today`` from
        what they hold (every one when nothing was valued yet), streamed as plain Core (up
        to a million rows); the stream is closed when the caller stops early."""
        query = _MEMBERS
        if valued_through is not None:
            query = query.where(may_have_changed(today, valued_through))
        with self._session.connection().execute(query) as result:
            for member_id, joined_on, last_visit, spend, value, valuable in result:
                yield ValuedMember(member_id, joined_on, last_visit, spend, value, bool(valuable))

    def set_values(self, changes: Sequence[ValueChange]) -> int:
        """Write each new value where the member's spend and value are still those read
        (a visit since then has written a fresher one); how many were written."""
        if not changes:
            return 0
        rows = [
            {"member": c.member_id, "spend": c.spend, "old": c.old, "new": c.new} for c in changes
        ]
        result = self._session.connection().execute(_SET_VALUE, rows)
        return int(getattr(result, "rowcount", 0) or 0)
