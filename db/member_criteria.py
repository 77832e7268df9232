"""Which members a list shows, as SQL terms: the WHERE of a resolved filter
(``app.domain.member_list.Criteria``, with the till's search text as ``TextMatch``), for
``db.member_list``.

Merged-away members never match; erased members only with ``include_erased``. Prefix
searches bind an explicit range (``>= prefix`` and ``< prefix + U+10FFFF``), as the
till's own search does (``db.member_search``), so SQLite can use the index.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, false, or_, select
from sqlalchemy.orm import QueryableAttribute

from app.domain.member_list import Criteria, TextMatch
from db.models import MemberRow, MemberSearchKeyRow

_HIGHEST = "\U0010ffff"  # as db.member_search: a prefix range ends below prefix + this


Column = Callable[[QueryableAttribute[Any]], ColumnElement[Any]]
"""How a filter term reads a column: plainly, or kept off its index (``db.unindexed``)."""


def _indexed(column: QueryableAttribute[Any]) -> ColumnElement[Any]:
    return column.expression


def conditions(c: Criteria, col: Column = _indexed) -> list[ColumnElement[bool]]:
    """The WHERE terms of ``c``; ``col`` may keep a column off its index (``Plan``)."""
    if c.nothing or (c.member_ids is not None and not c.member_ids):
        return [false()]
    m = MemberRow
    where: list[ColumnElement[bool]] = [m.merged_into_id.is_(None)]
    if not c.include_erased:
        where.append(m.erased_at.is_(None))
    if c.tier_ids is not None:
        where.append(col(m.tier_id).in_(c.tier_ids))
    where += _expiry(c, col(m.expires_on))
    if c.segments is not None:
        where.append(col(m.segment).in_(c.segments))
    if c.last_visit_before is not None:
        where.append(col(m.last_visit_on) < c.last_visit_before)
    if c.last_visit_after is not None:
        where.append(col(m.last_visit_on) > c.last_visit_after)
    if c.min_spend is not None:
        where.append(col(m.spend_fen) >= c.min_spend)
    if c.max_spend is not None:
        where.append(col(m.spend_fen) <= c.max_spend)
    if c.birth_month is not None:
        where.append(col(m.birth_month) == c.birth_month)
    if c.store_ids is not None:
        joined_at = col(m.joined_store_id)
        at = joined_at.in_(c.store_ids)
        where.append(or_(at, joined_at.is_(None)) if c.unplaced_too else at)
    if c.marketing_only:
        where.append(m.marketing_consent.is_(True))
    if c.text is not None:
        where.append(_text(c.text, col))
    if c.member_ids is not None:
        where.append(col(m.id).in_(bindparam("ids", c.member_ids, literal_execute=True)))
    return where


def _expiry(c: Criteria, expires_on: ColumnElement[Any]) -> list[ColumnElement[bool]]:
    low, high = c.expires_low, c.expires_high
    if low is not None and high is not None and low > high:
        return [false()]
    if low is None and high is None:
        return [] if c.expires_never else [expires_on.is_not(None)]
    bounds: list[ColumnElement[bool]] = []
    if low is not None:
        bounds.append(expires_on >= low)
    if high is not None:
        bounds.append(expires_on <= high)
    within = and_(*bounds)
    return [or_(within, expires_on.is_(None)) if c.expires_never else within]


def _text(t: TextMatch, col: Column) -> ColumnElement[bool]:
    m = MemberRow
    parts: list[ColumnElement[bool]] = []
    if t.member_ids:
        parts.append(col(m.id).in_(t.member_ids))
    if t.phone_last4 is not None:
        parts.append(col(m.phone_last4) == t.phone_last4)
    if t.phone_prefix is not None:
        prefix, phone = t.phone_prefix, col(m.phone)
        parts.append(and_(phone >= prefix, phone < prefix + _HIGHEST))
    for kind, prefix in t.key_prefixes:
        keys = select(MemberSearchKeyRow.member_id).where(
            MemberSearchKeyRow.kind == kind,
            MemberSearchKeyRow.key >= prefix,
            MemberSearchKeyRow.key < prefix + _HIGHEST,
        )
        parts.append(col(m.id).in_(keys))
    return or_(*parts) if parts else false()
