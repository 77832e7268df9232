"""Checkout: order, lines, payments, ledgers, renewal, tier and receipt in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.bill import Bill, build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules, TopUpRefused, check_top_up
from app.domain.members import MemberSummary
from app.domain.payment import PaymentMethod, PaymentRefused, Settlement, Tender, settle
from app.domain.qualification import after_spend
from app.domain.renewal import renewal_quote
from app.domain.staff import Permission, StaffMember, role_allows
from app.domain.stored_value import Balances, InsufficientStoredValue, Split, split_payment
from app.domain.tiers import Tier
from app.domain.upgrade import UpgradeQuote, upgrade_quote
from app.errors import CheckoutRefused, PermissionDenied
from app.services.checkout_types import CompletedOrder
from app.services.loyalty import term_spend, window_spend
from app.services.manual_discounts import use_grants
from db import loyalty as store
from db import offers as offer_store
from db import queries
from db.audit_log import SqlAuditLog
from db.ledgers import SqlLedgers
from db.loyalty_rules import rules_from_rows, with_personal_offers
from db.member_accounts import member_summary, tier_from_row
from db.models import (
    MemberRow,
    MembershipRenewalRow,
    OrderLineRow,
    OrderOfferRow,
    OrderRow,
    PaymentRow,
    TierChangeRow,
    TierRow,
)


class ReceiptQueue(Protocol):
    def enqueue(self, session: Session, order: CompletedOrder, order_id: int) -> None: ...

    def notify(self) -> None: ...


@dataclass(frozen=True)
class _Effects:
    """What the order does to the member, worked out under their lock."""

    bill: Bill
    split: Split | None
    points_earned: int
    upgraded_to: Tier | None = None


class CheckoutService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, receipts: ReceiptQueue
    ) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id
        self._receipts = receipts

    def check_out(self, draft: OrderDraft, tender: Tender, cashier: StaffMember) -> CompletedOrder:
        """Price, settle and commit the order; nothing is written unless all of it is.

        The bill is priced again here from the rules and balances in the database, under
        the member's lock, so a balance spent meanwhile at another till is never spent
        twice.
        """
        if not role_allows(cashier.role, Permission.CHECKOUT):
            raise PermissionDenied(f"{cashier.display_name} may not take payments")
        if draft.is_empty():
            raise CheckoutRefused("the order has no items")
        if draft.top_up_amount:
            try:
                check_top_up(draft.top_up_amount)
            except TopUpRefused as exc:
                raise CheckoutRefused(str(exc)) from exc
        now = self._clock.now()
        member_id = draft.member.member_id if draft.member else None
        with self._sessions.begin() as session:
            member_row = store.lock_member(session, member_id) if member_id is not None else None
            rules = rules_from_rows(session)
            bill = self._fresh_bill(session, draft, rules, member_row, now)
            settlement = self._settle(bill, tender)
            sequence = queries.next_order_sequence(session, self._till_id, now.date())
            split = self._stored_value_split(session, bill, settlement, member_row, rules)
            bonus = split.bonus if split else 0
            effects = _Effects(bill, split, bill.points_earned(bonus))
            order = self._order_row(draft, effects, settlement, cashier, now, sequence)
            session.add(order)
            session.flush()
            self._record_offers(session, order, bill, member_id)
            use_grants(session, bill.manual, order.id, cashier, self._till_id)
            if member_row is not None:
                self._write_ledgers(session, member_row.id, order, effects, cashier, now)
                self._renew(session, member_row, order, bill)
                _count_visit(member_row, order)
                self._upgrade(session, member_row, order, bill, cashier, now)
                upgraded = self._qualify(session, member_row, order, rules, cashier, now)
                effects = _Effects(bill, split, effects.points_earned, upgraded)
            SqlAuditLog(session).record(
                ActionContext(cashier.staff_id, self._till_id, now),
                "order_paid",
                f"order:{order.order_no}",
                {
                    "total": bill.priced.total,
                    "due": bill.due,
                    "method": settlement.method.value,
                    "member_id": member_id,
                    "points_redeemed": bill.points_redeemed,
                    "renewal": bill.renewal.offer.code if bill.renewal else None,
                    "upgrade": bill.upgrade.tier.code if bill.upgrade else None,
                    "top_up": bill.top_up_amount,
                    "offers": {a.candidate.key: a.amount for a in bill.offers.applied},
                    "manual_discounts": {str(m.discount.grant_id): m.amount for m in bill.manual},
                },
            )
            session.flush()
            member = member_summary(session, member_row) if member_row is not None else None
            completed = CompletedOrder(
                order.order_no,
                now,
                self._till_id,
                cashier,
                draft.service_type,
                draft.table_no,
                draft.party_size,
                bill,
                settlement,
                member,
                effects.points_earned,
                split,
                effects.upgraded_to,
            )
            self._receipts.enqueue(session, completed, order.id)
        self._receipts.notify()
        return completed

    def void(self, draft: OrderDraft, bill: Bill, cashier: StaffMember) -> None:
        """An order dropped before payment: nothing was charged, the audit log keeps it."""
        with self._sessions.begin() as session:
            SqlAuditLog(session).record(
                ActionContext(cashier.staff_id, self._till_id, self._clock.now()),
                "order_voided",
                f"member:{draft.member.member_no}" if draft.member else "guest",
                {
                    "lines": [[line.item.code, line.quantity] for line in draft.lines()],
                    "due": bill.due,
                    "renewal": bill.renewal.offer.code if bill.renewal else None,
                    "top_up": bill.top_up_amount,
                    "manual_discount_grants": [d.grant_id for d in draft.manual_discounts],
                },
            )

    def _fresh_bill(
        self,
        session: Session,
        draft: OrderDraft,
        rules: LoyaltyRules,
        member_row: MemberRow | None,
        now: datetime,
    ) -> Bill:
        if member_row is None:
            return build_bill(draft, rules, now)
        fresh = OrderDraft(draft.service_type, draft.table_no, draft.party_size)
        for line in draft.lines():
            fresh.set_quantity(line.item, line.quantity)
        member = with_personal_offers(session, member_summary(session, member_row), now.date())
        fresh.set_member(member)
        fresh.top_up_amount, fresh.redeem_points = draft.top_up_amount, draft.redeem_points
        fresh.manual_discounts = draft.manual_discounts
        usable = {coupon.coupon_id for coupon in member.coupons}
        if not draft.coupon_ids <= usable:
            raise CheckoutRefused(
                "a coupon on this order was used or has expired: find the member again"
            )
        fresh.coupon_ids = draft.coupon_ids
        if draft.renewal is not None:
            if member_row.expires_on is None:
                raise CheckoutRefused("this membership does not expire: nothing to renew")
            quote = renewal_quote(
                member_row.expires_on,
                now.date(),
                term_spend(session, member_row.id, member_row.expires_on),
                rules.renewal_offers,
            )
            if quote != draft.renewal:
                raise CheckoutRefused(
                    "the renewal offer has changed: find the member again to see today's offer"
                )
            fresh.renewal = quote
        if draft.upgrade is not None:
            fresh.upgrade = self._fresh_upgrade(session, member, rules, now, draft.upgrade)
        bill = build_bill(fresh, rules, now)
        if draft.redeem_points and not bill.points_redeemed:
            raise CheckoutRefused("the member has not enough points to redeem on this bill")
        return bill

    def _record_offers(
        self, session: Session, order: OrderRow, bill: Bill, member_id: int | None
    ) -> None:
        applied = bill.offers.applied
        if not applied:
            return
        ids = offer_store.offer_ids_by_code(session, [a.candidate.offer.code for a in applied])
        for one in applied:
            coupon = one.candidate.coupon
            if coupon is not None:
                assert member_id is not None, "coupons are personal"
                if not offer_store.use_coupon(session, coupon.coupon_id, member_id, order.id):
                    raise CheckoutRefused(f"coupon {coupon.code} was used meanwhile")
            session.add(
                OrderOfferRow(
                    order_id=order.id,
                    offer_id=ids[one.candidate.offer.code],
                    coupon_id=coupon.coupon_id if coupon else None,
                    member_id=member_id,
                    amount_fen=one.amount,
                )
            )

    def _fresh_upgrade(
        self,
        session: Session,
        member: MemberSummary,
        rules: LoyaltyRules,
        now: datetime,
        wanted: UpgradeQuote,
    ) -> UpgradeQuote:
        tiers = [tier_from_row(row) for row in store.tier_rows(session)]
        quote = upgrade_quote(member.tier, tiers, member.expires_on, now.date())
        if not rules.upgrade_for_fee_difference or quote != wanted:
            raise CheckoutRefused(
                "the upgrade offer has changed: find the member again to see today's offer"
            )
        return quote

    def _upgrade(
        self,
        session: Session,
        member: MemberRow,
        order: OrderRow,
        bill: Bill,
        cashier: StaffMember,
        now: datetime,
    ) -> None:
        if bill.upgrade is None:
            return
        session.add(
            TierChangeRow(
                member_id=member.id,
                from_tier_id=member.tier_id,
                to_tier_id=bill.upgrade.tier.tier_id,
                reason="upgrade_bought",
                order_id=order.id,
                staff_id=cashier.staff_id,
                note=f"fee {bill.upgrade.fee}",
                at=now,
            )
        )
        member.tier_id = bill.upgrade.tier.tier_id

    def _settle(self, bill: Bill, tender: Tender) -> Settlement:
        if tender.method is PaymentMethod.STORED_VALUE and bill.top_up is not None:
            raise CheckoutRefused("a top-up is paid in cash or by card, not with stored value")
        try:
            return settle(bill.due, tender)
        except PaymentRefused as exc:
            raise CheckoutRefused(str(exc)) from exc

    def _stored_value_split(
        self,
        session: Session,
        bill: Bill,
        settlement: Settlement,
        member_row: MemberRow | None,
        rules: LoyaltyRules,
    ) -> Split | None:
        if settlement.method is not PaymentMethod.STORED_VALUE:
            return None
        if member_row is None:
            raise CheckoutRefused("stored value needs a member on the order")
        held = SqlLedgers(session).stored_value(member_row.id)
        balances = Balances(held.principal, held.bonus)
        try:
            return split_payment(settlement.amount, balances, rules.consumption)
        except InsufficientStoredValue as exc:
            raise CheckoutRefused(
                f"stored value {exc.available / 100:.2f} does not cover {exc.wanted / 100:.2f}"
            ) from exc

    def _write_ledgers(
        self,
        session: Session,
        member_id: int,
        order: OrderRow,
        effects: _Effects,
        cashier: StaffMember,
        now: datetime,
    ) -> None:
        ledgers = SqlLedgers(session)
        on_order = {"member_id": member_id, "order_id": order.id, "staff_id": cashier.staff_id}
        bill = effects.bill
        if bill.points_redeemed:
            ledgers.append_points(delta=-bill.points_redeemed, reason="redeem", at=now, **on_order)
        if effects.points_earned:
            ledgers.append_points(delta=effects.points_earned, reason="earn", at=now, **on_order)
        if effects.split is not None and effects.split.total:
            ledgers.append_stored_value(
                principal=-effects.split.principal,
                bonus=-effects.split.bonus,
                reason="payment",
                at=now,
                **on_order,
            )
        if bill.top_up is not None:
            ledgers.append_stored_value(
                principal=bill.top_up.amount,
                bonus=bill.top_up.bonus,
                reason="top_up",
                at=now,
                **on_order,
            )

    def _renew(self, session: Session, member: MemberRow, order: OrderRow, bill: Bill) -> None:
        if bill.renewal is None:
            return
        session.add(
            MembershipRenewalRow(
                member_id=member.id,
                order_id=order.id,
                offer_code=bill.renewal.offer.code,
                kind=bill.renewal.offer.kind.value,
                fee_fen=bill.renewal.fee,
                old_expiry=member.expires_on,
                new_expiry=bill.renewal.new_expiry,
            )
        )
        member.expires_on = bill.renewal.new_expiry

    def _qualify(
        self,
        session: Session,
        member: MemberRow,
        order: OrderRow,
        rules: LoyaltyRules,
        cashier: StaffMember,
        now: datetime,
    ) -> Tier | None:
        """Upgrade at once when this order lifts the window's spend over a tier's mark."""
        if not rules.thresholds or not order.qualifying_spend_fen:
            return None
        current = session.get(TierRow, member.tier_id)
        assert current is not None, "foreign key guarantees the tier"
        session.flush()
        spend = window_spend(session, member.id, rules, now.date(), member.joined_on)
        rank = after_spend(current.rank, spend, rules.thresholds)
        if rank == current.rank:
            return None
        target = next(row for row in store.tier_rows(session) if row.rank == rank)
        session.add(
            TierChangeRow(
                member_id=member.id,
                from_tier_id=current.id,
                to_tier_id=target.id,
                reason="qualified",
                order_id=order.id,
                staff_id=cashier.staff_id,
                note=f"spend {spend} in window",
                at=now,
            )
        )
        member.tier_id = target.id
        return tier_from_row(target)

    def _order_row(
        self,
        draft: OrderDraft,
        effects: _Effects,
        settlement: Settlement,
        cashier: StaffMember,
        now: datetime,
        sequence: int,
    ) -> OrderRow:
        bill = effects.bill
        priced = bill.priced
        bonus = effects.split.bonus if effects.split else 0
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
            discount_fen=priced.all_discounts,
            offer_discount_fen=priced.offer_discount,
            manual_discount_fen=priced.manual_discount,
            total_fen=priced.total,
            points_earned=effects.points_earned,
            points_value_fen=bill.points_value,
            renewal_fen=bill.renewal_fee,
            upgrade_fen=bill.upgrade_fee,
            top_up_fen=bill.top_up_amount,
            due_fen=bill.due,
            qualifying_spend_fen=bill.earn_base(bonus) if draft.member else 0,
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
                discount_fen=line.discount + line.offer_discount + line.manual_discount,
                offer_discount_fen=line.offer_discount,
                manual_discount_fen=line.manual_discount,
                net_fen=line.net,
                discount_bp=line.discount_bp,
                discount_rule=line.rule.value,
            )
            for position, line in enumerate(priced.lines, start=1)
        ]
        payments = []
        if bill.points_redeemed:
            payments.append(
                PaymentRow(
                    method=PaymentMethod.POINTS.value,
                    amount_fen=bill.points_value,
                    tendered_fen=bill.points_value,
                    change_fen=0,
                    reference=f"{bill.points_redeemed} points",
                )
            )
        payments.append(
            PaymentRow(
                method=settlement.method.value,
                amount_fen=settlement.amount,
                tendered_fen=settlement.tendered,
                change_fen=settlement.change,
                reference=settlement.reference,
            )
        )
        order.payments = payments
        return order


def _count_visit(member: MemberRow, order: OrderRow) -> None:
    """The member's visit figures for list filters: an order with items is a visit."""
    if not order.subtotal_fen:
        return
    member.visits += 1
    member.spend_fen += order.qualifying_spend_fen
    if member.last_visit_on is None or order.business_day > member.last_visit_on:
        member.last_visit_on = order.business_day
