"""Reads and writes behind profile edits, the one-file data export and erasure.

The export reads every table that refers to a member, found from the schema (as a merge
moves them), so a history table added later is exported too. Rows come back as plain
column dictionaries; the service turns them into JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Table, or_, select
from sqlalchemy.orm import Session

from db.member_erasures import absorbed_ids
from db.models import (
    AuditEventRow,
    Base,
    MemberRow,
    OrderLineRow,
    PaymentRow,
    RefundLineRow,
    RefundRow,
)

Row = dict[str, Any]

_NOT_HISTORY = {"members.merged_into_id", "member_search_keys.member_id"}
"""Foreign keys to members that are not the member's history (search keys are derived
from the name; records merged into this one are read separately)."""


def lock_member(session: Session, member_id: int) -> MemberRow | None:
    """The member's row, locked for the rest of the transaction (PostgreSQL)."""
    query = select(MemberRow).where(MemberRow.id == member_id).with_for_update()
    return session.scalar(query)


def history_tables() -> list[tuple[Table, Column[Any]]]:
    """Every (table, column) that points at a member's history, from the schema."""
    found: list[tuple[Table, Column[Any]]] = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            for key in column.foreign_keys:
                name = f"{table.name}.{column.name}"
                if key.column.table.name == "members" and name not in _NOT_HISTORY:
                    found.append((table, column))
    return found


def rows_where(session: Session, table: Table, column: Column[Any], value: object) -> list[Row]:
    (key,) = table.primary_key.columns
    query = select(table).where(column == value).order_by(key)
    return [dict(row._mapping) for row in session.execute(query)]


def rows_in(
    session: Session, table: Table, column: Column[Any], values: Sequence[int]
) -> list[Row]:
    if not values:
        return []
    (key,) = table.primary_key.columns
    query = select(table).where(column.in_(values)).order_by(key)
    return [dict(row._mapping) for row in session.execute(query)]


def member_row(session: Session, member_id: int) -> Row | None:
    table = _table(MemberRow)
    rows = rows_where(session, table, table.c.id, member_id)
    return rows[0] if rows else None


def merged_records(session: Session, member_id: int) -> list[Row]:
    table = _table(MemberRow)
    return rows_in(session, table, table.c.id, absorbed_ids(session, member_id))


def audit_events(session: Session, member_no: str) -> list[Row]:
    """Audit events about the member: their number as subject, or one side of a merge."""
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
    return [dict(row._mapping) for row in session.execute(query)]


def order_parts(session: Session, order_ids: Sequence[int]) -> dict[str, list[Row]]:
    """The orders' ``lines``, ``payments``, ``refunds`` and ``refund_lines``."""
    parts = {
        "lines": rows_in(session, _table(OrderLineRow), _table(OrderLineRow).c.order_id, order_ids),
        "payments": rows_in(session, _table(PaymentRow), _table(PaymentRow).c.order_id, order_ids),
        "refunds": rows_in(session, _table(RefundRow), _table(RefundRow).c.order_id, order_ids),
    }
    refund_ids = [refund["id"] for refund in parts["refunds"]]
    lines = _table(RefundLineRow)
    parts["refund_lines"] = rows_in(session, lines, lines.c.refund_id, refund_ids)
    return parts


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
