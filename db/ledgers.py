"""The points and stored-value ledgers: the one module that appends entries and sums them.

A balance is the sum of its ledger (``docs/ARCHITECTURE.md``). Everything that needs a
balance, a total over some entries, or that writes an entry comes here, so the rule is
written once. Entries are never updated or deleted, except that merging members moves a
duplicate's entries to the survivor (``member_id``; ``written_member_id`` stays); they are
hash-chained as they are written (``db/hash_chains.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, ScalarSelect, bindparam, func, select
from sqlalchemy.orm import Session

from app.domain.points import LedgerEntry
from db import chained_writes
from db.hash_chains import POINTS, STORED_VALUE, head_hints, insert_chained
from db.models import (
    ChainHeadRow,
    MemberRow,
    OrderRow,
    PointsLedgerRow,
    StoredValueLedgerRow,
)

_points = func.coalesce(func.sum(PointsLedgerRow.delta), 0)
_principal = func.coalesce(func.sum(StoredValueLedgerRow.principal_delta_fen), 0)
_bonus = func.coalesce(func.sum(StoredValueLedgerRow.bonus_delta_fen), 0)

# A checkout's reads, built once (building a statement costs more than sending it).
_BALANCES = select(
    select(_points).where(PointsLedgerRow.member_id == bindparam("member")).scalar_subquery(),
    _principal,
    _bonus,
).where(StoredValueLedgerRow.member_id == bindparam("member"))
_STORED_VALUE = select(_principal, _bonus).where(
    StoredValueLedgerRow.member_id == bindparam("member")
)
# The same under the member's lock, with the last hashes of the streams the member's
# entries will join: a checkout's appends then move each head on in one statement
# (``db.hash_chains``) instead of locking it and setting it in two.
_head = ChainHeadRow.__table__.c
_LOCKED_BALANCES = _BALANCES.add_columns(
    select(_head.last_hash).where(_head.stream == bindparam("points_stream")).scalar_subquery(),
    select(_head.last_hash).where(_head.stream == bindparam("value_stream")).scalar_subquery(),
)
_HELD = chained_writes.HELD


@dataclass(frozen=True)
class StoredValue:
    """Principal (money paid in) and bonus (given on top) in minor units."""

    principal: int
    bonus: int

    @property
    def total(self) -> int:
        return self.principal + self.bonus


class SqlLedgers:
    """Reads and appends in the caller's transaction; take the member's lock first
    (``db.member_lock.lock_member``) when the balance decides what is written."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # balances

    def points_balance(self, member_id: int) -> int:
        return self._points_where(PointsLedgerRow.member_id == member_id)

    def stored_value(self, member_id: int) -> StoredValue:
        held: dict[int, StoredValue] = self._session.info.get(_HELD, {})
        if member_id in held:  # read under the member's lock, nothing appended since
            return held[member_id]
        principal, bonus = self._session.execute(_STORED_VALUE, {"member": member_id}).one()
        return StoredValue(int(principal), int(bonus))

    def totals_of(self, member_ids: Iterable[int]) -> tuple[int, StoredValue]:
        """Points and stored value of several members together."""
        ids = list(member_ids)
        points = self._points_where(PointsLedgerRow.member_id.in_(ids))
        return points, self._stored_value_where(StoredValueLedgerRow.member_id.in_(ids))

    def stored_value_owed(self, before: datetime) -> StoredValue:
        """All members' stored value as it stood at ``before``: what the restaurant owes."""
        return self._stored_value_where(StoredValueLedgerRow.created_at < before)

    # an order's entries

    def points_on_order(self, order_id: int, reason: str, *, by_refunds: bool) -> int:
        """Points the order's ``reason`` entries add up to, written by refunds or not."""
        refunded = PointsLedgerRow.refund_id
        return self._points_where(
            PointsLedgerRow.order_id == order_id,
            PointsLedgerRow.reason == reason,
            refunded.is_not(None) if by_refunds else refunded.is_(None),
        )

    def stored_value_on_order(self, order_id: int, reason: str, *, by_refunds: bool) -> StoredValue:
        refunded = StoredValueLedgerRow.refund_id
        return self._stored_value_where(
            StoredValueLedgerRow.order_id == order_id,
            StoredValueLedgerRow.reason == reason,
            refunded.is_not(None) if by_refunds else refunded.is_(None),
        )

    # what points expiry works from

    def members_who_earned(self, after: date | None, through: date) -> list[int]:
        """Members with points earned after the day ``after`` (``None``: ever) up to and
        including ``through``, by id."""
        end = datetime.combine(through + timedelta(days=1), datetime.min.time())
        query = select(PointsLedgerRow.member_id).where(
            PointsLedgerRow.delta > 0, PointsLedgerRow.created_at < end
        )
        if after is not None:
            start = datetime.combine(after + timedelta(days=1), datetime.min.time())
            query = query.where(PointsLedgerRow.created_at >= start)
        return sorted(set(self._session.scalars(query.distinct())))

    def points_histories(self, member_ids: Sequence[int]) -> dict[int, list[LedgerEntry]]:
        """Each member's (day, delta) entries, oldest first, in one query: keep
        ``member_ids`` to a few hundred."""
        query = (
            select(PointsLedgerRow.member_id, PointsLedgerRow.created_at, PointsLedgerRow.delta)
            .where(PointsLedgerRow.member_id.in_(member_ids))
            .order_by(PointsLedgerRow.member_id, PointsLedgerRow.created_at, PointsLedgerRow.id)
        )
        histories: dict[int, list[LedgerEntry]] = {}
        for member_id, at, delta in self._session.execute(query):
            histories.setdefault(member_id, []).append(LedgerEntry(at.date(), delta))
        return histories

    # listings

    def points_entries(
        self, member_id: int, limit: int
    ) -> list[tuple[PointsLedgerRow, str | None]]:
        """The member's latest ``limit`` points entries with their order's number, newest
        first."""
        query = (
            select(PointsLedgerRow, OrderRow.order_no)
            .outerjoin(OrderRow, OrderRow.id == PointsLedgerRow.order_id)
            .where(PointsLedgerRow.member_id == member_id)
            .order_by(PointsLedgerRow.created_at.desc(), PointsLedgerRow.id.desc())
            .limit(limit)
        )
        return [(row, order_no) for row, order_no in self._session.execute(query)]

    def stored_value_entries(
        self, member_id: int, limit: int
    ) -> list[tuple[StoredValueLedgerRow, str | None]]:
        """Likewise for stored value."""
        query = (
            select(StoredValueLedgerRow, OrderRow.order_no)
            .outerjoin(OrderRow, OrderRow.id == StoredValueLedgerRow.order_id)
            .where(StoredValueLedgerRow.member_id == member_id)
            .order_by(StoredValueLedgerRow.created_at.desc(), StoredValueLedgerRow.id.desc())
            .limit(limit)
        )
        return [(row, order_no) for row, order_no in self._session.execute(query)]

    # appends

    def append_points(
        self,
        *,
        member_id: int,
        delta: int,
        reason: str,
        at: datetime,
        order_id: int | None = None,
        staff_id: int | None = None,
        refund_id: int | None = None,
        reverses_id: int | None = None,
    ) -> None:
        row: dict[str, object] = {
            "member_id": member_id,
            "delta": delta,
            "reason": reason,
            "created_at": at,
            "order_id": order_id,
            "staff_id": staff_id,
            "refund_id": refund_id,
            "reverses_id": reverses_id,
        }
        chained_writes.add(self._session, POINTS, row)

    def append_stored_value(
        self,
        *,
        member_id: int,
        principal: int,
        bonus: int,
        reason: str,
        at: datetime,
        order_id: int | None = None,
        staff_id: int | None = None,
        refund_id: int | None = None,
        reverses_id: int | None = None,
    ) -> None:
        row: dict[str, object] = {
            "member_id": member_id,
            "principal_delta_fen": principal,
            "bonus_delta_fen": bonus,
            "reason": reason,
            "created_at": at,
            "order_id": order_id,
            "staff_id": staff_id,
            "refund_id": refund_id,
            "reverses_id": reverses_id,
        }
        self._session.info.pop(_HELD, None)
        chained_writes.add(self._session, STORED_VALUE, row)

    def balances(self, member_id: int) -> tuple[int, StoredValue]:
        """The member's points and stored value in one round trip."""
        held, principal, bonus = self._session.execute(_BALANCES, {"member": member_id}).one()
        return int(held or 0), StoredValue(int(principal), int(bonus))

    def balances_under_lock(self, member_id: int) -> tuple[int, StoredValue]:
        """``balances`` read right after the member's lock (``db.member_lock``): the stored
        value is kept for this transaction until an entry is appended (the lock keeps
        other tills from changing it), and the last hashes of the member's ledger streams
        are noted for the appends (a stale one costs a statement, never a wrong chain)."""
        params = {
            "member": member_id,
            "points_stream": POINTS.stream({"written_member_id": member_id}),
            "value_stream": STORED_VALUE.stream({"written_member_id": member_id}),
        }
        held, principal, bonus, points_head, value_head = (
            chained_writes.connection(self._session).execute(_LOCKED_BALANCES, params).one()
        )
        value = StoredValue(int(principal), int(bonus))
        self._session.info.setdefault(_HELD, {})[member_id] = value
        hints = head_hints(self._session.info)
        for stream, last in ((params["points_stream"], points_head),
                             (params["value_stream"], value_head)):  # fmt: skip
            if last is not None:
                hints[str(stream)] = str(last)
        return int(held or 0), value

    def _points_where(self, *where: ColumnElement[bool]) -> int:
        return int(self._session.scalar(select(_points).where(*where)) or 0)

    def _stored_value_where(self, *where: ColumnElement[bool]) -> StoredValue:
        principal, bonus = self._session.execute(select(_principal, _bonus).where(*where)).one()
        return StoredValue(int(principal), int(bonus))


