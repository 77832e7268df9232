"""What ``pos bench tills`` reads from the shared database: the members to work on, their
balances and visit counters before and after, and the rows that must never be doubled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from db.models import MemberRow, OrderRow, PointsLedgerRow, PrintJobRow, StoredValueLedgerRow


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
