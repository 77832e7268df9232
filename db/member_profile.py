"""Reads and writes behind profile edits, the one-file data export and erasure.

The export reads every table that refers to a member, found from the schema (as a merge
moves them), so a history table added later is exported too. Rows come back as plain
column dictionaries; the service turns them into JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Table, delete, func, or_, select, update
from sqlalchemy.orm import Session

from db.ledgers import SqlLedgers
from db.models import (
    AuditEventRow,
    Base,
    CardRow,
    ComplaintRow,
    ContactRow,
    FeedbackRow,
    MemberChangeRow,
    MemberRow,
    MemberSearchKeyRow,
    NoShowRow,
    OrderLineRow,
    OrderRow,
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


def absorbed_ids(session: Session, member_id: int) -> list[int]:
    """Every record merged into ``member_id``, directly or through another merge."""
    found: list[int] = []
    frontier = [member_id]
    while frontier:
        query = select(MemberRow.id).where(MemberRow.merged_into_id.in_(frontier))
        frontier = [i for i in session.scalars(query) if i not in found and i != member_id]
        found.extend(frontier)
    return found


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


def totals(session: Session, member_ids: Iterable[int]) -> dict[str, int]:
    """Order totals and ledger sums of the members: what erasure must leave unchanged."""
    ids = list(member_ids)
    orders = session.execute(
        select(func.count(OrderRow.id), func.coalesce(func.sum(OrderRow.total_fen), 0)).where(
            OrderRow.member_id.in_(ids)
        )
    ).one()
    points, stored = SqlLedgers(session).totals_of(ids)
    return {
        "orders": int(orders[0]),
        "order_total_fen": int(orders[1]),
        "points": points,
        "principal_fen": stored.principal,
        "bonus_fen": stored.bonus,
    }


def block_cards(session: Session, member_ids: Sequence[int]) -> int:
    result = session.execute(
        update(CardRow)
        .where(CardRow.member_id.in_(member_ids), CardRow.status == "active")
        .values(status="blocked")
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def delete_search_keys(session: Session, member_ids: Sequence[int]) -> None:
    session.execute(delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id.in_(member_ids)))


def redact_changes(
    session: Session, member_ids: Sequence[int], fields: Iterable[str], redacted: str
) -> int:
    """Replace the before and after values of ``fields`` in the edit history."""
    result = session.execute(
        update(MemberChangeRow)
        .where(MemberChangeRow.member_id.in_(member_ids), MemberChangeRow.field.in_(list(fields)))
        .values(old_value=redacted, new_value=redacted)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


_FREE_TEXT = (
    (ComplaintRow, ("description", "compensation_note", "outcome")),
    (FeedbackRow, ("comment",)),
    (NoShowRow, ("note",)),
    (ContactRow, ("note",)),
)


def redact_notes(session: Session, member_ids: Sequence[int], redacted: str) -> int:
    """Staff's free text about the member (complaints, feedback, no-shows, contacts)
    replaced where not empty; dates, scores and amounts stay. Returns how many values
    it replaced."""
    changed = 0
    for model, names in _FREE_TEXT:
        for name in names:
            column = getattr(model, name)
            result = session.execute(
                update(model)
                .where(model.member_id.in_(member_ids), column != "", column != redacted)
                .values({name: redacted})
                .execution_options(synchronize_session=False)
            )
            changed += int(getattr(result, "rowcount", 0) or 0)
    return changed
