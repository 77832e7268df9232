"""Members' visits by daypart and kind of day, aggregated in SQL for the behaviour report.

A visit is a paid order that was not wholly refunded (``db.segments.SPENDING_STATUSES``)
on a business day in the window; its spend is its qualifying spend less what refunds
took back, as ``db.segments`` counts it. The orders are grouped by member, daypart and
kind of day in the database; Python sees one row per member and slot, streamed in
member order, never an order. Members merged into another are left out, and so are
members who may not be profiled (``db.segments.may_segment``: erased, or declined
automated decisions): a cluster is profiling, as an RFM segment is.

The daypart comes from the order's time against the starts the caller passes (the
till's own, ``app.domain.member_story``): the last start at or before the time, and
before the first start the last daypart of the evening before. The kind of day is
``weekend`` on Saturday, Sunday and every day in ``public_holidays``, else ``weekday``.
Both are portable expressions: SQLite's ``strftime`` or PostgreSQL's ``to_char`` and
``extract(dow ...)`` (both count Sunday as 0).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    SQLColumnExpression,
    String,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from db.models import MemberRow, OrderRow, PublicHolidayRow
from db.segments import SPENDING_STATUSES, may_segment

STREAM_ROWS = 5_000
WEEKDAY, WEEKEND = "weekday", "weekend"


@dataclass(frozen=True)
class SlotRow:
    """One member's visits in one daypart and kind of day; names empty unless asked."""

    member_id: int
    member_no: str
    name: str
    phone: str
    daypart: str
    day_kind: str
    visits: int
    party_total: int
    spend: int
    sensitive: bool = False
    """The member agreed to sensitive data being used (only when asked for)."""
    birthday: date | None = None
    gender: str = ""
    """Both only with ``sensitive``."""


def slot_rows(
    session: Session,
    first: date,
    last: date,
    daypart_starts: Sequence[tuple[str, str]],
    with_names: bool = False,
    with_people: bool = False,
) -> Iterator[SlotRow]:
    """Rows for every member who came from ``first`` to ``last`` (inclusive), ordered by
    member id. ``daypart_starts``: ``("HH:MM:SS", daypart)`` from the earliest start.
    ``with_people``: the birthday and gender of members with ``consent_sensitive``."""
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    per_order = (
        select(
            # ``+ 0``: SQLite would otherwise group along the member_id index, reading the
            # orders in random order (twice as slow as a scan and a sort at 450k orders).
            (OrderRow.member_id + 0).label("member_id"),
            daypart_expression(OrderRow.created_at, daypart_starts, is_sqlite).label("daypart"),
            _day_kind(OrderRow.business_day, is_sqlite).label("day_kind"),
            OrderRow.party_size.label("party"),
            (OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen).label("spend"),
        )
        .where(
            OrderRow.member_id.is_not(None),
            OrderRow.status.in_(SPENDING_STATUSES),
            OrderRow.business_day >= first,
            OrderRow.business_day <= last,
        )
        .subquery()
    )
    slots = (
        select(
            per_order.c.member_id,
            per_order.c.daypart,
            per_order.c.day_kind,
            func.count().label("visits"),
            cast(func.sum(per_order.c.party), BigInteger).label("party_total"),
            cast(func.sum(per_order.c.spend), BigInteger).label("spend"),
        )
        .group_by(per_order.c.member_id, per_order.c.daypart, per_order.c.day_kind)
        .subquery()
    )
    names: tuple[SQLColumnExpression[str], ...] = (
        (MemberRow.member_no, MemberRow.name, MemberRow.phone)
        if with_names
        else (literal(""), literal(""), literal(""))
    )
    consented = MemberRow.consent_sensitive.is_(True)
    people: tuple[SQLColumnExpression[Any], ...] = (
        (
            consented,
            case((consented, MemberRow.birthday), else_=None),
            case((consented, MemberRow.gender), else_=literal("")),
        )
        if with_people
        else (literal(False), literal(None, Date), literal(""))
    )
    query = (
        select(
            slots.c.member_id,
            *names,
            slots.c.daypart,
            slots.c.day_kind,
            slots.c.visits,
            slots.c.party_total,
            slots.c.spend,
            *people,
        )
        .join(MemberRow, MemberRow.id == slots.c.member_id)
        .where(MemberRow.merged_into_id.is_(None), may_segment())
        .order_by(slots.c.member_id, slots.c.daypart, slots.c.day_kind)
        .execution_options(yield_per=STREAM_ROWS)
    )
    with session.connection().execute(query) as rows:  # closed if left early
        for row in rows:
            member_id, member_no, name, phone, daypart, day_kind, visits, party, spend = row[:9]
            sensitive, born, sex = row[9:]
            yield SlotRow(
                member_id,
                member_no,
                name,
                phone,
                daypart,
                day_kind,
                int(visits),
                int(party or 0),
                int(spend or 0),
                bool(sensitive),
                born,
                sex or "",
            )


def member_counts(session: Session) -> tuple[int, int]:
    """(members, of them profiled): members not erased nor merged into another, and those
    of them who may be profiled."""
    profiled = func.count().filter(may_segment())
    query = select(func.count(), profiled).where(
        MemberRow.erased_at.is_(None), MemberRow.merged_into_id.is_(None)
    )
    everyone, allowed = session.execute(query).one()
    return int(everyone), int(allowed)


def members_without_visits(
    session: Session, first: date, last: date
) -> Iterator[tuple[str, str, str]]:
    """(member no, name, phone) of every profiled member with no visit in the window."""
    came = select(OrderRow.id).where(
        OrderRow.member_id == MemberRow.id,
        OrderRow.status.in_(SPENDING_STATUSES),
        OrderRow.business_day >= first,
        OrderRow.business_day <= last,
    )
    query = (
        select(MemberRow.member_no, MemberRow.name, MemberRow.phone)
        .where(MemberRow.merged_into_id.is_(None), may_segment(), ~came.exists())
        .order_by(MemberRow.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    with session.connection().execute(query) as rows:
        for member_no, name, phone in rows:
            yield str(member_no), str(name), str(phone)


def daypart_expression(
    moment: SQLColumnExpression[datetime], starts: Sequence[tuple[str, str]], is_sqlite: bool
) -> ColumnElement[str]:
    """The daypart of ``moment``: the last of ``starts`` (``("HH:MM:SS", daypart)``,
    earliest first) at or before its time, else the evening's last."""
    # SQLite holds a DateTime as text, "YYYY-MM-DD HH:MM:SS.ffffff": characters 12 to 19
    # are the time (a third faster than strftime, called up to once per daypart).
    clock = (
        func.substr(moment, 12, 8, type_=String)
        if is_sqlite
        else func.to_char(moment, "HH24:MI:SS", type_=String)
    )
    whens = [(clock >= start, literal(part)) for start, part in reversed(starts)]
    return case(*whens, else_=literal(starts[-1][1]))


def _day_kind(day: SQLColumnExpression[date], is_sqlite: bool) -> ColumnElement[str]:
    weekend: ColumnElement[bool]
    if is_sqlite:
        weekend = func.strftime("%w", day, type_=String).in_(("0", "6"))
    else:
        weekend = func.extract("dow", day).in_((0, 6))
    holiday = day.in_(select(PublicHolidayRow.day))
    return case((or_(weekend, holiday), literal(WEEKEND)), else_=literal(WEEKDAY))
