"""Paid orders read back for refunds, and the refunds written against them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.domain.orders import (
    NewRefund,
    OrderEntry,
    OrderTierChange,
    RecordedLine,
    RecordedOrder,
    RecordedRenewal,
    RefundsSoFar,
)
from db import offers as offer_store
from db.models import (
    MemberRow,
    MembershipRenewalRow,
    OrderLineRow,
    OrderRow,
    PaymentRow,
    PointsLedgerRow,
    RefundLineRow,
    RefundRow,
    StoredValueLedgerRow,
    TierChangeRow,
)

_ORDERS: Table = OrderRow.__table__  # type: ignore[assignment]
_LINES: Table = OrderLineRow.__table__  # type: ignore[assignment]
_PAYMENTS: Table = PaymentRow.__table__  # type: ignore[assignment]


class SqlOrderHistory:
    def __init__(self, session: Session) -> None:
        self._session = session

    def recent(self, till_id: str, limit: int) -> list[tuple[str, datetime, int, str, str]]:
        """(order no, time, due, member's name, status) of the till's latest orders."""
        query = (
            select(OrderRow, MemberRow.name)
            .outerjoin(MemberRow, MemberRow.id == OrderRow.member_id)
            .where(OrderRow.till_id == till_id)
            .order_by(OrderRow.id.desc())
            .limit(limit)
        )
        return [
            (order.order_no, order.created_at, order.due_fen, name or "", order.status)
            for order, name in self._session.execute(query)
        ]

    def find(self, order_no: str) -> RecordedOrder | None:
        """The order, its lines and payments in three statements of columns: nothing is
        loaded into the session (a refund's preview and its plan each read the order)."""
        row = self._session.connection().execute(_FIND_ORDER, {"order_no": order_no}).first()
        return None if row is None else self._with_lines(row)

    def _with_lines(self, row: Row[Any]) -> RecordedOrder:
        connection = self._session.connection()
        lines = connection.execute(_ORDER_LINES, {"order": row.id})
        payments = connection.execute(_ORDER_PAYMENTS, {"order": row.id})
        return _recorded(row, lines, [(method, amount) for method, amount in payments])

    def lock(self, order_id: int) -> RecordedOrder:
        """Two refunds of one order wait for each other; the order as it is now (the
        locking UPDATE returns the row as the other refund left it)."""
        locking = (
            update(_ORDERS)
            .where(_ORDERS.c.id == order_id)
            .values(refunded_spend_fen=_ORDERS.c.refunded_spend_fen)
            .returning(*_ORDERS.c)
        )
        row = self._session.connection().execute(locking).first()
        assert row is not None, "a locked order exists"
        return self._with_lines(row)

    def entries(self, order_id: int) -> tuple[list[OrderEntry], list[OrderEntry]]:
        """The order's own points and stored-value entries (not its refunds'), oldest first."""
        points = self._session.scalars(
            select(PointsLedgerRow)
            .where(
                PointsLedgerRow.order_id == order_id,
                PointsLedgerRow.refund_id.is_(None),
                PointsLedgerRow.reverses_id.is_(None),
            )
            .order_by(PointsLedgerRow.id)
        ).all()
        stored = self._session.scalars(
            select(StoredValueLedgerRow)
            .where(
                StoredValueLedgerRow.order_id == order_id,
                StoredValueLedgerRow.refund_id.is_(None),
                StoredValueLedgerRow.reverses_id.is_(None),
            )
            .order_by(StoredValueLedgerRow.id)
        ).all()
        return (
            [OrderEntry(p.id, p.reason, points=p.delta) for p in points],
            [
                OrderEntry(s.id, s.reason, principal=s.principal_delta_fen, bonus=s.bonus_delta_fen)
                for s in stored
            ],
        )

    def refunds_so_far(self, order_id: int) -> RefundsSoFar:
        count, money, upgrade, top_up = self._session.execute(
            select(
                func.count(RefundRow.id),
                func.coalesce(func.sum(RefundRow.amount_fen), 0),
                func.coalesce(func.sum(RefundRow.upgrade_fen), 0),
                func.coalesce(func.sum(RefundRow.top_up_fen), 0),
            ).where(RefundRow.order_id == order_id)
        ).one()
        return RefundsSoFar(int(count), int(money), int(upgrade), int(top_up))

    def renewal(self, order_id: int) -> RecordedRenewal | None:
        row = self._renewal_row(order_id)
        if row is None:
            return None
        return RecordedRenewal(row.old_expiry, row.new_expiry, row.refund_id is not None)

    def tier_change(self, order_id: int) -> OrderTierChange | None:
        changes = self._session.scalars(
            select(TierChangeRow)
            .where(
                TierChangeRow.order_id == order_id,
                TierChangeRow.reason.in_(("qualified", "upgrade_bought")),
            )
            .order_by(TierChangeRow.id)
        ).all()
        if not changes:
            return None
        first, last = changes[0], changes[-1]
        return OrderTierChange(first.from_tier_id, last.to_tier_id, last.reason)

    def add_refund(self, refund: NewRefund) -> int:
        """Write the refund and take its units back from the order's lines (a CHECK keeps
        them within what was sold; the completing refund is unique per order)."""
        row = RefundRow(
            order_id=refund.order_id,
            completes_order_id=refund.order_id if refund.completes else None,
            till_id=refund.till_id,
            staff_id=refund.staff_id,
            approver_id=refund.approver_id,
            reason_code=refund.reason_code,
            note=refund.note,
            method=refund.method,
            amount_fen=refund.money_back,
            spend_fen=refund.spend_back,
            renewal_fen=refund.renewal_back,
            upgrade_fen=refund.upgrade_back,
            top_up_fen=refund.top_up_back,
            created_at=refund.created_at,
        )
        self._session.add(row)
        self._session.flush()
        for line_id, units, share in refund.units:
            self._session.execute(
                update(OrderLineRow)
                .where(OrderLineRow.id == line_id)
                .values(refunded_quantity=OrderLineRow.refunded_quantity + units)
                .execution_options(synchronize_session=False)
            )
            self._session.add(
                RefundLineRow(
                    refund_id=row.id, order_line_id=line_id, quantity=units, net_fen=share
                )
            )
        self._session.flush()
        return row.id

    def close(self, order_id: int, completes: bool, spend_back: int) -> list[str]:
        """The order refunded (its coupons given back: their codes) or part refunded."""
        closing = update(_ORDERS).where(_ORDERS.c.id == order_id)
        if completes:
            self._session.connection().execute(closing.values(status="refunded"))
            return offer_store.release_coupons(self._session, order_id)
        self._session.connection().execute(
            closing.values(
                status="part_refunded",
                refunded_spend_fen=_ORDERS.c.refunded_spend_fen + spend_back,
            )
        )
        return []

    def mark_renewal_refunded(self, order_id: int, refund_id: int) -> None:
        row = self._renewal_row(order_id)
        assert row is not None, "the renewal being refunded exists"
        row.refund_id = refund_id

    def _renewal_row(self, order_id: int) -> MembershipRenewalRow | None:
        return self._session.scalar(
            select(MembershipRenewalRow).where(MembershipRenewalRow.order_id == order_id)
        )


_FIND_ORDER = select(*_ORDERS.c).where(_ORDERS.c.order_no == bindparam("order_no"))
_ORDER_LINES = (
    select(*_LINES.c).where(_LINES.c.order_id == bindparam("order")).order_by(_LINES.c.position)
)
_ORDER_PAYMENTS = (
    select(_PAYMENTS.c.method, _PAYMENTS.c.amount_fen)
    .where(_PAYMENTS.c.order_id == bindparam("order"))
    .order_by(_PAYMENTS.c.id)
)


def _recorded(
    row: Row[Any], lines: Iterable[Row[Any]], payments: Sequence[tuple[str, int]]
) -> RecordedOrder:
    return RecordedOrder(
        order_id=row.id,
        order_no=row.order_no,
        created_at=row.created_at,
        business_day=row.business_day,
        member_id=row.member_id,
        status=row.status,
        due=row.due_fen,
        total=row.total_fen,
        subtotal=row.subtotal_fen,
        points_value=row.points_value_fen,
        qualifying_spend=row.qualifying_spend_fen,
        refunded_spend=row.refunded_spend_fen,
        renewal_fee=row.renewal_fen,
        upgrade_fee=row.upgrade_fen,
        top_up=row.top_up_fen,
        lines=tuple(
            RecordedLine(
                line.id,
                line.position,
                line.name_zh,
                line.name_en,
                line.quantity,
                line.refunded_quantity,
                line.net_fen,
            )
            for line in lines
        ),
        payments=tuple(payments),
    )
