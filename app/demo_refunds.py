"""A few refunds in the demo's past: whole guest orders given back soon after they were
paid, by the method they were paid with, approved by a manager.

Guests' orders only, so no member's points, stored value or spend has to be taken back;
a refund of a member's order goes through the till (``app.services.refunds``).
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import Connection, insert, select, update

from app.domain.approvals import ReasonCode
from db.models import OrderLineRow, OrderRow, PaymentRow, RefundLineRow, RefundRow, StaffRow

REFUNDS = 4
REASONS = (ReasonCode.WRONG_ITEMS, ReasonCode.GUEST_COMPLAINT, ReasonCode.DUPLICATE_CHARGE)


def seed_refunds(connection: Connection, rng: random.Random) -> int:
    approver = connection.scalar(select(StaffRow.id).where(StaffRow.role == "manager"))
    guests = connection.execute(
        select(OrderRow.id, OrderRow.total_fen, OrderRow.created_at, OrderRow.till_id)
        .add_columns(OrderRow.staff_id, PaymentRow.method, OrderRow.store_id)
        .join(PaymentRow, PaymentRow.order_id == OrderRow.id)
        .where(OrderRow.member_id.is_(None), PaymentRow.method != "stored_value")
        .order_by(OrderRow.id)
    ).all()
    if approver is None or not guests:
        return 0
    chosen = sorted(rng.sample(guests, min(REFUNDS, len(guests))))
    for n, (order_id, total, at, till, staff_id, method, store) in enumerate(chosen):
        refund_id = connection.execute(
            insert(RefundRow).returning(RefundRow.id),
            {
                "order_id": order_id,
                "completes_order_id": order_id,
                "till_id": till,
                "store_id": store,
                "staff_id": staff_id,
                "approver_id": approver,
                "reason_code": REASONS[n % len(REASONS)].value,
                "note": "",
                "method": method,
                "amount_fen": total,
                "created_at": at + timedelta(minutes=20),
            },
        ).scalar_one()
        lines = connection.execute(
            select(OrderLineRow.id, OrderLineRow.quantity, OrderLineRow.net_fen).where(
                OrderLineRow.order_id == order_id
            )
        ).all()
        connection.execute(
            insert(RefundLineRow),
            [
                {"refund_id": refund_id, "order_line_id": i, "quantity": q, "net_fen": net}
                for i, q, net in lines
            ],
        )
        connection.execute(
            update(OrderLineRow)
            .where(OrderLineRow.order_id == order_id)
            .values(refunded_quantity=OrderLineRow.quantity)
        )
        connection.execute(
            update(OrderRow).where(OrderRow.id == order_id).values(status="refunded")
        )
    return len(chosen)
