"""The checkout's rules on the fake unit of work: what a paid order writes, and when
nothing is written at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.offers import BenefitKind, Conditions, Coupon, Offer
from app.domain.payment import PaymentMethod, Tender
from app.domain.qualification import TierThreshold
from app.domain.renewal import OfferKind, RenewalOffer, renewal_quote
from app.domain.staff import Role, StaffId, StaffMember
from app.domain.stored_value import ConsumptionOrder
from app.domain.tiers import Tier, TierId
from app.errors import CheckoutRefused, PermissionDenied
from app.once.keys import RequestKeyReused
from app.services.checkout import CheckoutService
from app.services.checkout_types import CompletedOrder
from app.unit_of_work import UnitOfWork
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts

NOW = datetime(2026, 11, 22, 12, 30)
FOOD, DRINK = CategoryId(1), CategoryId(2)
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", FOOD, 3_800)
TEA = MenuItem(ItemId(2), "DRK-01", "茶", "Tea", DRINK, 1_000)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
TRAINEE = StaffMember(StaffId(3), "zhaomin", "赵敏", Role.TRAINEE)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset({DRINK}), 15_000, 0)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", GOLD,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip
EARLY = RenewalOffer("EARLY-99", OfferKind.EARLY, 9_900, window_days=60)
SORRY = Offer("CPN-SORRY", "致歉券", "Sorry", BenefitKind.AMOUNT_OFF, 500,
              Conditions(), coupon_only=True)  # fmt: skip


class Receipts:
    """The outbox as checkout sees it: queued in the unit, notified after the commit."""

    def __init__(self) -> None:
        self.queued: list[tuple[str, int]] = []
        self.notified = 0

    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        uow.print_jobs.add(
            till_id=order.till_id, printer_url="sim://", kind="receipt", document="{}",
            open_drawer=order.settlement.method is PaymentMethod.CASH,
            created_at=order.created_at, order_id=order_id,
        )  # fmt: skip
        self.queued.append((order.order_no, order_id))

    def notify(self) -> None:
        self.notified += 1


@pytest.fixture
def units() -> FakeUnits:
    units = FakeUnits(FakeStore(members={ZHANG.member_id: ZHANG},
                                tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD},
                                staff=staff_accounts(CASHIER, TRAINEE)))  # fmt: skip
    units.store.stored_value.append({"member_id": 7, "principal": 8_000, "bonus": 2_000})
    units.store.points.append({"member_id": 7, "delta": 500})
    return units


@pytest.fixture
def receipts() -> Receipts:
    return Receipts()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def checkout(units: FakeUnits, receipts: Receipts, clock: FakeClock) -> CheckoutService:
    return CheckoutService(units, clock, "T1", receipts)


def order(*lines: tuple[MenuItem, int], member: MemberSummary | None = None) -> OrderDraft:
    draft = OrderDraft()
    for item, quantity in lines:
        draft.set_quantity(item, quantity)
    draft.set_member(member)
    return draft


def cash(amount: int) -> Tender:
    return Tender(PaymentMethod.CASH, amount)


def test_a_guest_pays_cash_and_only_the_order_its_audit_and_receipt_are_written(
    checkout: CheckoutService, units: FakeUnits, receipts: Receipts
) -> None:
    done = checkout.check_out(order((NOODLES, 2)), cash(10_000), CASHIER)
    (paid,) = units.store.orders
    assert (done.order_no, paid.order_no) == ("T1-20261122-0001", "T1-20261122-0001")
    assert (paid.bill.due, paid.settlement.change, paid.member_id) == (7_600, 2_400, None)
    assert (done.member, done.points_earned) == (None, 0)
    assert len(units.store.points) == 1 and len(units.store.stored_value) == 1
    (context, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail["due"], detail["method"]) == (
        "order_paid", "order:T1-20261122-0001", 7_600, "cash",
    )  # fmt: skip
    assert (context.staff_id, context.till_id, context.now) == (1, "T1", NOW)
    assert receipts.queued == [("T1-20261122-0001", 1)] and receipts.notified == 1
    assert units.store.print_jobs[0]["open_drawer"] is True


def test_order_numbers_count_per_till_and_day(
    checkout: CheckoutService, units: FakeUnits, clock: FakeClock
) -> None:
    first = checkout.check_out(order((TEA, 1)), cash(1_000), CASHIER)
    second = checkout.check_out(order((TEA, 1)), cash(1_000), CASHIER)
    clock.advance(NOW.replace(day=23) - NOW)
    next_day = checkout.check_out(order((TEA, 1)), cash(1_000), CASHIER)
    assert [first.order_no, second.order_no, next_day.order_no] == [
        "T1-20261122-0001", "T1-20261122-0002", "T1-20261123-0001",
    ]  # fmt: skip


def test_a_member_gets_the_tier_discount_earns_points_and_a_visit(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    done = checkout.check_out(order((NOODLES, 2), (TEA, 1), member=ZHANG), cash(8_000), CASHIER)
    # Gold: 10% off food (7,600 -> 6,840), drinks excluded; 1.5 points per yuan of 7,840.
    assert done.bill.due == 7_840
    assert done.points_earned == 117
    assert units.store.points[-1]["reason"] == "earn" and units.store.points[-1]["delta"] == 117
    assert done.member is not None and done.member.points == 617
    assert units.store.visits[7] == (1, 7_840, NOW.date())
    assert units.store.locks_taken == 1


def test_stored_value_pays_in_proportion_of_principal_and_bonus(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    done = checkout.check_out(
        order((NOODLES, 1), member=ZHANG), Tender(PaymentMethod.STORED_VALUE, 3_420), CASHIER
    )
    assert done.stored_value_split is not None
    assert (done.stored_value_split.principal, done.stored_value_split.bonus) == (2_736, 684)
    payment = units.store.stored_value[-1]
    assert (payment["principal"], payment["bonus"], payment["reason"]) == (-2_736, -684, "payment")
    # Points are earned on what the bonus did not pay.
    assert done.points_earned == (3_420 - 684) * 15_000 // 1_000_000
    assert units.store.print_jobs[-1]["open_drawer"] is False


def test_a_keyed_order_paid_again_is_the_same_order_charged_and_queued_once(
    checkout: CheckoutService, units: FakeUnits, receipts: Receipts
) -> None:
    draft = order((NOODLES, 1), member=ZHANG)
    draft.request_key = "5d1c0e3b9a8f4e2d8c7b6a5f4e3d2c1b"
    tender = Tender(PaymentMethod.STORED_VALUE, 3_420)
    first = checkout.check_out(draft, tender, CASHIER)
    again = checkout.check_out(draft, tender, CASHIER)
    assert again.replayed and again.order_no == first.order_no
    assert again.stored_value_split == first.stored_value_split
    assert len(units.store.orders) == 1 and len(receipts.queued) == 1
    assert [e.get("reason") for e in units.store.stored_value].count("payment") == 1
    assert receipts.notified == 2  # the spooler is woken for a receipt not printed yet


def test_stored_value_that_does_not_cover_the_bill_writes_nothing(
    checkout: CheckoutService, units: FakeUnits, receipts: Receipts
) -> None:
    units.store.rules = LoyaltyRules(consumption=ConsumptionOrder.PRINCIPAL_FIRST)
    big = order((NOODLES, 3), member=ZHANG)
    with pytest.raises(CheckoutRefused, match="does not cover"):
        checkout.check_out(big, Tender(PaymentMethod.STORED_VALUE, 10_260), CASHIER)
    assert units.store.orders == [] and units.store.audit == []
    assert receipts.queued == [] and receipts.notified == 0


def test_a_guest_cannot_pay_with_stored_value(checkout: CheckoutService) -> None:
    with pytest.raises(CheckoutRefused, match="needs a member"):
        checkout.check_out(order((TEA, 1)), Tender(PaymentMethod.STORED_VALUE, 1_000), CASHIER)


def test_nobody_without_the_checkout_permission_takes_a_payment(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    with pytest.raises(PermissionDenied):
        checkout.check_out(order((TEA, 1)), cash(1_000), TRAINEE)
    assert units.store.orders == []


def test_an_empty_order_is_refused(checkout: CheckoutService) -> None:
    with pytest.raises(CheckoutRefused, match="no items"):
        checkout.check_out(OrderDraft(), cash(0), CASHIER)


def test_a_renewal_on_the_order_extends_the_term_from_the_old_expiry(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    units.store.rules = LoyaltyRules(renewal_offers=(EARLY,))
    draft = order((TEA, 1), member=ZHANG)
    draft.renewal = renewal_quote(date(2027, 1, 1), NOW.date(), 0, (EARLY,))
    assert draft.renewal is not None
    done = checkout.check_out(draft, cash(10_900), CASHIER)
    assert units.store.renewals == [(7, 1, date(2027, 1, 1), date(2028, 1, 1))]
    assert done.member is not None and done.member.expires_on == date(2028, 1, 1)


def test_a_renewal_offer_that_changed_meanwhile_refuses_the_sale(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    draft = order((TEA, 1), member=ZHANG)
    draft.renewal = renewal_quote(date(2027, 1, 1), NOW.date(), 0, (EARLY,))
    units.store.rules = LoyaltyRules(renewal_offers=())  # the manager withdrew it
    with pytest.raises(CheckoutRefused, match="renewal offer has changed"):
        checkout.check_out(draft, cash(10_900), CASHIER)
    assert units.store.renewals == [] and units.store.orders == []


def test_spend_over_a_tiers_mark_lifts_the_member_at_once(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    silver = MemberSummary(MemberId(8), "M0000008", "李娜", "13900000000", SILVER,
                           date(2026, 6, 1), date(2027, 6, 1), 0, 0, "", "")  # fmt: skip
    units.store.members[silver.member_id] = silver
    units.store.rules = LoyaltyRules(thresholds=(TierThreshold(1, 0), TierThreshold(2, 10_000)))
    small = checkout.check_out(order((NOODLES, 1), member=silver), cash(3_610), CASHIER)
    assert small.upgraded_to is None
    big = checkout.check_out(order((NOODLES, 2), member=silver), cash(7_220), CASHIER)
    assert big.upgraded_to == GOLD
    ((member_id, from_tier, change),) = units.store.tier_changes
    assert (member_id, from_tier, change.to_tier, change.reason, change.order_id) == (
        8, 1, 2, "qualified", 2,
    )  # fmt: skip
    assert big.member is not None and big.member.tier == GOLD


def test_a_coupon_is_used_once_and_a_second_sale_with_it_is_refused(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    coupon = Coupon(41, "CP-ABCDEFGH", SORRY, date(2026, 12, 31))
    units.store.personal_coupons[7] = [coupon]
    units.store.rules = LoyaltyRules(offers=(SORRY,))
    draft = order((NOODLES, 1), member=ZHANG)
    draft.toggle_coupon(41)
    done = checkout.check_out(draft, cash(3_000), CASHIER)
    assert done.bill.offers.total == 500
    assert units.store.coupon_uses == {41: 1}
    assert units.store.order_offers == [
        {"order_id": 1, "offer_code": "CPN-SORRY", "coupon_id": 41, "member_id": 7, "amount": 500}
    ]
    again = order((NOODLES, 1), member=ZHANG)
    again.toggle_coupon(41)
    with pytest.raises(CheckoutRefused, match="coupon"):
        checkout.check_out(again, cash(3_000), CASHIER)
    assert len(units.store.orders) == 1


def test_redeeming_points_needs_enough_of_them(checkout: CheckoutService, units: FakeUnits) -> None:
    draft = order((NOODLES, 1), member=ZHANG)
    draft.redeem_points = True
    done = checkout.check_out(draft, cash(3_000), CASHIER)
    assert done.bill.points_redeemed == 500
    assert [e["reason"] for e in units.store.points[1:]] == ["redeem", "earn"]
    broke = order((NOODLES, 1), member=ZHANG)
    broke.redeem_points = True
    with pytest.raises(CheckoutRefused, match="not enough points"):
        checkout.check_out(broke, cash(3_420), CASHIER)


def test_a_voided_order_is_audited_and_charges_nothing(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    draft = order((NOODLES, 2), member=ZHANG)
    checkout.void(draft, build_bill(draft, LoyaltyRules(), NOW), CASHIER)
    (_, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail["lines"]) == ("order_voided", "member:M0000007",
                                                  [["HOT-01", 2]])  # fmt: skip
    assert units.store.orders == []


def test_a_void_retried_with_its_key_is_recorded_once_and_another_void_under_it_is_refused(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    draft = order((NOODLES, 2), member=ZHANG)
    bill = build_bill(draft, LoyaltyRules(), NOW)
    checkout.void(draft, bill, CASHIER, "void-key")
    checkout.void(draft, bill, CASHIER, "void-key")  # the reply was lost: the till retries
    assert [event[1] for event in units.store.audit].count("order_voided") == 1
    other = order((NOODLES, 1), member=ZHANG)
    with pytest.raises(RequestKeyReused):
        checkout.void(other, build_bill(other, LoyaltyRules(), NOW), CASHIER, "void-key")
