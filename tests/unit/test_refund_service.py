"""Refunds on the fake unit of work: orders paid through the real checkout, then given back
whole or in part, with the approvals and refusals the counter relies on."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.approvals import Approval, PinApproval, ReasonCode
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.offers import BenefitKind, Conditions, Coupon, Offer
from app.domain.payment import PaymentMethod, Tender
from app.domain.qualification import TierThreshold
from app.domain.renewal import OfferKind, RenewalOffer, renewal_quote
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.checkout import CheckoutService
from app.services.checkout_types import CompletedOrder
from app.services.refunds import RefundPreview, RefundRefused, RefundService
from app.unit_of_work import UnitOfWork
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts

NOW = datetime(2026, 11, 22, 12, 30)
FOOD = CategoryId(1)
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", FOOD, 3_800)
RICE = MenuItem(ItemId(2), "RCE-01", "炒饭", "Fried rice", FOOD, 2_000)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 0, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 20_000, 0)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", GOLD,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip
EARLY = RenewalOffer("EARLY-99", OfferKind.EARLY, 9_900, window_days=60)
PIN = PinApproval("manager", "9999")


class NoSlips:
    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        pass

    def enqueue_refund(
        self, uow: UnitOfWork, refund: RefundPreview, staff: StaffMember,
        approver: StaffMember, at: datetime,
    ) -> None:  # fmt: skip
        uow.print_jobs.add(till_id="T1", printer_url="sim://", kind="refund", document="{}",
                           open_drawer=refund.money_back > 0, created_at=at)  # fmt: skip

    def notify(self) -> None:
        pass


class ManagerPin:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        if approval != PIN:
            raise PermissionDenied("a manager must approve")
        return MANAGER

    def require(self, staff: StaffMember, permission: Permission) -> None:
        """Every account here is stored with the role it shows."""
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(members={ZHANG.member_id: ZHANG},
                      tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD},
                      staff=staff_accounts(CASHIER, MANAGER))  # fmt: skip
    store.stored_value.append({"member_id": 7, "principal": 10_000, "bonus": 1_000})
    return FakeUnits(store)


@pytest.fixture
def checkout(units: FakeUnits) -> CheckoutService:
    return CheckoutService(units, FakeClock(NOW), "T1", NoSlips())


@pytest.fixture
def refunds(units: FakeUnits) -> RefundService:
    return RefundService(units, FakeClock(NOW), "T1", ManagerPin(), NoSlips())


def sell(checkout: CheckoutService, draft: OrderDraft, tender: Tender) -> CompletedOrder:
    return checkout.check_out(draft, tender, CASHIER)


def member_order(*lines: tuple[MenuItem, int]) -> OrderDraft:
    draft = OrderDraft()
    for item, quantity in lines:
        draft.set_quantity(item, quantity)
    draft.set_member(ZHANG)
    return draft


def balances(units: FakeUnits) -> tuple[int, int, int]:
    with units() as uow:
        held = uow.ledgers.stored_value(7)
        return uow.ledgers.points_balance(7), held.principal, held.bonus


def test_a_whole_refund_gives_the_cash_back_and_takes_the_earned_points(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    paid = sell(checkout, member_order((NOODLES, 2)), Tender(PaymentMethod.CASH, 10_000))
    assert balances(units)[0] == 136  # 6,840 paid at 2x
    done = refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)
    assert (done.money_back, done.points_back, done.completes) == (6_840, -136, True)
    assert balances(units) == (0, 10_000, 1_000)
    assert units.store.order_status[1] == "refunded"
    assert units.store.visits[7][:2] == (0, 0)
    (_, action, subject, detail) = units.store.audit[-1]
    assert (action, subject, detail["money_back"]) == ("order_refunded", f"order:{paid.order_no}",
                                                       6_840)  # fmt: skip
    assert units.store.print_jobs[-1]["kind"] == "refund"


def test_a_refunded_order_cannot_be_refunded_again(
    checkout: CheckoutService, refunds: RefundService
) -> None:
    paid = sell(checkout, member_order((NOODLES, 1)), Tender(PaymentMethod.CASH, 3_420))
    refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)
    with pytest.raises(RefundRefused, match="refunded already"):
        refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)


def test_some_units_go_back_with_their_share_and_the_rest_later_completes_the_order(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    paid = sell(checkout, member_order((NOODLES, 2), (RICE, 1)), Tender(PaymentMethod.CASH, 9_000))
    part = refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS, units={1: 1})
    assert (part.completes, part.money_back, part.units) == (False, 3_420, ((1, 1),))
    assert units.store.order_status[1] == "part_refunded"
    rest = refunds.preview(paid.order_no)
    assert rest.units == ((1, 1), (2, 1)) and rest.money_back == 8_640 - 3_420
    refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)
    assert balances(units) == (0, 10_000, 1_000)  # every entry reversed exactly once


def test_more_units_than_are_left_are_refused(
    checkout: CheckoutService, refunds: RefundService
) -> None:
    paid = sell(checkout, member_order((NOODLES, 1)), Tender(PaymentMethod.CASH, 3_420))
    with pytest.raises(RefundRefused):
        refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS, units={1: 2})


def test_stored_value_goes_back_to_the_balances_it_came_from(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    paid = sell(checkout, member_order((NOODLES, 1)), Tender(PaymentMethod.STORED_VALUE, 3_420))
    assert balances(units)[1:] == (10_000 - 3_109, 1_000 - 311)
    done = refunds.refund(paid.order_no, MANAGER, ReasonCode.GUEST_COMPLAINT)
    assert done.money_back == 0
    assert balances(units) == (0, 10_000, 1_000)


def test_a_cashier_needs_a_managers_approval_and_a_note_for_other(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    paid = sell(checkout, member_order((NOODLES, 9)), Tender(PaymentMethod.CASH, 40_000))
    with pytest.raises(PermissionDenied):
        refunds.refund(paid.order_no, CASHIER, ReasonCode.WRONG_ITEMS)
    with pytest.raises(RefundRefused, match="needs a note"):
        refunds.refund(paid.order_no, CASHIER, ReasonCode.OTHER, "  ", PIN)
    done = refunds.refund(paid.order_no, CASHIER, ReasonCode.OTHER, "burnt", PIN)
    assert done.completes
    assert units.store.refunds[0].approver_id == MANAGER.staff_id


def test_points_already_spent_block_the_refund_and_nothing_is_written(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    units.store.points.append({"member_id": 7, "delta": 100, "reason": "adjustment"})
    paid = sell(checkout, member_order((NOODLES, 2)), Tender(PaymentMethod.CASH, 10_000))
    spend = member_order((RICE, 1))
    spend.redeem_points = True  # uses the 236 points, the 136 this order earned included
    sell(checkout, spend, Tender(PaymentMethod.CASH, 2_000))
    with pytest.raises(RefundRefused, match="already used"):
        refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)
    assert units.store.refunds == [] and units.store.order_status == {}


def test_a_renewal_refunded_with_the_order_restores_the_old_expiry(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    units.store.rules = LoyaltyRules(renewal_offers=(EARLY,))
    draft = member_order((NOODLES, 1))
    draft.renewal = renewal_quote(date(2027, 1, 1), NOW.date(), 0, (EARLY,))
    paid = sell(checkout, draft, Tender(PaymentMethod.CASH, 13_320))
    done = refunds.refund(paid.order_no, MANAGER, ReasonCode.GUEST_CHANGED_MIND)
    assert (done.renewal_reverted, done.restores_expiry) == (True, date(2027, 1, 1))
    with units() as uow:
        assert uow.members.summary(ZHANG.member_id).expires_on == date(2027, 1, 1)


def test_the_tier_an_order_earned_goes_with_the_order(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    silver = MemberSummary(MemberId(8), "M0000008", "李娜", "13900000000", SILVER,
                           date(2026, 6, 1), date(2027, 6, 1), 0, 0, "", "")  # fmt: skip
    units.store.members[silver.member_id] = silver
    units.store.rules = LoyaltyRules(thresholds=(TierThreshold(1, 0), TierThreshold(2, 5_000)))
    draft = OrderDraft()
    draft.set_quantity(NOODLES, 2)
    draft.set_member(silver)
    paid = sell(checkout, draft, Tender(PaymentMethod.CASH, 7_600))
    assert paid.upgraded_to == GOLD
    done = refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)
    assert done.tier_reverted
    with units() as uow:
        assert uow.members.summary(silver.member_id).tier == SILVER
    assert units.store.tier_changes[-1][2].reason == "refund"


def test_a_coupon_used_on_the_order_comes_back_with_it(
    checkout: CheckoutService, refunds: RefundService, units: FakeUnits
) -> None:
    sorry = Offer("CPN-SORRY", "致歉券", "Sorry", BenefitKind.AMOUNT_OFF, 500, Conditions(),
                  coupon_only=True)  # fmt: skip
    units.store.rules = LoyaltyRules(offers=(sorry,))
    units.store.personal_coupons[7] = [Coupon(41, "CP-ABCDEFGH", sorry, date(2026, 12, 31))]
    draft = member_order((NOODLES, 1))
    draft.toggle_coupon(41)
    paid = sell(checkout, draft, Tender(PaymentMethod.CASH, 3_000))
    refunds.refund(paid.order_no, MANAGER, ReasonCode.WRONG_ITEMS)
    assert units.store.coupon_uses == {}
    assert units.store.audit[-1][3]["coupons_returned"] == ["CP-ABCDEFGH"]


def test_the_recent_orders_are_this_tills_newest_first(
    checkout: CheckoutService, refunds: RefundService
) -> None:
    first = sell(checkout, member_order((NOODLES, 1)), Tender(PaymentMethod.CASH, 3_420))
    second = sell(checkout, member_order((RICE, 1)), Tender(PaymentMethod.CASH, 1_800))
    recent = refunds.recent()
    assert [r.order_no for r in recent] == [second.order_no, first.order_no]
    assert recent[0].member_name == "张伟" and recent[0].status == "paid"


def test_an_unknown_order_is_refused(refunds: RefundService) -> None:
    with pytest.raises(RefundRefused, match="no order"):
        refunds.preview("T1-20261122-9999")
