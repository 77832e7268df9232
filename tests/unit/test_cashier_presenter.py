"""The cashier presenter's decisions, on hand-written fakes: no Qt, database or devices.

Prices in the comments: noodles ¥38, dumplings ¥26, tea ¥10; Silver takes 5% off food
(not drinks), Gold 10% off everything.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.approvals import PinApproval, ReasonCode
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import DiscountKind, DiscountRequest
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Tender
from app.domain.service_type import ServiceType
from app.errors import CheckoutRefused, PermissionDenied
from app.services.member_outlook import MemberOutlook
from app.services.members import IdentifyProblem
from tests.fake_services import (
    CASHIER,
    CATALOG,
    COUPON,
    DUMPLINGS,
    GOLD,
    NOODLES,
    RENEWAL,
    TEA,
    UPGRADE,
    FakeLoyalty,
    FakeMembers,
    FakeTill,
    member,
)
from ui.cashier.presenter import CashierPresenter

ZHANG_PHONE = "13800138000"
TEN_PERCENT_OFF = DiscountRequest(DiscountKind.PERCENT, 1000, ReasonCode.GOODWILL)
MANAGER_PIN = PinApproval("manager", "9999")


@pytest.fixture
def till() -> FakeTill:
    return FakeTill()


@pytest.fixture
def presenter(till: FakeTill) -> CashierPresenter:
    return CashierPresenter(till.services(), CASHIER)


def with_member(till: FakeTill, presenter: CashierPresenter) -> None:
    assert presenter.identify(ZHANG_PHONE).member is not None


def offer_renewal_and_upgrade(till: FakeTill) -> None:
    till.loyalty.outlooks[1] = MemberOutlook(RENEWAL, None, GOLD, 0, UPGRADE)


# -- lines ------------------------------------------------------------------------------


def test_a_new_order_is_empty_and_the_menu_is_loaded(presenter: CashierPresenter) -> None:
    assert presenter.catalog == CATALOG
    assert presenter.draft.is_empty()
    assert presenter.bill().due == 0


def test_an_item_rung_up_twice_is_one_line_of_two(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    presenter.add_item(NOODLES)
    assert [(line.item, line.quantity) for line in presenter.draft.lines()] == [(NOODLES, 2)]
    assert presenter.bill().due == 7600


def test_the_customer_display_shows_the_item_just_rung_up_and_the_total(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(TEA)
    presenter.change_quantity(TEA, +2)
    top, bottom = till.display.lines
    assert top.startswith("Tea") and top.endswith("x3")
    assert bottom.startswith("TOTAL") and bottom.endswith("30.00")


def test_taking_the_quantity_down_to_zero_takes_the_line_off(
    presenter: CashierPresenter,
) -> None:
    presenter.add_item(NOODLES)
    presenter.change_quantity(NOODLES, -1)
    assert presenter.draft.lines() == []
    assert presenter.bill().due == 0


def test_removing_an_item_takes_its_whole_line_off(presenter: CashierPresenter) -> None:
    presenter.add_item(NOODLES)
    presenter.change_quantity(NOODLES, +2)
    presenter.add_item(TEA)
    presenter.remove_item(NOODLES)
    assert [line.item for line in presenter.draft.lines()] == [TEA]
    assert presenter.bill().due == 1000


def test_a_table_is_opened_with_its_number_and_party_size(presenter: CashierPresenter) -> None:
    presenter.open_table(" 12 ", 4)
    draft = presenter.draft
    assert (draft.service_type, draft.table_no, draft.party_size) == (ServiceType.DINE_IN, "12", 4)
    presenter.open_takeaway()
    assert presenter.draft.service_type is ServiceType.TAKEAWAY


# -- members ----------------------------------------------------------------------------


def test_a_member_found_by_phone_gets_the_tier_discount_on_food_but_not_drinks(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    presenter.add_item(TEA)
    found = presenter.identify(ZHANG_PHONE)
    assert found.member is not None and presenter.draft.member == found.member
    bill = presenter.bill()
    assert bill.priced.discount == 190  # 5% of the noodles' ¥38; the tea is excluded
    assert bill.due == 4610
    assert till.display.lines[0] == "Welcome back!"


def test_searching_shows_candidates_and_attaches_nobody(presenter: CashierPresenter) -> None:
    found = presenter.search(ZHANG_PHONE)
    assert [c.name for c in found.candidates] == ["Zhang Wei"]
    assert presenter.draft.member is None


def test_choosing_a_candidate_attaches_that_member(presenter: CashierPresenter) -> None:
    candidate = presenter.search(ZHANG_PHONE).candidates[0]
    chosen = presenter.choose(candidate)
    assert presenter.draft.member == chosen
    assert chosen.member_id == candidate.member_id


def test_a_card_swipe_attaches_the_cards_member(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    till.members.cards["8800000000000001"] = MemberId(1)
    found = presenter.identify_read("8800000000000001")
    assert found.member is not None
    assert presenter.draft.member is not None and presenter.draft.member.name == "Zhang Wei"


def test_an_unknown_number_attaches_nobody_and_says_why(presenter: CashierPresenter) -> None:
    found = presenter.identify("13900000000")
    assert found.problem is IdentifyProblem.NOT_FOUND
    assert presenter.draft.member is None


def test_a_guest_is_shown_what_they_would_save_as_a_new_member(
    presenter: CashierPresenter,
) -> None:
    presenter.add_item(NOODLES)
    presenter.add_item(TEA)
    view = presenter.loyalty_view(presenter.bill())
    assert view.member is None
    assert view.savings_as_member == 190  # the entry tier's 5% on the noodles
    assert presenter.bill().due == 4800  # a guest still pays in full


def test_a_member_is_promised_no_savings_for_joining(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    assert presenter.savings_as_member() == 0


def test_without_tiers_a_guest_is_promised_no_savings() -> None:
    till = FakeTill(loyalty=FakeLoyalty(entry_tier=None))
    presenter = CashierPresenter(till.services(), CASHIER)
    presenter.add_item(NOODLES)
    assert presenter.savings_as_member() == 0


def test_clearing_the_member_takes_their_discount_and_renewal_off(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    offer_renewal_and_upgrade(till)
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.toggle_renewal()
    presenter.clear_member()
    assert presenter.draft.member is None and presenter.outlook is None
    assert presenter.bill().due == 3800


def test_a_member_in_their_birthday_month_gets_the_birthday_flag() -> None:
    till = FakeTill(members=FakeMembers(member(birthday=date(1990, 11, 3))))
    presenter = CashierPresenter(till.services(), CASHIER)
    with_member(till, presenter)
    assert presenter.loyalty_view(presenter.bill()).birthday_month


def test_reloading_the_member_shows_balances_changed_elsewhere_and_keeps_the_order(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    offer_renewal_and_upgrade(till)
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.toggle_renewal()
    till.members.save(replace(member(), stored_value=0))
    presenter.reload_member()
    assert presenter.draft.member is not None and presenter.draft.member.stored_value == 0
    assert presenter.bill().renewal == RENEWAL


# -- membership on the bill -------------------------------------------------------------


def test_one_tap_puts_the_renewal_on_the_bill_and_another_takes_it_off(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    offer_renewal_and_upgrade(till)
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.toggle_renewal()
    bill = presenter.bill()
    assert bill.renewal_fee == 9900 and bill.due == 3610 + 9900
    assert presenter.loyalty_view(bill).renewal_on_order
    presenter.toggle_renewal()
    assert presenter.bill().due == 3610


def test_without_a_renewal_offer_the_tap_puts_nothing_on_the_bill(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    with_member(till, presenter)
    presenter.toggle_renewal()
    assert presenter.draft.renewal is None and presenter.bill().renewal_fee == 0


def test_an_upgrade_adds_the_fee_difference_and_prices_the_order_at_the_new_tier(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    offer_renewal_and_upgrade(till)
    presenter.add_item(NOODLES)
    presenter.add_item(TEA)
    with_member(till, presenter)
    presenter.toggle_upgrade()
    bill = presenter.bill()
    assert bill.upgrade_fee == 19900
    assert bill.priced.discount == 480  # Gold: 10% of everything, the tea included
    assert bill.due == 4320 + 19900
    assert presenter.loyalty_view(bill).upgrade_on_order
    presenter.toggle_upgrade()
    assert presenter.bill().upgrade_fee == 0


def test_a_top_up_goes_on_a_members_bill(till: FakeTill, presenter: CashierPresenter) -> None:
    with_member(till, presenter)
    presenter.set_top_up(20000)
    bill = presenter.bill()
    assert bill.top_up_amount == 20000 and bill.due == 20000
    assert not presenter.draft.is_empty()  # a top-up alone can be paid for


def test_a_guest_cannot_top_up(presenter: CashierPresenter) -> None:
    presenter.set_top_up(20000)
    assert presenter.draft.is_empty()  # nothing to pay for
    assert presenter.bill().top_up_amount == 0


# -- points and coupons -----------------------------------------------------------------


def test_redeeming_points_takes_their_value_off_the_food(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    offered = presenter.loyalty_view(presenter.bill())
    assert (offered.redeemable, offered.redeemable_value, offered.redeeming) == (1280, 1280, False)
    presenter.set_redeem_points(True)
    bill = presenter.bill()
    assert bill.points_redeemed == 1280 and bill.due == 3610 - 1280
    assert presenter.loyalty_view(bill).redeeming


def test_a_guest_cannot_redeem_points(presenter: CashierPresenter) -> None:
    presenter.add_item(NOODLES)
    presenter.set_redeem_points(True)
    assert not presenter.draft.redeem_points and presenter.bill().due == 3800


def test_a_chosen_coupon_takes_its_value_off_and_shows_what_it_saved(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    till.loyalty.coupons[1] = (COUPON,)
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.toggle_coupon(COUPON.coupon_id)
    bill = presenter.bill()
    assert bill.due == 3610 - 1000
    view = presenter.loyalty_view(bill)
    assert view.chosen_coupons == {COUPON.coupon_id}
    assert dict(view.coupon_savings) == {COUPON.coupon_id: 1000}


def test_a_coupon_the_member_does_not_hold_is_ignored(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.toggle_coupon(COUPON.coupon_id)
    assert presenter.draft.coupon_ids == frozenset() and presenter.bill().due == 3610


# -- manual discounts -------------------------------------------------------------------


def test_a_cashiers_manual_discount_goes_on_the_bill_only_with_a_managers_approval(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    amount = presenter.manual_discount_amount(TEN_PERCENT_OFF)
    assert amount == 380
    assert presenter.manual_discount_needs_approval(amount)
    with pytest.raises(PermissionDenied):
        presenter.give_manual_discount(TEN_PERCENT_OFF, None)
    assert presenter.bill().due == 3800
    presenter.give_manual_discount(TEN_PERCENT_OFF, MANAGER_PIN)
    assert presenter.bill().due == 3800 - 380
    assert presenter.draft.manual_discounts[0].approver_name == "Li Qiang"


def test_a_second_discount_on_the_order_is_previewed_in_place_of_the_first(
    presenter: CashierPresenter,
) -> None:
    presenter.add_item(NOODLES)
    presenter.give_manual_discount(TEN_PERCENT_OFF, MANAGER_PIN)
    five_off = DiscountRequest(DiscountKind.AMOUNT, 500, ReasonCode.GOODWILL)
    assert presenter.manual_discount_amount(five_off) == 500
    assert presenter.bill().due == 3800 - 380  # previewing changed nothing


# -- paying and dropping ----------------------------------------------------------------


def test_paying_hands_the_order_and_tender_to_checkout_and_starts_a_new_order(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    tender = Tender(PaymentMethod.CASH, 5000)
    completed = presenter.pay(tender)
    [payment] = till.checkout.paid
    assert [(line.item, line.quantity) for line in payment.draft.lines()] == [(NOODLES, 1)]
    assert payment.draft.member is not None and payment.draft.member.name == "Zhang Wei"
    assert payment.tender == tender and payment.cashier == CASHIER
    assert completed.settlement.change == 5000 - 3610
    assert presenter.last_order == completed
    assert presenter.draft.is_empty() and presenter.draft.member is None
    assert presenter.outlook is None
    top, bottom = till.display.lines
    assert top.endswith("50.00") and bottom.startswith("CHANGE") and bottom.endswith("13.90")


def test_a_refused_payment_leaves_the_order_as_it_was(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    offer_renewal_and_upgrade(till)
    presenter.add_item(DUMPLINGS)
    with_member(till, presenter)
    presenter.toggle_renewal()
    presenter.set_redeem_points(True)
    before = presenter.bill()
    till.checkout.refusal = CheckoutRefused("the renewal offer changed")
    with pytest.raises(CheckoutRefused):
        presenter.pay(Tender(PaymentMethod.CASH, 20000))
    assert [line.item for line in presenter.draft.lines()] == [DUMPLINGS]
    assert presenter.draft.member is not None and presenter.draft.renewal == RENEWAL
    assert presenter.draft.redeem_points
    assert presenter.bill() == before
    assert presenter.last_order is None and till.checkout.paid == []


def test_a_payment_keeps_its_request_key_through_failures_and_the_next_order_gets_another(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(TEA)
    till.checkout.refusal = CheckoutRefused("the connection dropped")
    with pytest.raises(CheckoutRefused):
        presenter.pay(Tender(PaymentMethod.CASH, 1000))
    key = presenter.draft.request_key
    assert key is not None and len(key) == 32
    with pytest.raises(CheckoutRefused):
        presenter.pay(Tender(PaymentMethod.CASH, 1000))
    assert presenter.draft.request_key == key == presenter.key_payment()
    till.checkout.refusal = None
    presenter.pay(Tender(PaymentMethod.CASH, 1000))
    assert [payment.draft.request_key for payment in till.checkout.paid] == [key]
    assert presenter.draft.request_key is None
    presenter.add_item(TEA)
    assert presenter.key_payment() != key


def test_the_last_order_is_kept_while_the_next_is_rung_up(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(TEA)
    first = presenter.pay(Tender(PaymentMethod.CASH, 1000))
    presenter.add_item(NOODLES)
    assert presenter.last_order == first
    assert first.bill.due == 1000


def test_the_next_order_is_priced_with_the_rules_as_they_are_after_payment(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(TEA)
    till.loyalty.current_rules = LoyaltyRules(holidays=frozenset({date(2026, 11, 22)}))
    presenter.pay(Tender(PaymentMethod.CASH, 1000))
    assert presenter.rules == till.loyalty.current_rules


def test_a_new_order_drops_the_old_one_on_the_record_and_greets_the_next_guest(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    presenter.void()
    [(voided, bill)] = till.checkout.voided
    assert [line.item for line in voided.lines()] == [NOODLES] and bill.due == 3800
    assert presenter.draft.is_empty()
    assert till.display.lines == ("Welcome", "")


def test_dropping_an_empty_order_leaves_nothing_on_the_record(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.void()
    assert till.checkout.voided == []


def test_before_payment_the_display_shows_what_the_guest_saved_and_owes(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.show_total()
    top, bottom = till.display.lines
    assert top == "SAVED 1.90"
    assert bottom.startswith("TOTAL") and bottom.endswith("36.10")


# -- rules edited by a manager ----------------------------------------------------------


def test_edited_rules_reload_the_member_and_take_their_renewal_off(
    till: FakeTill, presenter: CashierPresenter
) -> None:
    offer_renewal_and_upgrade(till)
    presenter.add_item(NOODLES)
    with_member(till, presenter)
    presenter.toggle_renewal()
    till.loyalty.current_rules = LoyaltyRules(upgrade_for_fee_difference=True)
    till.loyalty.entry = GOLD
    till.members.save(replace(member(), points=2000))
    presenter.reload_rules()
    assert presenter.rules == till.loyalty.current_rules
    assert presenter.draft.renewal is None and presenter.draft.upgrade is None
    assert presenter.draft.member is not None and presenter.draft.member.points == 2000
    presenter.clear_member()
    assert presenter.savings_as_member() == 380  # a new member now joins at Gold
