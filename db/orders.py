"""Paid orders in SQL: numbering, writing an order with its lines and payments, what it
used (offers, coupons, manual discounts), and members' qualifying spend."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import bindparam, func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from app.domain.manual_discount import AppliedManualDiscount, DiscountRequest
from app.domain.orders import PaidOrder
from app.domain.payment import PaymentMethod
from db import chained_writes
from db import offers as offer_store
from db.models import (
    ManualDiscountGrantRow,
    OfferRow,
    OrderLineRow,
    OrderOfferRow,
    OrderRow,
    PaymentRow,
)
from db.store_stamps import store_of_till


class SqlOrders:
    def __init__(self, session: Session) -> None:
        self._session = session

    def next_sequence(self, till_id: str, day: date) -> int:
        return int(self._session.scalar(_LAST_SEQUENCE, {"till": till_id, "day": day}) or 0) + 1

    def next_offline_sequence(self, till_id: str, day: date) -> int:
        """Offline orders are stored with their sequence below zero (``L0003``: -3)."""
        found = self._session.scalar(_LAST_OFFLINE, {"till": till_id, "day": day})
        return -int(found or 0) + 1

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int:
        return qualifying_spend(self._session, member_id, first, last)

    def next_sequence_and_spend(
        self, till_id: str, day: date, member_id: int, first: date, last: date
    ) -> tuple[int, int]:
        params = {"till": till_id, "day": day, "member": member_id, "first": first, "last": last}
        last_sequence, spend = (
            chained_writes.connection(self._session).execute(_SEQUENCE_AND_SPEND, params).one()
        )
        return int(last_sequence or 0) + 1, int(spend or 0)

    def add(self, paid: PaidOrder) -> int:
        """Write the order with its lines and payments; returns its id.

        Core inserts, one statement per table, rather than the ORM's flush: nothing
        in the session needs the rows (a checkout builds what it returns from the
        domain values), and the flush's bookkeeping cost more than the inserts. The
        till's store is stamped here as ``db.store_stamps`` would at a flush."""
        store_id = store_of_till(self._session, paid.till_id)
        connection = self._session.connection()
        written = connection.execute(_INSERT_ORDER, {**_order(paid), "store_id": store_id})
        order_id = int(written.inserted_primary_key[0])  # type: ignore[index]
        lines = [{**line, "order_id": order_id} for line in _lines(paid)]
        if lines:  # a top-up or a renewal alone has none
            connection.execute(_INSERT_LINES, lines)
        stamp = {"order_id": order_id, "till_id": paid.till_id, "store_id": store_id}
        connection.execute(_INSERT_PAYMENTS, [{**pay, **stamp} for pay in _payments(paid)])
        return order_id

    def record_offer(
        self,
        *,
        order_id: int,
        offer_code: str,
        coupon_id: int | None,
        member_id: int | None,
        amount: int,
    ) -> None:
        offer_id = self._session.scalar(_OFFER_ID, {"code": offer_code})
        assert offer_id is not None, f"offer {offer_code} priced the order, so it exists"
        self._session.connection().execute(
            _INSERT_OFFER_USE,
            {
                "order_id": order_id,
                "offer_id": offer_id,
                "coupon_id": coupon_id,
                "member_id": member_id,
                "amount_fen": amount,
            },
        )

    def use_coupon(self, coupon_id: int, member_id: int, order_id: int) -> bool:
        """Mark the coupon used by the order; ``False`` if it was used meanwhile."""
        return offer_store.use_coupon(self._session, coupon_id, member_id, order_id)

    def grant_manual_discount(
        self,
        request: DiscountRequest,
        limit: int,
        *,
        requester_id: int,
        approver_id: int,
        till_id: str,
        at: datetime,
    ) -> int:
        grant = ManualDiscountGrantRow(
            granted_at=at,
            till_id=till_id,
            requester_id=requester_id,
            approver_id=approver_id,
            kind=request.kind.value,
            value=request.value,
            item_id=request.item_id,
            reason_code=request.reason.value,
            note=request.note,
            limit_fen=limit,
        )
        self._session.add(grant)
        self._session.flush()
        return grant.id

    def use_manual_discount(
        self, applied: AppliedManualDiscount, order_id: int, requester_id: int, till_id: str
    ) -> bool:
        """Mark the grant used by the order; ``False`` if it was used already or does not
        match what was approved (requester, till, kind, value, line, limit)."""
        request = applied.discount.request
        grant = ManualDiscountGrantRow
        used = self._session.execute(
            update(grant)
            .where(
                grant.id == applied.discount.grant_id,
                grant.order_id.is_(None),
                grant.requester_id == requester_id,
                grant.till_id == till_id,
                grant.kind == request.kind.value,
                grant.value == request.value,
                grant.item_id.is_(None)
                if request.item_id is None
                else grant.item_id == request.item_id,
                grant.limit_fen >= applied.amount,
            )
            .values(order_id=order_id, amount_fen=applied.amount)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(used, "rowcount", 0) == 1)


