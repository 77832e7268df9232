"""The member list's SQL: filters, keyset pages, capped counts and streamed exports.

Pages never use ``OFFSET``: a page is the ``limit`` rows after a position in the sort
(``Position``). A sort is walked as one or more *buckets*, each an index range read in
``(key, id)`` order: a nullable column is its non-null values, then its nulls (nulls
come last in both directions, on SQLite and PostgreSQL alike); the tier sort is one
bucket per tier in rank order (``members.tier_id`` says nothing about rank). A page
continues into the next bucket when one runs out, so it takes at most one query per
bucket. Ties on the key are broken by ``members.id``, which every index carries (SQLite's
rowid), so no row is skipped or repeated however many share a key.

Keyset conditions are written ``key >= k AND (key > k OR id > i)``: the first term is a
range the index seeks to, where a row-value or a plain ``OR`` would scan from the start.

Two plans (``Plan``), chosen by the caller from a capped count (``plan_for``):

- ``WALK_SORT`` when many rows match: read the sort's index in order and test each row,
  so a page reads about ``limit * members / matches`` rows however deep it is; the
  other terms are kept off their indexes (``db.unindexed``).
- ``FILTER_FIRST`` when few match (at most the count's cap): read them through the
  filter's index and sort them; the sort column is kept off its index, since walking it
  for a rare match would read the whole table.

SQLite without ``ANALYZE`` statistics otherwise picks the filter's index and sorts every
match for every page (0.2 s to 0.8 s a page at a million members, measured).

Counts: ``count(cap=N)`` counts at most N + 1 rows (``LIMIT`` inside), so it costs the
same at a million members as at ten thousand and says "more than N" beyond; ``cap=None``
counts exactly (a full index or table scan: run it off the GUI thread).

Merged-away members never appear; erased members only when ``Criteria.include_erased``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, literal, or_, select
from sqlalchemy.orm import QueryableAttribute

from app.domain.member_list import Criteria, ListRow, PageRow, Plan, Position, Sort
from db.member_criteria import conditions
from db.models import MemberRow
from db.unindexed import unindexed

SORT_COLUMNS: dict[str, QueryableAttribute[Any]] = {
    "member_no": MemberRow.member_no,
    "joined_on": MemberRow.joined_on,
    "expires_on": MemberRow.expires_on,
    "last_visit_on": MemberRow.last_visit_on,
    "spend": MemberRow.spend_fen,
    "value": MemberRow.value_fen,
    "tier": MemberRow.tier_id,
}
NULLABLE = frozenset({"expires_on", "last_visit_on", "value"})

_ROW = select(
    MemberRow.id,
    MemberRow.member_no,
    MemberRow.name,
    MemberRow.phone,
    MemberRow.tier_id,
    MemberRow.segment,
    MemberRow.joined_on,
    MemberRow.expires_on,
    MemberRow.last_visit_on,
    MemberRow.visits,
    MemberRow.spend_fen,
    MemberRow.marketing_consent,
    MemberRow.birthday,
    MemberRow.erased_at,
    MemberRow.value_fen,
)


NOT_NULL = object()


@dataclass(frozen=True)
class _Bucket:
    """A part of the sort: rows whose ``column`` is ``value`` (``NOT_NULL``: any value;
    ``None``: no column, the whole list), walked by the sort key, or by id alone when
    ``key`` is false (the nulls, one tier)."""

    column: QueryableAttribute[Any] | None
    value: object
    key: bool = True


def _buckets(sort: Sort) -> list[_Bucket]:
    if sort.column == "tier":
        buckets = [_Bucket(MemberRow.tier_id, tier_id, key=False) for tier_id in sort.tier_order]
    elif sort.column in NULLABLE:
        column = SORT_COLUMNS[sort.column]
        return [_Bucket(column, NOT_NULL), _Bucket(column, None, key=False)]
    else:
        buckets = [_Bucket(None, None)]
    return buckets[::-1] if sort.descending else buckets


class _Query:
    """The statements of one walk through a sort under one plan."""

    def __init__(self, criteria: Criteria, sort: Sort, plan: Plan) -> None:
        self.sort, self.plan = sort, plan
        self.sorted_by = SORT_COLUMNS[sort.column]
        self.buckets = _buckets(sort)
        self.where = conditions(criteria, self._filter_column)

    def _filter_column(self, column: QueryableAttribute[Any]) -> ColumnElement[Any]:
        """A filter term drives the plan only under ``FILTER_FIRST``, or when it is on
        the sort column itself (then its range is the walk)."""
        if self.plan is Plan.FILTER_FIRST or column is self.sorted_by:
            return column.expression
        return unindexed(column.expression)

    def _sort_column(self, column: QueryableAttribute[Any]) -> ColumnElement[Any]:
        return unindexed(column.expression) if self.plan is Plan.FILTER_FIRST else column.expression

    def bucket(self, index: int, after: Position | None) -> Select[Any]:
        bucket, down = self.buckets[index], self.sort.descending
        terms = list(self.where)
        if bucket.column is not None:
            column = self._sort_column(bucket.column)
            if bucket.value is NOT_NULL:
                terms.append(column.is_not(None))
            else:
                terms.append(column.is_(None) if bucket.value is None else column == bucket.value)
        member_id = self._sort_column(MemberRow.id)
        key = self._sort_column(self.sorted_by) if bucket.key else None
        if after is not None:
            terms += _after(key, member_id, after, down)
        keys = [member_id] if key is None else [key, member_id]
        order = [k.desc() if down else k.asc() for k in keys]
        return _ROW.add_columns(self.sorted_by).where(*terms).order_by(*order)


def _after(
    key: ColumnElement[Any] | None, member_id: ColumnElement[Any], after: Position, down: bool
) -> list[ColumnElement[bool]]:
    if key is None:
        return [member_id < after.member_id if down else member_id > after.member_id]
    if down:
        return [key <= after.key, or_(key < after.key, member_id < after.member_id)]
    return [key >= after.key, or_(key > after.key, member_id > after.member_id)]


def page(
    connection: Connection,
    criteria: Criteria,
    sort: Sort,
    after: Position | None,
    limit: int,
    plan: Plan = Plan.WALK_SORT,
) -> list[PageRow]:
    """Up to ``limit`` rows strictly after ``after`` (``None``: from the start)."""
    query = _Query(criteria, sort, plan)
    found: list[PageRow] = []
    for index in range(0 if after is None else after.bucket, len(query.buckets)):
        wanted = limit - len(found)
        if wanted <= 0:
            break
        start = after if after is not None and index == after.bucket else None
        keyed = query.buckets[index].key
        for *values, key in connection.execute(query.bucket(index, start).limit(wanted)):
            row = ListRow(*values)
            found.append(PageRow(row, Position(index, key if keyed else None, row.member_id)))
    return found


def stream(
    connection: Connection,
    criteria: Criteria,
    sort: Sort,
    plan: Plan = Plan.WALK_SORT,
    batch: int = 1000,
) -> Iterator[ListRow]:
    """Every matching row in the sort, fetched ``batch`` at a time (a server-side cursor
    on PostgreSQL): an export of a million rows holds one batch in memory."""
    query = _Query(criteria, sort, plan)
    streaming = connection.execution_options(yield_per=batch)
    for index in range(len(query.buckets)):
        with streaming.execute(query.bucket(index, None)) as rows:  # closed if left
            for *values, _key in rows:
                yield ListRow(*values)


def count(connection: Connection, criteria: Criteria, cap: int | None) -> tuple[int, bool]:
    """How many members match, and whether that is exact; with ``cap``, at most
    ``cap + 1`` rows are counted and a result above ``cap`` is not exact."""
    matching = select(literal(1)).select_from(MemberRow).where(*conditions(criteria))
    if cap is None:
        total = connection.scalar(select(func.count()).select_from(matching.subquery()))
        return int(total or 0), True
    limited = matching.limit(cap + 1).subquery()
    counted = int(connection.scalar(select(func.count()).select_from(limited)) or 0)
    return min(counted, cap + 1), counted <= cap
