"""Members by tenure (new, expiring, lapsed) as one stream of rows, each group by an index.

Erased and merged members never appear. Each group is its own query over an indexed
date column (``joined_on`` or ``expires_on``), filtered and ordered by that index, so
the stream starts at once even at a million members.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from typing import cast as typing_cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from db.models import MemberRow, OrderRow, TierRow
from db.reports.store_filter import in_stores

STREAM_BATCH = 1000


@dataclass(frozen=True)
class TenureBounds:
    """``new_since <= joined_on``; ``today <= expires_on <= expiring_until``;
    ``lapsed_since <= expires_on < today`` (``lapsed_since=None``: no lower bound)."""

    today: date
    new_since: date
    expiring_until: date
    lapsed_since: date | None
    consented_only: bool = False
    stores: tuple[int, ...] | None = None
    """Members who joined at these stores (``members.joined_store_id``); ``None``: all."""


@dataclass(frozen=True)
class TenureFact:
    group: str
    member_no: str
    name: str
    phone: str
    tier_zh: str
    tier_en: str
    tier_discount_bp: int
    joined_on: date
    expires_on: date | None
    last_visit_on: date | None
    spend_fen: int
    term_spend_fen: int
    marketing_consent: bool


GROUPS = ("new", "expiring", "lapsed")


def tenure_counts(session: Session, bounds: TenureBounds, groups: tuple[str, ...]) -> int:
    total = 0
    for group in groups:
        query = select(func.count()).select_from(MemberRow).where(*_where(group, bounds))
        total += int(session.scalar(query) or 0)
    return total


def tenure_facts(
    session: Session, bounds: TenureBounds, groups: tuple[str, ...], with_term_spend: bool
) -> Iterator[TenureFact]:
    """Rows group by group (in ``GROUPS`` order); ``term_spend_fen`` is 0 unless asked."""
    for group in (g for g in GROUPS if g in groups):
        spend: ColumnElement[int] = literal(0)
        if with_term_spend and group != "new":
            spend = _term_spend(session).scalar_subquery()
        query = (
            select(
                MemberRow.member_no,
                MemberRow.name,
                MemberRow.phone,
                TierRow.name_zh,
                TierRow.name_en,
                TierRow.discount_bp,
                MemberRow.joined_on,
                MemberRow.expires_on,
                MemberRow.last_visit_on,
                MemberRow.spend_fen,
                spend,
                MemberRow.marketing_consent,
            )
            .join(TierRow, TierRow.id == MemberRow.tier_id)
            .where(*_where(group, bounds))
        )
        if group == "new":
            query = query.order_by(MemberRow.joined_on.desc(), MemberRow.id)
        elif group == "expiring":
            query = query.order_by(MemberRow.expires_on, MemberRow.id)
        else:
            query = query.order_by(MemberRow.expires_on.desc(), MemberRow.id)
        with session.execute(query.execution_options(yield_per=STREAM_BATCH)) as result:
            for row in result:
                yield TenureFact(group, *typing_cast(tuple[Any, ...], row))


def _where(group: str, bounds: TenureBounds) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        MemberRow.erased_at.is_(None),
        MemberRow.merged_into_id.is_(None),
    ]
    if bounds.consented_only:
        where.append(MemberRow.marketing_consent.is_(True))
    if bounds.stores is not None:
        where.append(in_stores(MemberRow.joined_store_id, bounds.stores))
    expires = MemberRow.expires_on
    if group == "lapsed":
        where.append(expires < bounds.today)
        if bounds.lapsed_since is not None:
            where.append(expires >= bounds.lapsed_since)
    elif group == "expiring":
        where.append(and_(expires >= bounds.today, expires <= bounds.expiring_until))
    else:
        where.append(MemberRow.joined_on >= bounds.new_since)
        where.append(or_(expires.is_(None), expires > bounds.expiring_until))
    return where


def _term_spend(session: Session) -> Select[int]:
    """Qualifying spend in the member's current term: the year up to ``expires_on``.

    The term starts the day after the same date a year earlier (29 February: on 1
    March), as ``app.domain.membership_term.term_start`` counts it.
    """
    day, expires = OrderRow.business_day, MemberRow.expires_on
    if session.get_bind().dialect.name == "sqlite":
        starts = case(
            (func.strftime("%m-%d", expires) == "02-29", func.date(expires, "-1 year")),
            else_=func.date(expires, "-1 year", "+1 day"),
        )
        in_term = and_(day >= starts, day <= expires)
    else:  # PostgreSQL: 29 February less a year is 28 February, so the term starts after
        in_term = and_(day > expires - literal_column("INTERVAL '1 year'"), day <= expires)
    spend = OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen
    # PostgreSQL sums BIGINT as NUMERIC: cast back, so Python gets an int, not a Decimal.
    return select(cast(func.coalesce(func.sum(spend), 0), BigInteger)).where(
        OrderRow.member_id == MemberRow.id,
        OrderRow.status.in_(("paid", "part_refunded")),
        in_term,
    )
