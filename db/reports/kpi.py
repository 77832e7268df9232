"""The KPI report's counts, aggregated in the database by day (``app.domain.kpi`` adds
them up into days, weeks or months).

Built to stay quick at a million members: membership counts before the range are one
count over an indexed date column, the range itself is grouped by day, and only the
members left out (merged, erased, expiry before joining: a handful) are read by a scan.
Nothing returns a row per member. ``till=None`` means every till; a till narrows only
what is sold (orders, renewals sold), not the membership, complaints or feedback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, Select, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    ComplaintRow,
    FeedbackRow,
    MemberRow,
    MembershipRenewalRow,
    OrderRow,
    StaffRow,
    TierRow,
)
from db.reports.store_filter import in_stores


@dataclass(frozen=True)
class KpiScope:
    """The days ``first..last`` (both included) and the till, ``None`` for all."""

    first: date
    last: date
    till: str | None
    stores: tuple[int, ...] | None = None
    """The stores asked about; ``None``: the whole chain. Like a till, a store narrows
    what is sold and the staff time worked there; sign-ups count by who enrolled them
    (members are the chain's)."""

    @property
    def floor(self) -> date:
        """The day before the range: the first period's start counts are taken then."""
        return self.first - timedelta(days=1)


@dataclass(frozen=True)
class MembershipCounts:
    """Members counted (not merged or erased, expiry not before joining) by join day and
    by expiry day. Earlier days are folded onto ``floor`` (joins) and ``floor - 1``
    (expiries); later ones are left out."""

    joined: dict[date, int]
    expires: dict[date, int]


@dataclass(frozen=True)
class TierName:
    tier_id: int
    name_zh: str
    name_en: str


def _gone() -> ColumnElement[bool]:
    m = MemberRow
    return or_(
        m.erased_at.is_not(None),
        m.merged_into_id.is_not(None),
        and_(m.expires_on.is_not(None), m.expires_on < m.joined_on),
    )


def membership_counts(session: Session, scope: KpiScope) -> MembershipCounts:
    """Every member through the join and expiry indexes, less the few left out; for a
    store scope, the members who joined there (``members.joined_store_id``)."""
    m, floor, last, at = MemberRow, scope.floor, scope.last, _joined_at(scope)
    joined = _by_day(
        session,
        select(m.joined_on, func.count())
        .where(m.joined_on > floor, m.joined_on <= last, *at)
        .group_by(m.joined_on),
    )
    joined[floor] = int(session.scalar(select(func.count()).where(m.joined_on <= floor, *at)) or 0)
    early = floor - timedelta(days=1)
    expires = _by_day(
        session,
        select(m.expires_on, func.count())
        .where(m.expires_on >= floor, m.expires_on <= last, *at)
        .group_by(m.expires_on),
    )
    expires[early] = int(session.scalar(select(func.count()).where(m.expires_on < floor, *at)) or 0)
    # The members left out, with the same folding, taken back off both counts.
    folded = (
        select(
            case((m.joined_on <= floor, literal(floor, Date)), else_=m.joined_on).label("j"),
            case((m.expires_on < floor, literal(early, Date)), else_=m.expires_on).label("e"),
        )
        .where(_gone(), *at)
        .subquery()
    )
    gone = select(folded.c.j, folded.c.e, func.count()).group_by(folded.c.j, folded.c.e)
    for j, e, n in session.execute(gone):
        if j <= last:
            joined[j] -= n
        if e is not None and e <= last:
            expires[e] -= n
    return MembershipCounts(joined, expires)


def renewals(session: Session, scope: KpiScope) -> list[tuple[date | None, date, bool, int]]:
    """(old expiry, day sold, sold at the till asked about, count) of the renewals sold
    or due after ``floor`` and not refunded, of the members counted."""
    r, o, m = MembershipRenewalRow, OrderRow, MemberRow
    in_scope = literal(True) if scope.till is None else o.till_id == scope.till
    if scope.stores is not None:
        in_scope = and_(in_scope, in_stores(o.store_id, scope.stores))
    rows = (
        select(r.old_expiry.label("x"), o.business_day.label("d"), in_scope.label("here"))
        .join(o, o.id == r.order_id)
        .join(m, m.id == r.member_id)
        .where(
            r.refund_id.is_(None),
            m.erased_at.is_(None),
            m.merged_into_id.is_(None),
            or_(o.business_day > scope.floor, r.old_expiry > scope.floor),
        )
        .subquery()
    )
    query = select(rows.c.x, rows.c.d, rows.c.here, func.count()).group_by(
        rows.c.x, rows.c.d, rows.c.here
    )
    return [(x, d, bool(here), int(n)) for x, d, here, n in session.execute(query)]


def order_days(
    session: Session, scope: KpiScope
) -> list[tuple[date, bool, int | None, int, int, int]]:
    """(day, a member's order, tier sold at, orders, food spend, tier discount) per day;
    wholly refunded orders are not visits and are left out."""
    o = OrderRow
    tier_discount = o.discount_fen - o.offer_discount_fen - o.manual_discount_fen
    member = o.member_id.is_not(None)
    query = (
        select(
            o.business_day,
            member,
            o.tier_id,
            func.count(),
            func.sum(o.total_fen),
            func.sum(tier_discount),
        )
        .where(*_orders(scope), o.status != "refunded")
        .group_by(o.business_day, member, o.tier_id)
    )
    return [
        (day, bool(is_member), tier, int(n), int(spend or 0), int(off or 0))
        for day, is_member, tier, n, spend, off in session.execute(query)
    ]


def worked_days(session: Session, scope: KpiScope) -> list[tuple[date, int]]:
    """(day, staff id) for every staff member who rang up an order that day (any till:
    sign-ups are the restaurant's, so is the staff time they are measured against)."""
    o = OrderRow
    query = (
        select(o.business_day, o.staff_id)
        .where(o.business_day >= scope.first, o.business_day <= scope.last, *_at_stores(scope))
        .group_by(o.business_day, o.staff_id)
    )
    return [(day, int(staff)) for day, staff in session.execute(query)]


def signups(session: Session, scope: KpiScope) -> list[tuple[date, int | None, int]]:
    """(day, enrolled by, members) for the members who joined in the range; a merged
    duplicate is not a sign-up."""
    m = MemberRow
    query = (
        select(m.joined_on, m.enrolled_by_id, func.count())
        .where(m.joined_on >= scope.first, m.joined_on <= scope.last, m.merged_into_id.is_(None))
        .group_by(m.joined_on, m.enrolled_by_id)
    )
    if scope.stores is not None:  # the store whose till enrolled them (migration 0018);
        # members no till enrolled (imported, the demo's) are the first store's.
        query = query.where(in_stores(m.joined_store_id, scope.stores))
    return [(day, staff, int(n)) for day, staff, n in session.execute(query)]


def complaints(
    session: Session, scope: KpiScope
) -> list[tuple[date, date | None, date | None, int]]:
    """(opened, resolved, promised, count) of the complaints opened by the last day and
    still open at some point of the range."""
    c = ComplaintRow
    rows = (
        select(
            _day(session, c.opened_at).label("opened"),
            _day(session, c.resolved_at).label("resolved"),
            c.promised_on.label("promised"),
        )
        .where(
            c.opened_at < _after(scope.last),
            or_(c.resolved_at.is_(None), c.resolved_at >= _after(scope.floor)),
        )
        .subquery()
    )
    query = select(rows.c.opened, rows.c.resolved, rows.c.promised, func.count()).group_by(
        rows.c.opened, rows.c.resolved, rows.c.promised
    )
    return [(o, r, p, int(n)) for o, r, p, n in session.execute(query)]


def scores(session: Session, scope: KpiScope) -> list[tuple[date, int, int]]:
    """(day, sum of scores, number of scores) of the feedback given in the range."""
    f = FeedbackRow
    rows = (
        select(_day(session, f.at).label("day"), f.score.label("score"))
        .where(f.at >= _after(scope.floor), f.at < _after(scope.last))
        .subquery()
    )
    query = select(rows.c.day, func.sum(rows.c.score), func.count()).group_by(rows.c.day)
    return [(day, int(total or 0), int(n)) for day, total, n in session.execute(query)]


def tiers(session: Session) -> list[TierName]:
    query = select(TierRow.id, TierRow.name_zh, TierRow.name_en).order_by(TierRow.rank)
    return [TierName(*row) for row in session.execute(query)]


def staff_names(session: Session) -> dict[int, str]:
    return {
        staff: name for staff, name in session.execute(select(StaffRow.id, StaffRow.display_name))
    }


# helpers -------------------------------------------------------------------------


def _orders(scope: KpiScope) -> list[ColumnElement[bool]]:
    where = [OrderRow.business_day >= scope.first, OrderRow.business_day <= scope.last]
    if scope.till is not None:  # the till first: its unique index leads with till_id
        where.insert(0, OrderRow.till_id == scope.till)
    return where + _at_stores(scope)


def _joined_at(scope: KpiScope) -> list[ColumnElement[bool]]:
    return [] if scope.stores is None else [in_stores(MemberRow.joined_store_id, scope.stores)]


def _at_stores(scope: KpiScope) -> list[ColumnElement[bool]]:
    return [] if scope.stores is None else [in_stores(OrderRow.store_id, scope.stores)]


def _after(day: date) -> datetime:
    """Midnight at the end of ``day``."""
    return datetime.combine(day + timedelta(days=1), time())


def _day(session: Session, stamp: ColumnElement[Any] | QueryableAttribute[Any]) -> Any:
    """The calendar day of a time stamp (SQLite keeps them as text)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.date(stamp, type_=Date)
    return cast(stamp, Date)


def _by_day(session: Session, query: Select[Any, int]) -> dict[date, int]:
    return {day: int(n) for day, n in session.execute(query)}
