"""What ``pos bench tills`` reads from the shared database: the members to work on, their
balances and visit counters before and after, and the rows that must never be doubled;
and what the crash test reads after its kills: orders written in part, and print jobs
that do not match the committed orders and refunds one to one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, func, select

from db.models import (
    MemberRow,
    OrderLineRow,
    OrderRow,
    PaymentRow,
    PointsLedgerRow,
    PrintJobRow,
    RefundRow,
    StoredValueLedgerRow,
)


@dataclass(frozen=True)
class MemberState:
    stored_value: int
    principal: int
    bonus: int
    points: int
    visits: int


def bench_members(connection: Connection, count: int) -> list[tuple[int, str]]:
    """(id, phone) of the first ``count`` members a till can sell to."""
    query = (
        select(MemberRow.id, MemberRow.phone)
        .where(MemberRow.merged_into_id.is_(None), MemberRow.erased_at.is_(None))
        .order_by(MemberRow.id)
        .limit(count)
    )
    return [(int(member), str(phone)) for member, phone in connection.execute(query)]


def member_states(connection: Connection, member_ids: Sequence[int]) -> dict[int, MemberState]:
    ids = list(member_ids)
    s = StoredValueLedgerRow
    stored = {
        int(m): (int(p), int(b))
        for m, p, b in connection.execute(
            select(s.member_id, func.sum(s.principal_delta_fen), func.sum(s.bonus_delta_fen))
            .where(s.member_id.in_(ids))
            .group_by(s.member_id)
        )
    }
    points = {
        int(m): int(total)
        for m, total in connection.execute(
            select(PointsLedgerRow.member_id, func.sum(PointsLedgerRow.delta))
            .where(PointsLedgerRow.member_id.in_(ids))
            .group_by(PointsLedgerRow.member_id)
        )
    }
    visits = {
        int(m): int(v)
        for m, v in connection.execute(
            select(MemberRow.id, MemberRow.visits).where(MemberRow.id.in_(ids))
        )
    }
    states = {}
    for member in ids:
        principal, bonus = stored.get(member, (0, 0))
        states[member] = MemberState(
            principal + bonus, principal, bonus, points.get(member, 0), visits.get(member, 0)
        )
    return states


def duplicate_order_numbers(connection: Connection) -> int:
    doubled = select(OrderRow.order_no).group_by(OrderRow.order_no).having(func.count() > 1)
    return int(connection.scalar(select(func.count()).select_from(doubled.subquery())) or 0)


def duplicate_receipts(connection: Connection, till_ids: Sequence[str]) -> int:
    """Orders of these tills with more than one receipt job."""
    doubled = (
        select(PrintJobRow.order_id)
        .where(PrintJobRow.kind == "receipt", PrintJobRow.till_id.in_(list(till_ids)))
        .group_by(PrintJobRow.order_id)
        .having(func.count() > 1)
    )
    return int(connection.scalar(select(func.count()).select_from(doubled.subquery())) or 0)


def partial_orders(connection: Connection) -> list[str]:
    """Orders whose lines do not add up to their subtotal or whose payments (points
    redeemed among them) do not add up to what was due (an order written in part), and
    payments of no order."""
    lines = (
        select(OrderLineRow.order_id, func.sum(OrderLineRow.gross_fen).label("gross"))
        .group_by(OrderLineRow.order_id)
        .subquery()
    )
    paid = (
        select(PaymentRow.order_id, func.sum(PaymentRow.amount_fen).label("paid"))
        .group_by(PaymentRow.order_id)
        .subquery()
    )
    query = (
        select(OrderRow.order_no)
        .outerjoin(lines, lines.c.order_id == OrderRow.id)
        .outerjoin(paid, paid.c.order_id == OrderRow.id)
        .where(
            (func.coalesce(lines.c.gross, 0) != OrderRow.subtotal_fen)
            | (func.coalesce(paid.c.paid, 0) != OrderRow.due_fen + OrderRow.points_value_fen)
        )
        .order_by(OrderRow.id)
    )
    found = [str(order_no) for order_no in connection.scalars(query)]
    orphans = (
        select(PaymentRow.id)
        .outerjoin(OrderRow, OrderRow.id == PaymentRow.order_id)
        .where(OrderRow.id.is_(None))
    )
    return found + [f"payment {p} of no order" for p in connection.scalars(orphans)]


def unmatched_print_jobs(connection: Connection, till_ids: Sequence[str]) -> list[str]:
    """Orders of these tills without exactly one receipt job, receipt jobs of no order,
    and tills whose refund slips do not match their refunds one to one."""
    tills = list(till_ids)
    jobs = PrintJobRow
    receipts = (
        select(jobs.order_id, func.count().label("n"))
        .where(jobs.kind == "receipt")
        .group_by(jobs.order_id)
        .subquery()
    )
    query = (
        select(OrderRow.order_no, func.coalesce(receipts.c.n, 0))
        .outerjoin(receipts, receipts.c.order_id == OrderRow.id)
        .where(OrderRow.till_id.in_(tills), func.coalesce(receipts.c.n, 0) != 1)
    )
    found = [f"{order_no}: {n} receipt jobs" for order_no, n in connection.execute(query)]
    strays = (
        select(jobs.id)
        .outerjoin(OrderRow, OrderRow.id == jobs.order_id)
        .where(jobs.kind == "receipt", jobs.till_id.in_(tills), OrderRow.id.is_(None))
    )
    found += [f"receipt job {job} of no order" for job in connection.scalars(strays)]
    for till in tills:  # a refund slip is queued with its refund, without the order's id
        refunds = _count(connection, RefundRow, RefundRow.till_id == till)
        slips = _count(connection, jobs, jobs.kind == "refund", jobs.till_id == till)
        if refunds != slips:
            found.append(f"{till}: {refunds} refunds, {slips} refund slips")
    return found


def _count(connection: Connection, table: type[object], *where: ColumnElement[bool]) -> int:
    return int(connection.scalar(select(func.count()).select_from(table).where(*where)) or 0)
