"""Checkout: order, lines, payments, ledgers, renewal, tier and receipt in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Protocol

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.bill import Bill, build_bill
from app.domain.business_day import business_day
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules, TopUpRefused, check_top_up
from app.domain.members import MemberId, MemberSummary
from app.domain.membership_term import term_start
from app.domain.order_numbers import order_number
from app.domain.orders import PaidOrder
from app.domain.payment import PaymentMethod, PaymentRefused, Settlement, Tender, settle
from app.domain.qualification import after_spend, window
from app.domain.renewal import renewal_quote
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.staff import Permission, StaffMember
from app.domain.stored_value import Balances, InsufficientStoredValue, Split, split_payment
from app.domain.tiers import Tier, TierChange
from app.domain.upgrade import UpgradeQuote, upgrade_quote
from app.errors import CheckoutRefused
from app.once.checkout_outcome import checkout_fingerprint, checkout_outcome, replayed_checkout
from app.once.keys import claim, committed_outcome, once_more_if_taken
from app.services.checkout_types import CompletedOrder
from app.services.order_numbering import OrderNumbering, ServerNumbers
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory


class ReceiptQueue(Protocol):
    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        """Queue the order's receipt in the checkout's own unit of work."""

    def notify(self) -> None: ...


class Shortfalls(Protocol):
    def cover(self, uow: UnitOfWork, member: MemberSummary, action: ActionContext) -> MemberSummary:
        """Under the member's lock, before pricing: make the balances cover what a sale that
        already happened spends (an offline sale replayed), and return the member anew."""


@dataclass(frozen=True)
class _Effects:
    """What the order does to the member, worked out under their lock."""

    bill: Bill
    split: Split | None
    points_earned: int
    upgraded_to: Tier | None = None


class CheckoutService:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        receipts: ReceiptQueue,
        cutoff_hour: int = 0,
        store_id: int | None = None,
        numbering: OrderNumbering | None = None,
    ) -> None:
        """``cutoff_hour``: before it, a sale belongs to the previous business day;
        ``store_id``: the till's store, whose excluded offers do not apply;
        ``numbering``: the server's next number (the default), or an offline one
        (``T1-20261122-L0001``: ``app.services.order_numbering``)."""
        self._units, self._clock, self._till_id = units, clock, till_id
        self._receipts = receipts
        self._cutoff_hour = cutoff_hour
        self._store_id = store_id
        self._numbering = numbering or ServerNumbers()

    def check_out(
        self,
        draft: OrderDraft,
        tender: Tender,
        cashier: StaffMember,
        shortfalls: Shortfalls | None = None,
    ) -> CompletedOrder:
        """Price, settle and commit the order; nothing is written unless all of it is.

        The bill is priced again here from the rules and balances in the database, under
        the member's lock, so a balance spent meanwhile at another till is never spent
        twice. An order with a ``request_key`` commits once: a retry gets the order
        committed under the key (``replayed``), a key of another order is refused.
        ``shortfalls`` lets a sale that already happened through (``app/offline/``).
        """
        return once_more_if_taken(lambda: self._check_out(draft, tender, cashier, shortfalls))

    def _check_out(
        self,
        draft: OrderDraft,
        tender: Tender,
        cashier: StaffMember,
        shortfalls: Shortfalls | None = None,
    ) -> CompletedOrder:
        if draft.is_empty():
            raise CheckoutRefused("the order has no items")
        if draft.top_up_amount:
            try:
                check_top_up(draft.top_up_amount)
            except TopUpRefused as exc:
                raise CheckoutRefused(str(exc)) from exc
        action = ActionContext.begin(self._clock, self._till_id, cashier.staff_id)
        member_id = draft.member.member_id if draft.member else None
        with self._units() as uow:
            require_stored(uow.staff, cashier, Permission.CHECKOUT, "take payments")
            asked = checkout_fingerprint(draft, tender) if draft.request_key else ""
            prior = committed_outcome(uow, draft.request_key, RequestKind.CHECKOUT, asked)
            if prior is not None:  # its receipt was queued with it: nothing more to print
                self._receipts.notify()
                return replayed_checkout(uow, prior, draft, cashier)
            # The rules first: the member's lock is held from here to the commit, so what
            # does not depend on the member is read before it (another till waits less).
            rules = uow.programme.rules().in_store(self._store_id)
            member = uow.members.lock(member_id) if member_id is not None else None
            if member is not None and shortfalls is not None:
                member = shortfalls.cover(uow, member, action)
            bill = self._fresh_bill(uow, draft, rules, member, action)
            settlement = _settle(bill, tender)
            split = _stored_value_split(uow, bill, settlement, member, rules)
            effects = _Effects(bill, split, bill.points_earned(split.bonus if split else 0))
            paid, spend = self._paid_order(uow, draft, effects, settlement, rules, member, action)
            order_id = uow.orders.add(paid)
            _record_offers(uow, order_id, bill, member_id)
            _use_manual_discounts(uow, bill, order_id, cashier, self._till_id)
            if member is not None:
                upgraded = self._member_effects(
                    uow, member, order_id, paid, split, spend, rules, action
                )
                effects = _Effects(bill, split, effects.points_earned, upgraded)
            uow.audit.record(action, "order_paid", f"order:{paid.order_no}", _paid_detail(paid))
            after = _after(member, bill, split, effects) if member is not None else None
            completed = CompletedOrder(
                paid.order_no,
                action.now,
                self._till_id,
                cashier,
                draft.service_type,
                draft.table_no,
                draft.party_size,
                bill,
                settlement,
                after,
                effects.points_earned,
                split,
                effects.upgraded_to,
                rules=rules,
            )
            claim(uow, draft.request_key, RequestKind.CHECKOUT, asked, self._till_id,
                  action.now, checkout_outcome(completed))  # fmt: skip
            self._receipts.enqueue(uow, completed, order_id)
            uow.commit()
        self._receipts.notify()
        return completed

    def void(
        self,
        draft: OrderDraft,
        bill: Bill,
        cashier: StaffMember,
        request_key: str | None = None,
    ) -> None:
        """An order dropped before payment: nothing was charged, the audit log keeps it.
        With a ``request_key`` the void is recorded once however often it is retried."""
        action = ActionContext.begin(self._clock, self._till_id, cashier.staff_id)
        detail = {
            "lines": [[line.item.code, line.quantity] for line in draft.lines()],
            "due": bill.due,
            "renewal": bill.renewal.offer.code if bill.renewal else None,
            "top_up": bill.top_up_amount,
            "manual_discount_grants": [d.grant_id for d in draft.manual_discounts],
        }
        subject = f"member:{draft.member.member_no}" if draft.member else "guest"
        asked = fingerprint(RequestKind.VOID, {**detail, "subject": subject})
        once_more_if_taken(lambda: self._void_once(action, subject, detail, request_key, asked))

    def _void_once(
        self,
        action: ActionContext,
        subject: str,
        detail: dict[str, object],
        request_key: str | None,
        asked: str,
    ) -> None:
        with self._units() as uow:
            if committed_outcome(uow, request_key, RequestKind.VOID, asked) is not None:
                return
            uow.audit.record(action, "order_voided", subject, detail)
            claim(uow, request_key, RequestKind.VOID, asked, self._till_id, action.now,
                  {"reference": subject})  # fmt: skip
            uow.commit()

    def _fresh_bill(
        self,
        uow: UnitOfWork,
        draft: OrderDraft,
        rules: LoyaltyRules,
        locked: MemberSummary | None,
        action: ActionContext,
    ) -> Bill:
        if locked is None:
            return build_bill(draft, rules, action.now)
        today = action.now.date()
        fresh = OrderDraft(draft.service_type, draft.table_no, draft.party_size)
        for line in draft.lines():
            fresh.set_quantity(line.item, line.quantity)
        member = uow.programme.personal(locked, today)
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
            if member.expires_on is None:
                raise CheckoutRefused("this membership does not expire: nothing to renew")
            spent = uow.orders.qualifying_spend(
                member.member_id, term_start(member.expires_on), member.expires_on
            )
            quote = renewal_quote(member.expires_on, today, spent, rules.renewal_offers)
            if quote != draft.renewal:
                raise CheckoutRefused(
                    "the renewal offer has changed: find the member again to see today's offer"
                )
            fresh.renewal = quote
        if draft.upgrade is not None:
            fresh.upgrade = _fresh_upgrade(uow, member, rules, action, draft.upgrade)
        bill = build_bill(fresh, rules, action.now)
        if draft.redeem_points and not bill.points_redeemed:
            raise CheckoutRefused("the member has not enough points to redeem on this bill")
        return bill

    def _paid_order(
        self,
        uow: UnitOfWork,
        draft: OrderDraft,
        effects: _Effects,
        settlement: Settlement,
        rules: LoyaltyRules,
        member: MemberSummary | None,
        action: ActionContext,
    ) -> tuple[PaidOrder, int | None]:
        """The order to write, and the member's qualifying spend in the tier window with
        it when it may lift them to another tier (read with the order's number)."""
        now, bill = action.now, effects.bill
        day = business_day(now, self._cutoff_hour)
        bonus = effects.split.bonus if effects.split else 0
        qualifying = bill.earn_base(bonus) if draft.member else 0
        spend: int | None = None
        if member is not None and rules.thresholds and qualifying:
            first, last = window(rules.window, now.date(), member.joined_on)
            if isinstance(self._numbering, ServerNumbers):  # both in one round trip
                sequence, before = uow.orders.next_sequence_and_spend(
                    self._till_id, day, member.member_id, first, last
                )
            else:  # offline, or a replay under the slip's number (and day)
                day, sequence = self._numbering.take(uow, self._till_id, day)
                before = uow.orders.qualifying_spend(member.member_id, first, last)
            spend = before + (qualifying if first <= day <= last else 0)
        else:
            day, sequence = self._numbering.take(uow, self._till_id, day)
        assert action.staff_id is not None, "a cashier takes the payment"
        paid = PaidOrder(
            order_no=order_number(self._till_id, day, sequence),
            till_id=self._till_id,
            business_day=day,
            sequence=sequence,
            staff_id=action.staff_id,
            member_id=draft.member.member_id if draft.member else None,
            service_type=draft.service_type,
            table_no=draft.table_no,
            party_size=draft.party_size,
            bill=bill,
            settlement=settlement,
            points_earned=effects.points_earned,
            qualifying_spend=qualifying,
            created_at=now,
        )
        return paid, spend

    def _member_effects(
        self,
        uow: UnitOfWork,
        member: MemberSummary,
        order_id: int,
        paid: PaidOrder,
        split: Split | None,
        spend: int | None,
        rules: LoyaltyRules,
        action: ActionContext,
    ) -> Tier | None:
        """Ledgers, renewal, visit, bought upgrade and qualification; returns the tier the
        order's spend (``spend``: in the window, this order's included) lifted the member
        to, if any."""
        bill = paid.bill
        _write_ledgers(uow, member.member_id, order_id, paid, split, action)
        if bill.renewal is not None:
            uow.members.renew(member.member_id, order_id, bill.renewal)
        if bill.priced.subtotal:  # an order with items is a visit
            uow.members.count_visit(member.member_id, paid.business_day, paid.qualifying_spend)
        current = member.tier
        if bill.upgrade is not None:
            change = TierChange(
                to_tier=bill.upgrade.tier.tier_id,
                reason="upgrade_bought",
                at=action.now,
                staff_id=action.staff_id,
                order_id=order_id,
                note=f"fee {bill.upgrade.fee}",
            )
            uow.members.change_tier(member.member_id, change)
            current = bill.upgrade.tier
        if spend is None:
            return None
        return _qualify(uow, member, current, order_id, spend, rules, action)


def _after(
    member: MemberSummary, bill: Bill, split: Split | None, effects: _Effects
) -> MemberSummary:
    """The member as this order leaves them, worked out from what it wrote under their
    lock rather than read back: the balances moved by its ledger entries, the tier it
    bought or qualified for, the expiry its renewal set."""
    stored_value = member.stored_value - (split.total if split else 0)
    if bill.top_up is not None:
        stored_value += bill.top_up.amount + bill.top_up.bonus
    tier = effects.upgraded_to or (bill.upgrade.tier if bill.upgrade else member.tier)
    return replace(
        member,
        tier=tier,
        expires_on=bill.renewal.new_expiry if bill.renewal else member.expires_on,
        points=member.points - bill.points_redeemed + effects.points_earned,
        stored_value=stored_value,
    )


def _settle(bill: Bill, tender: Tender) -> Settlement:
    if tender.method is PaymentMethod.STORED_VALUE and bill.top_up is not None:
        raise CheckoutRefused("a top-up is paid in cash or by card, not with stored value")
    try:
        return settle(bill.due, tender)
    except PaymentRefused as exc:
        raise CheckoutRefused(str(exc)) from exc


def _stored_value_split(
    uow: UnitOfWork,
    bill: Bill,
    settlement: Settlement,
    member: MemberSummary | None,
    rules: LoyaltyRules,
) -> Split | None:
    if settlement.method is not PaymentMethod.STORED_VALUE:
        return None
    if member is None:
        raise CheckoutRefused("stored value needs a member on the order")
    held = uow.ledgers.stored_value(member.member_id)
    try:
        return split_payment(
            settlement.amount, Balances(held.principal, held.bonus), rules.consumption
        )
    except InsufficientStoredValue as exc:
        raise CheckoutRefused(
            f"stored value {exc.available / 100:.2f} does not cover {exc.wanted / 100:.2f}"
        ) from exc


def _fresh_upgrade(
    uow: UnitOfWork,
    member: MemberSummary,
    rules: LoyaltyRules,
    action: ActionContext,
    wanted: UpgradeQuote,
) -> UpgradeQuote:
    quote = upgrade_quote(member.tier, uow.tiers.ranked(), member.expires_on, action.now.date())
    if not rules.upgrade_for_fee_difference or quote != wanted:
        raise CheckoutRefused(
            "the upgrade offer has changed: find the member again to see today's offer"
        )
    return quote


def _record_offers(uow: UnitOfWork, order_id: int, bill: Bill, member_id: MemberId | None) -> None:
    for one in bill.offers.applied:
        coupon = one.candidate.coupon
        if coupon is not None:
            assert member_id is not None, "coupons are personal"
            if not uow.orders.use_coupon(coupon.coupon_id, member_id, order_id):
                raise CheckoutRefused(f"coupon {coupon.code} was used meanwhile")
        uow.orders.record_offer(
            order_id=order_id,
            offer_code=one.candidate.offer.code,
            coupon_id=coupon.coupon_id if coupon else None,
            member_id=member_id,
            amount=one.amount,
        )


def _use_manual_discounts(
    uow: UnitOfWork, bill: Bill, order_id: int, cashier: StaffMember, till_id: str
) -> None:
    """Each approved manual discount is used by this order once, as it was approved."""
    for applied in bill.manual:
        if not uow.orders.use_manual_discount(applied, order_id, cashier.staff_id, till_id):
            raise CheckoutRefused(
                "a manual discount on this order was used already or not approved as it "
                "stands: remove it and ask for it again"
            )


def _write_ledgers(
    uow: UnitOfWork,
    member_id: int,
    order_id: int,
    paid: PaidOrder,
    split: Split | None,
    action: ActionContext,
) -> None:
    bill = paid.bill
    points = partial(
        uow.ledgers.append_points,
        member_id=member_id, order_id=order_id, staff_id=action.staff_id, at=action.now,
    )  # fmt: skip
    stored_value = partial(
        uow.ledgers.append_stored_value,
        member_id=member_id, order_id=order_id, staff_id=action.staff_id, at=action.now,
    )  # fmt: skip
    if bill.points_redeemed:
        points(delta=-bill.points_redeemed, reason="redeem")
    if paid.points_earned:
        points(delta=paid.points_earned, reason="earn")
    if split is not None and split.total:
        stored_value(principal=-split.principal, bonus=-split.bonus, reason="payment")
    if bill.top_up is not None:
        stored_value(principal=bill.top_up.amount, bonus=bill.top_up.bonus, reason="top_up")


def _qualify(
    uow: UnitOfWork,
    member: MemberSummary,
    current: Tier,
    order_id: int,
    spend: int,
    rules: LoyaltyRules,
    action: ActionContext,
) -> Tier | None:
    """Upgrade at once when this order lifts the window's spend over a tier's mark."""
    rank = after_spend(current.rank, spend, rules.thresholds)
    if rank == current.rank:
        return None
    target = next(tier for tier in uow.tiers.ranked() if tier.rank == rank)
    change = TierChange(
        to_tier=target.tier_id,
        reason="qualified",
        at=action.now,
        staff_id=action.staff_id,
        order_id=order_id,
        note=f"spend {spend} in window",
    )
    uow.members.change_tier(member.member_id, change)
    return target


def _paid_detail(paid: PaidOrder) -> dict[str, object]:
    bill = paid.bill
    return {
        "total": bill.priced.total,
        "due": bill.due,
        "method": paid.settlement.method.value,
        "member_id": paid.member_id,
        "points_redeemed": bill.points_redeemed,
        "renewal": bill.renewal.offer.code if bill.renewal else None,
        "upgrade": bill.upgrade.tier.code if bill.upgrade else None,
        "top_up": bill.top_up_amount,
        "offers": {a.candidate.key: a.amount for a in bill.offers.applied},
        "manual_discounts": {str(m.discount.grant_id): m.amount for m in bill.manual},
    }
