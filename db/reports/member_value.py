"""Members' spend, visits and dates for the value report, streamed in id order.

Members merged into another and erased members are left out; ``profiled`` says whether
the member may be profiled (``db.segments.may_segment``): a ranking of members by value
is profiling, as a segment is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import MemberRow
from db.segments import may_segment

STREAM_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class ValueRow:
    member_id: int
    member_no: str
    name: str
    phone: str
    tier_id: int
    segment: str
    profiled: bool
    visits: int
    spend: int
    joined_on: date
    last_visit_on: date | None


def value_rows(session: Session) -> Iterator[ValueRow]:
    query = (
        select(
            MemberRow.id,
            MemberRow.member_no,
            MemberRow.name,
            MemberRow.phone,
            MemberRow.tier_id,
            MemberRow.segment,
            may_segment(),
            MemberRow.visits,
            MemberRow.spend_fen,
            MemberRow.joined_on,
            MemberRow.last_visit_on,
        )
        .where(MemberRow.merged_into_id.is_(None), MemberRow.erased_at.is_(None))
        .order_by(MemberRow.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    with session.connection().execute(query) as rows:  # closed even when left unfinished
        for row in rows:
            member_id, no, name, phone, tier, segment, profiled, visits, spend, joined, last = row
            yield ValueRow(
                int(member_id),
                no,
                name,
                phone,
                int(tier),
                segment or "",
                bool(profiled),
                int(visits or 0),
                int(spend or 0),
                joined,
                last,
            )
