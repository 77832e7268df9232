"""Members' visits and spend over a window, aggregated in SQL, and their segments written
back in bulk; portable between SQLite and PostgreSQL.

Only members automated decisions may be made about are scored (``may_segment``): not
erased, and either agreed to automated decisions or never recorded a choice. Members
enrolled before consents were asked have no recorded choice (``consent_updated_at``
NULL) and are scored as before, which is an objection (opt-out) reading of the consent,
as PIPL art. 24 and GDPR art. 21 frame profiling for marketing; once a choice is
recorded (the profile dialog, an erasure), a refusal is honoured.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from app.domain.rfm import Activity, SegmentedMember
from db.models import MemberRow, OrderRow

SPENDING_STATUSES = ("paid", "part_refunded")
"""Orders that count as a visit: a fully refunded order does not."""
STREAM_ROWS = 10_000


class Visits(NamedTuple):
    member_id: int
    joined_on: date
    last_visit: date
    visits: int
    spend: int
    """Qualifying spend less what refunds took back, minor units."""


def may_segment() -> ColumnElement[bool]:
    """Members who may be scored: not erased; agreed, or no choice recorded yet."""
    return and_(
        MemberRow.erased_at.is_(None),
        or_(MemberRow.consent_automated.is_(True), MemberRow.consent_updated_at.is_(None)),
    )


def visits(session: Session, first: date, last: date) -> Iterator[Visits]:
    """Each member with a paid order from ``first`` to ``last`` (business days, inclusive),
    streamed in batches (as plain Core: the ORM buffered every row first).

    The window's orders are grouped by member first and only then joined to the members:
    what reaches Python is a row per member who came, never the orders. Members merged
    into another are left out (their orders moved to the survivor), and so are members
    who may not be scored (``may_segment``).
    """
    per_member = (
        select(
            OrderRow.member_id,
            func.max(OrderRow.business_day).label("last_visit"),
            func.count(OrderRow.id).label("visits"),
            func.sum(OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen).label("spend"),
        )
        .where(
            OrderRow.status.in_(SPENDING_STATUSES),
            OrderRow.business_day >= first,
            OrderRow.business_day <= last,
        )
        .group_by(OrderRow.member_id)
        .subquery()
    )
    query = (
        select(
            MemberRow.id,
            MemberRow.joined_on,
            per_member.c.last_visit,
            per_member.c.visits,
            per_member.c.spend,
        )
        .join(per_member, per_member.c.member_id == MemberRow.id)
        .where(MemberRow.merged_into_id.is_(None), may_segment())
    )
    streamed = query.execution_options(yield_per=STREAM_ROWS)
    with session.connection().execute(streamed) as rows:  # closed if left unfinished
        for member_id, joined_on, last_visit, count, spend in rows:
            yield Visits(member_id, joined_on, last_visit, int(count), int(spend or 0))


def members(session: Session) -> Iterator[SegmentedMember]:
    """Every member not merged into another, with their segment now, streamed in batches.

    Runs on the session's connection as plain Core: the ORM's row handling would take
    about three times as long for a million members.
    """
    query = (
        select(MemberRow.id, MemberRow.joined_on, MemberRow.segment, may_segment().label("ok"))
        .where(MemberRow.merged_into_id.is_(None))
        .execution_options(yield_per=STREAM_ROWS)
    )
    with session.connection().execute(query) as rows:
        for member_id, joined_on, segment, ok in rows:
            yield SegmentedMember(member_id, joined_on, segment, bool(ok))


def set_segment(session: Session, segment: str, member_ids: Sequence[int]) -> int:
    """Set ``segment`` on ``member_ids`` (keep each call to a few thousand ids); returns
    how many rows changed (those that had another segment)."""
    result = session.execute(
        update(MemberRow)
        .where(MemberRow.id.in_(member_ids), MemberRow.segment != segment)
        .values(segment=segment)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


class SqlMemberSegments:
    """The unit of work's segments (``app.unit_of_work.MemberSegments``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def activity(self, first: date, last: date) -> dict[int, Activity]:
        """Kept whole for a day's scoring (about 150,000 members who came, at a million):
        each distinct day is one ``date`` object shared by every member who has it (the
        driver makes a new one per row), a third less memory for the dict."""
        day: dict[date, date] = {}
        return {
            row.member_id: Activity(
                day.setdefault(row.joined_on, row.joined_on),
                day.setdefault(row.last_visit, row.last_visit),
                row.visits,
                row.spend,
            )
            for row in visits(self._session, first, last)
        }

    def members(self) -> Iterator[SegmentedMember]:
        return members(self._session)

    def set_segment(self, segment: str, member_ids: Sequence[int]) -> int:
        return set_segment(self._session, segment, member_ids)
