"""What a trainee did in the sandbox since an exercise began: their orders, enrolments,
refunds, complaints and allergy notes, read back from the sandbox's own tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    CardRow,
    ComplaintRow,
    MemberChangeRow,
    MemberRow,
    MembershipRenewalRow,
    OrderRow,
    PaymentRow,
    RefundRow,
    StaffRow,
)


@dataclass(frozen=True)
class OrderDone:
    order_id: int
    member_no: str | None
    member_is_new: bool
    """The member was enrolled during the exercise."""
    methods: frozenset[str]
    renewal_kind: str | None
    points_value_fen: int
    top_up_fen: int
    total_fen: int


@dataclass(frozen=True)
class EnrolmentDone:
    member_no: str
    name: str
    phone: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class RefundDone:
    refund_id: int
    order_id: int
    approver_role: str
    approved_by_other: bool


@dataclass(frozen=True)
class NoteDone:
    """A complaint (``kind="complaint"``) or an edited allergy (``kind="allergy"``)."""

    key: str
    kind: str
    member_no: str
    text: str


@dataclass(frozen=True)
class Evidence:
    orders: tuple[OrderDone, ...] = ()
    enrolments: tuple[EnrolmentDone, ...] = ()
    refunds: tuple[RefundDone, ...] = ()
    notes: tuple[NoteDone, ...] = ()


def evidence_since(session: Session, staff_id: int, since: datetime) -> Evidence:
    enrolments = _enrolments(session, staff_id, since)
    new_members = {e.member_no for e in enrolments}
    return Evidence(
        orders=_orders(session, staff_id, since, new_members),
        enrolments=enrolments,
        refunds=_refunds(session, staff_id, since),
        notes=_complaints(session, staff_id, since) + _allergies(session, staff_id, since),
    )


def _orders(
    session: Session, staff_id: int, since: datetime, new_members: set[str]
) -> tuple[OrderDone, ...]:
    query = (
        select(OrderRow, MemberRow.member_no, MembershipRenewalRow.kind)
        .outerjoin(MemberRow, MemberRow.id == OrderRow.member_id)
        .outerjoin(MembershipRenewalRow, MembershipRenewalRow.order_id == OrderRow.id)
        .where(OrderRow.staff_id == staff_id, OrderRow.created_at >= since)
        .order_by(OrderRow.id)
    )
    rows = session.execute(query).all()
    ids = [order.id for order, _, _ in rows]
    methods: dict[int, set[str]] = {}
    for order_id, method in session.execute(
        select(PaymentRow.order_id, PaymentRow.method).where(PaymentRow.order_id.in_(ids))
    ):
        methods.setdefault(order_id, set()).add(method)
    return tuple(
        OrderDone(
            order_id=order.id,
            member_no=member_no,
            member_is_new=member_no in new_members,
            methods=frozenset(methods.get(order.id, ())),
            renewal_kind=kind,
            points_value_fen=order.points_value_fen,
            top_up_fen=order.top_up_fen,
            total_fen=order.total_fen,
        )
        for order, member_no, kind in rows
    )


def _enrolments(session: Session, staff_id: int, since: datetime) -> tuple[EnrolmentDone, ...]:
    members = session.execute(
        select(MemberRow.id, MemberRow.member_no, MemberRow.name, MemberRow.phone)
        .where(MemberRow.enrolled_by_id == staff_id, MemberRow.created_at >= since)
        .order_by(MemberRow.id)
    ).all()
    cards: dict[int, list[str]] = {}
    for member_id, card_no in session.execute(
        select(CardRow.member_id, CardRow.card_no).where(
            CardRow.member_id.in_([m.id for m in members]), CardRow.status == "active"
        )
    ):
        cards.setdefault(member_id, []).append(card_no)
    return tuple(
        EnrolmentDone(m.member_no, m.name, m.phone or "", tuple(cards.get(m.id, ())))
        for m in members
    )


def _refunds(session: Session, staff_id: int, since: datetime) -> tuple[RefundDone, ...]:
    query = (
        select(RefundRow.id, RefundRow.order_id, RefundRow.approver_id, StaffRow.role)
        .join(StaffRow, StaffRow.id == RefundRow.approver_id)
        .where(RefundRow.staff_id == staff_id, RefundRow.created_at >= since)
        .order_by(RefundRow.id)
    )
    return tuple(
        RefundDone(refund_id, order_id, role, approver_id != staff_id)
        for refund_id, order_id, approver_id, role in session.execute(query)
    )


def _complaints(session: Session, staff_id: int, since: datetime) -> tuple[NoteDone, ...]:
    query = (
        select(ComplaintRow.id, MemberRow.member_no, ComplaintRow.description)
        .join(MemberRow, MemberRow.id == ComplaintRow.member_id)
        .where(ComplaintRow.opened_by == staff_id, ComplaintRow.opened_at >= since)
    )
    return tuple(
        NoteDone(f"complaint:{cid}", "complaint", member_no, text)
        for cid, member_no, text in session.execute(query)
    )


def _allergies(session: Session, staff_id: int, since: datetime) -> tuple[NoteDone, ...]:
    query = (
        select(MemberChangeRow.id, MemberRow.member_no, MemberChangeRow.new_value)
        .join(MemberRow, MemberRow.id == MemberChangeRow.member_id)
        .where(
            MemberChangeRow.staff_id == staff_id,
            MemberChangeRow.at >= since,
            MemberChangeRow.field == "allergies",
        )
    )
    return tuple(
        NoteDone(f"allergy:{cid}", "allergy", member_no, text)
        for cid, member_no, text in session.execute(query)
    )