def points_balance_of_member() -> ScalarSelect[Any]:
    """The points balance of ``members.id`` in the enclosing query (a correlated subquery)."""
    return select(_points).where(PointsLedgerRow.member_id == MemberRow.id).scalar_subquery()


def stored_value_of_member() -> ScalarSelect[Any]:
    """The stored value (principal + bonus) of ``members.id`` in the enclosing query."""
    total = func.coalesce(
        func.sum(StoredValueLedgerRow.principal_delta_fen + StoredValueLedgerRow.bonus_delta_fen),
        0,
    )
    return select(total).where(StoredValueLedgerRow.member_id == MemberRow.id).scalar_subquery()


def append_in_bulk(
    connection: Connection | Session,
    points: Sequence[Mapping[str, object]] = (),
    stored_value: Sequence[Mapping[str, object]] = (),
) -> None:
    """Entries of generated histories (the demo, benchmarks), many to a statement.

    Each mapping holds a ledger row's columns (chained here, ``db/hash_chains.py``); a
    till's own entries go through
    ``SqlLedgers.append_points`` / ``append_stored_value`` one at a time.
    """
    target = connection.connection() if isinstance(connection, Session) else connection
    insert_chained(target, POINTS, points)
    insert_chained(target, STORED_VALUE, stored_value)
