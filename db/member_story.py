"""Reads for one member's whole story, newest first, each list capped by ``limit``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.models import (
    CardRow,
    ComplaintRow,
    ContactRow,
    FeedbackRow,
    MemberChangeRow,
    NoShowRow,
    OrderRow,
    PointsLedgerRow,
    StaffRow,
    StoredValueLedgerRow,
)


def staff_names(session: Session) -> dict[int, str]:
    """Every staff member's display name, active or not (old entries name leavers too)."""
    query = select(StaffRow.id, StaffRow.display_name)
    return {staff_id: name for staff_id, name in session.execute(query)}


def cards(session: Session, member_id: int) -> Sequence[CardRow]:
    query = select(CardRow).where(CardRow.member_id == member_id).order_by(CardRow.issued_at)
    return session.scalars(query).all()


def points_entries(
    session: Session, member_id: int, limit: int
) -> list[tuple[PointsLedgerRow, str | None]]:
    query = (
        select(PointsLedgerRow, OrderRow.order_no)
        .outerjoin(OrderRow, OrderRow.id == PointsLedgerRow.order_id)
        .where(PointsLedgerRow.member_id == member_id)
        .order_by(PointsLedgerRow.created_at.desc(), PointsLedgerRow.id.desc())
        .limit(limit)
    )
    return [(row, order_no) for row, order_no in session.execute(query)]


def stored_value_entries(
    session: Session, member_id: int, limit: int
) -> list[tuple[StoredValueLedgerRow, str | None]]:
    query = (
        select(StoredValueLedgerRow, OrderRow.order_no)
        .outerjoin(OrderRow, OrderRow.id == StoredValueLedgerRow.order_id)
        .where(StoredValueLedgerRow.member_id == member_id)
        .order_by(StoredValueLedgerRow.created_at.desc(), StoredValueLedgerRow.id.desc())
        .limit(limit)
    )
    return [(row, order_no) for row, order_no in session.execute(query)]


def orders(session: Session, member_id: int, limit: int) -> Sequence[OrderRow]:
    """The member's orders with their lines loaded (one more query for all lines)."""
    query = (
        select(OrderRow)
        .options(selectinload(OrderRow.lines))
        .where(OrderRow.member_id == member_id)
        .order_by(OrderRow.created_at.desc(), OrderRow.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def order_of_member(session: Session, member_id: int, order_id: int) -> OrderRow | None:
    row = session.get(OrderRow, order_id)
    return row if row is not None and row.member_id == member_id else None


def complaints(session: Session, member_id: int, limit: int) -> Sequence[ComplaintRow]:
    query = (
        select(ComplaintRow)
        .where(ComplaintRow.member_id == member_id)
        .order_by(ComplaintRow.opened_at.desc(), ComplaintRow.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def feedback(session: Session, member_id: int, limit: int) -> list[tuple[FeedbackRow, str | None]]:
    query = (
        select(FeedbackRow, OrderRow.order_no)
        .outerjoin(OrderRow, OrderRow.id == FeedbackRow.order_id)
        .where(FeedbackRow.member_id == member_id)
        .order_by(FeedbackRow.at.desc(), FeedbackRow.id.desc())
        .limit(limit)
    )
    return [(row, order_no) for row, order_no in session.execute(query)]


def no_shows(session: Session, member_id: int, limit: int) -> Sequence[NoShowRow]:
    query = (
        select(NoShowRow)
        .where(NoShowRow.member_id == member_id)
        .order_by(NoShowRow.booked_for.desc(), NoShowRow.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def contacts(session: Session, member_id: int, limit: int) -> Sequence[ContactRow]:
    query = (
        select(ContactRow)
        .where(ContactRow.member_id == member_id)
        .order_by(ContactRow.at.desc(), ContactRow.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def changes(session: Session, member_id: int, limit: int) -> Sequence[MemberChangeRow]:
    query = (
        select(MemberChangeRow)
        .where(MemberChangeRow.member_id == member_id)
        .order_by(MemberChangeRow.at.desc(), MemberChangeRow.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()
