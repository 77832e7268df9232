"""Everything the restaurant holds about one member, read as plain column dictionaries.

What the data export reads: every table that refers to a member's history, found from
the schema (``db.member_merges.member_references``, plus the merge trail, which names
the member too), so a history table added later is exported as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Table, or_, select
from sqlalchemy.orm import Session

from db.member_erasures import absorbed_ids
from db.member_merges import member_references
from db.member_story import staff_names
from db.models import (
    AuditEventRow,
    Base,
    MemberMergeRow,
    MemberRow,
    OrderLineRow,
    PaymentRow,
    RefundLineRow,
    RefundRow,
)

Row = dict[str, Any]


def history_columns() -> list[tuple[Table, Column[Any]]]:
    """Every column pointing at a member's history, in schema order."""
    trail = _table(MemberMergeRow)
    found = [*member_references(), (trail, trail.c.survivor_id), (trail, trail.c.absorbed_id)]
    order = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}
    return sorted(
        found, key=lambda pair: (order[pair[0].name], list(pair[0].columns).index(pair[1]))
    )


class SqlMemberData:
    def __init__(self, session: Session) -> None:
        self._session = session

    def member(self, member_id: int) -> Row | None:
        table = _table(MemberRow)
        rows = self._rows_in(table, table.c.id, [member_id])
        return rows[0] if rows else None

    def staff_names(self) -> dict[int, str]:
        return staff_names(self._session)

    def history(self, member_id: int) -> list[tuple[str, str, list[Row]]]:
        return [
            (table.name, column.name, self._rows_in(table, column, [member_id]))
            for table, column in history_columns()
        ]

    def order_parts(self, order_ids: Sequence[int]) -> dict[str, list[Row]]:
        lines, payments = _table(OrderLineRow), _table(PaymentRow)
        refunds, refund_lines = _table(RefundRow), _table(RefundLineRow)
        parts = {
            "lines": self._rows_in(lines, lines.c.order_id, order_ids),
            "payments": self._rows_in(payments, payments.c.order_id, order_ids),
            "refunds": self._rows_in(refunds, refunds.c.order_id, order_ids),
        }
        refund_ids = [refund["id"] for refund in parts["refunds"]]
        parts["refund_lines"] = self._rows_in(refund_lines, refund_lines.c.refund_id, refund_ids)
        return parts

    def merged_records(self, member_id: int) -> list[Row]:
        table = _table(MemberRow)
        return self._rows_in(table, table.c.id, absorbed_ids(self._session, member_id))

    def audit_events(self, member_no: str) -> list[Row]:
        table = _table(AuditEventRow)
        query = (
            select(table)
            .where(
                or_(
                    table.c.subject == member_no,
                    table.c.subject.like(f"{member_no}->%"),
                    table.c.subject.like(f"%->{member_no}"),
                )
            )
            .order_by(table.c.id)
        )
        return [dict(row._mapping) for row in self._session.execute(query)]

    def _rows_in(self, table: Table, column: Column[Any], values: Sequence[int]) -> list[Row]:
        if not values:
            return []
        (key,) = table.primary_key.columns
        query = select(table).where(column.in_(values)).order_by(key)
        return [dict(row._mapping) for row in self._session.execute(query)]


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
