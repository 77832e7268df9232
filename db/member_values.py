"""Members' stored value (``members.value_fen``, the member list's value sort): every
member streamed for the daily valuation, and the values written back in bulk, each only
if the member has not changed since it was read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.domain.member_value import ValueChange, ValuedMember
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

    def members(self) -> Iterator[ValuedMember]:
        """Every member not merged into another, streamed as plain Core (a million rows);
        the stream is closed when the caller stops early."""
        with self._session.connection().execute(_MEMBERS) as result:
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