def _order(paid: PaidOrder) -> dict[str, object]:
    bill = paid.bill
    priced = bill.priced
    return dict(
        order_no=paid.order_no,
        till_id=paid.till_id,
        business_day=paid.business_day,
        sequence=paid.sequence,
        staff_id=paid.staff_id,
        member_id=paid.member_id,
        tier_id=priced.tier.tier_id if priced.tier else None,
        service_type=paid.service_type.value,
        table_no=paid.table_no,
        party_size=paid.party_size,
        subtotal_fen=priced.subtotal,
        discount_fen=priced.all_discounts,
        offer_discount_fen=priced.offer_discount,
        manual_discount_fen=priced.manual_discount,
        total_fen=priced.total,
        points_earned=paid.points_earned,
        points_value_fen=bill.points_value,
        renewal_fen=bill.renewal_fee,
        upgrade_fen=bill.upgrade_fee,
        top_up_fen=bill.top_up_amount,
        due_fen=bill.due,
        qualifying_spend_fen=paid.qualifying_spend,
        status="paid",
        created_at=paid.created_at,
    )


def _lines(paid: PaidOrder) -> list[dict[str, object]]:
    return [
        {
            "position": position,
            "item_id": line.item.item_id,
            "category_id": line.item.category_id,
            "name_zh": line.item.name_zh,
            "name_en": line.item.name_en,
            "quantity": line.quantity,
            "unit_price_fen": line.item.unit_price,
            "gross_fen": line.gross,
            "discount_fen": line.discount + line.offer_discount + line.manual_discount,
            "offer_discount_fen": line.offer_discount,
            "manual_discount_fen": line.manual_discount,
            "net_fen": line.net,
            "discount_bp": line.discount_bp,
            "discount_rule": line.rule.value,
        }
        for position, line in enumerate(paid.bill.priced.lines, start=1)
    ]


def _payments(paid: PaidOrder) -> list[dict[str, object]]:
    bill, settlement = paid.bill, paid.settlement
    payments: list[dict[str, object]] = []
    if bill.points_redeemed:
        payments.append(
            {
                "method": PaymentMethod.POINTS.value,
                "amount_fen": bill.points_value,
                "tendered_fen": bill.points_value,
                "change_fen": 0,
                "reference": f"{bill.points_redeemed} points",
            }
        )
    payments.append(
        {
            "method": settlement.method.value,
            "amount_fen": settlement.amount,
            "tendered_fen": settlement.tendered,
            "change_fen": settlement.change,
            "reference": settlement.reference,
        }
    )
    return payments


def qualifying_spend(session: Session, member_id: int, first: date, last: date) -> int:
    """Spend that counts for tiers and free renewal, on paid orders less what was refunded."""
    params = {"member": member_id, "first": first, "last": last}
    return int(session.scalar(_QUALIFYING_SPEND, params) or 0)


# Built once: building a statement costs several times what sending it does (a checkout
# sends these every time).
_STANDING_STATUSES = ("paid", "part_refunded")
STANDING = OrderRow.status.in_([literal_column(f"'{status}'") for status in _STANDING_STATUSES])
"""Paid orders not wholly refunded, the statuses written into the SQL: a tuple of values
would be expanded into parameters again at every execution."""
_LAST_SEQUENCE = select(func.coalesce(func.max(OrderRow.sequence), 0)).where(
    OrderRow.till_id == bindparam("till"),
    OrderRow.business_day == bindparam("day"),
    OrderRow.sequence > 0,  # offline orders replayed under their own (negative) numbers
)
_LAST_OFFLINE = select(func.coalesce(func.min(OrderRow.sequence), 0)).where(
    OrderRow.till_id == bindparam("till"),
    OrderRow.business_day == bindparam("day"),
    OrderRow.sequence < 0,
)
_QUALIFYING_SPEND = select(
    func.coalesce(func.sum(OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen), 0)
).where(
    OrderRow.member_id == bindparam("member"),
    STANDING,
    OrderRow.business_day >= bindparam("first"),
    OrderRow.business_day <= bindparam("last"),
)
_SEQUENCE_AND_SPEND = select(_LAST_SEQUENCE.scalar_subquery(), _QUALIFYING_SPEND.scalar_subquery())
_INSERT_ORDER = insert(OrderRow)
_INSERT_LINES = insert(OrderLineRow)
_INSERT_PAYMENTS = insert(PaymentRow)
_INSERT_OFFER_USE = insert(OrderOfferRow)
_OFFER_ID = select(OfferRow.id).where(OfferRow.code == bindparam("code"))
