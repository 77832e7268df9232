"""Checkout: order, lines, payment, points, audit and receipt job in one transaction."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from app.domain.draft import OrderDraft
from app.domain.payment import PaymentRefused, Settlement, Tender, settle
from app.domain.pricing import PricedOrder
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import CheckoutRefused, PermissionDenied
from app.ports import Clock
from app.services.checkout_types import CompletedOrder
from app.services.mapping import member_summary
from db import queries
from db.models import OrderLineRow, OrderRow, PaymentRow, PointsLedgerRow


class ReceiptQueue(Protocol):
    def enqueue(self, session: Session, order: CompletedOrder, order_id: int) -> None: ...

    def notify(self) -> None: ...


class CheckoutService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, receipts: ReceiptQueue
    ) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id
        self._receipts = receipts

    def check_out(self, draft: OrderDraft, tender: Tender, cashier: StaffMember) -> CompletedOrder:
        """Price, settle and commit the order; nothing is written unless all of it is."""
        if not role_allows(cashier.role, Permission.CHECKOUT):
            raise PermissionDenied(f"{cashier.display_name} may not take payments")
        if draft.is_empty():
            raise CheckoutRefused("the order has no items")
        now = self._clock.now()
        priced = draft.priced(now.date())
        try:
            settlement = settle(priced.total, tender)
        except PaymentRefused as exc:
            raise CheckoutRefused(str(exc)) from exc
        member_id = draft.member.member_id if draft.member else None
        with self._sessions.begin() as session:
            sequence = queries.next_order_sequence(session, self._till_id, now.date())
            order = self._order_row(draft, priced, settlement, cashier, now, sequence)
            session.add(order)
            session.flush()
            if member_id is not None and priced.points_earned:
                session.add(
                    PointsLedgerRow(
                        member_id=member_id,
                        delta=priced.points_earned,
                        reason="earn",
                        order_id=order.id,
                        staff_id=cashier.staff_id,
                        created_at=now,
                    )
                )
            queries.record_audit(
                session,
                at=now,
                till_id=self._till_id,
                staff_id=cashier.staff_id,
                action="order_paid",
                subject=f"order:{order.order_no}",
                detail=json.dumps(
                    {
                        "total": priced.total,
                        "method": settlement.method.value,
                        "member_id": member_id,
                    }
                ),
            )
            session.flush()
            member = None
            if member_id is not None:
                row = queries.member_by_id(session, member_id)
                assert row is not None
                member = member_summary(session, row)
            completed = CompletedOrder(
                order.order_no,
                now,
                self._till_id,
                cashier,
                draft.service_type,
                draft.table_no,
                draft.party_size,
                priced,
                settlement,
                member,
            )
            self._receipts.enqueue(session, completed, order.id)
        self._receipts.notify()
        return completed

    def _order_row(
        self,
        draft: OrderDraft,
        priced: PricedOrder,
        settlement: Settlement,
        cashier: StaffMember,
        now: datetime,
        sequence: int,
    ) -> OrderRow:
        order = OrderRow(
            order_no=f"{self._till_id}-{now:%Y%m%d}-{sequence:04d}",
            till_id=self._till_id,
            business_day=now.date(),
            sequence=sequence,
            staff_id=cashier.staff_id,
            member_id=draft.member.member_id if draft.member else None,
            tier_id=priced.tier.tier_id if priced.tier else None,
            service_type=draft.service_type.value,
            table_no=draft.table_no,
            party_size=draft.party_size,
            subtotal_fen=priced.subtotal,
            discount_fen=priced.discount,
            total_fen=priced.total,
            points_earned=priced.points_earned,
            status="paid",
            created_at=now,
        )
        order.lines = [
            OrderLineRow(
                position=position,
                item_id=line.item.item_id,
                category_id=line.item.category_id,
                name_zh=line.item.name_zh,
                name_en=line.item.name_en,
                quantity=line.quantity,
                unit_price_fen=line.item.unit_price,
                gross_fen=line.gross,
                discount_fen=line.discount,
                net_fen=line.net,
                discount_bp=line.discount_bp,
                discount_rule=line.rule.value,
            )
            for position, line in enumerate(priced.lines, start=1)
        ]
        order.payments = [
            PaymentRow(
                method=settlement.method.value,
                amount_fen=settlement.amount,
                tendered_fen=settlement.tendered,
                change_fen=settlement.change,
                reference=settlement.reference,
            )
        ]
        return order
