"""Targeted offers and personal coupons at checkout, on both databases: what is written,
single use, per-member limits, and a refund that gives the coupon back."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.offers import Miss
from app.domain.payment import PaymentMethod, Tender
from app.errors import CheckoutRefused, LoginRefused
from app.services.adjustments import AdjustmentRefused
from db.models import (
    AuditEventRow,
    MemberCouponRow,
    OfferRow,
    OrderLineRow,
    OrderOfferRow,
    OrderRow,
)
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, refund

EMILY, LI_NA, ZHANG_WEI = "13912345678", "13698765432", "13800138000"


def draft_for(till: Till, phone: str, *codes: str) -> OrderDraft:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    member = till.members.identify(phone).member
    assert member is not None
    draft.set_member(till.loyalty.personal(member, till.clock.now().date()))
    return draft


def pay_cash(till: Till, draft: OrderDraft) -> str:
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    return done.order_no


def query(url: str, statement):  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return session.execute(statement).all()
    finally:
        engine.dispose()


def test_a_birthday_coupon_is_used_once_written_down_and_given_back_by_a_refund(
    till: Till, database_url: str
) -> None:
    draft = draft_for(till, EMILY, "SET-03", "HOT-03")  # ¥328 set (no tier discount) + ¥88
    coupon = next(c for c in draft.member.coupons if c.offer.code == "CPN-BIRTHDAY")  # type: ignore[union-attr]
    draft.toggle_coupon(coupon.coupon_id)
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert bill.priced.discount == 1320  # Platinum 15% on the fish only
    assert [(a.candidate.key, a.amount) for a in bill.offers.applied] == [(coupon.code, 5000)]
    assert bill.due == 32800 + 8800 - 1320 - 5000

    order_no = pay_cash(till, draft)

    (order,) = query(database_url, select(OrderRow).where(OrderRow.order_no == order_no))
    order = order[0]
    assert (order.discount_fen, order.offer_discount_fen) == (6320, 5000)
    line_offers = query(
        database_url,
        select(func.sum(OrderLineRow.offer_discount_fen)).where(OrderLineRow.order_id == order.id),
    )
    assert line_offers[0][0] == 5000
    used = query(database_url, select(MemberCouponRow.used_order_id).where(
        MemberCouponRow.code == coupon.code))  # fmt: skip
    assert used[0][0] == order.id
    (applied,) = query(
        database_url, select(OrderOfferRow).where(OrderOfferRow.order_id == order.id)
    )
    assert (applied[0].coupon_id, applied[0].amount_fen) == (coupon.coupon_id, 5000)
    again = draft_for(till, EMILY, "SET-03")
    assert again.member is not None and coupon.coupon_id not in {
        c.coupon_id for c in again.member.coupons
    }

    refund(till, order_no)

    used = query(database_url, select(MemberCouponRow.used_order_id).where(
        MemberCouponRow.code == coupon.code))  # fmt: skip
    assert used[0][0] is None
    (audit,) = query(
        database_url,
        select(AuditEventRow.detail).where(AuditEventRow.action == "order_refunded"),
    )
    assert json.loads(audit[0])["coupons_returned"] == [coupon.code]
    back = draft_for(till, EMILY, "SET-03")
    assert back.member is not None and coupon.coupon_id in {
        c.coupon_id for c in back.member.coupons
    }


def test_a_coupon_spent_at_another_till_meanwhile_refuses_the_second_sale(
    till: Till, database_url: str
) -> None:
    first = draft_for(till, EMILY, "SET-03")
    second = draft_for(till, EMILY, "SET-03")
    coupon = first.member.coupons[0]  # type: ignore[union-attr]
    first.toggle_coupon(coupon.coupon_id)
    second.toggle_coupon(coupon.coupon_id)
    pay_cash(till, first)
    orders_before = query(database_url, select(func.count(OrderRow.id)))[0][0]
    with pytest.raises(CheckoutRefused, match="coupon"):
        pay_cash(till, second)
    assert query(database_url, select(func.count(OrderRow.id)))[0][0] == orders_before


def test_a_lapsed_member_can_still_use_a_personal_welcome_back_coupon(till: Till) -> None:
    draft = draft_for(till, LI_NA, "HOT-03", "HOT-01")  # Silver, expired 20 days ago
    coupon = draft.member.coupons[0]  # type: ignore[union-attr]
    draft.toggle_coupon(coupon.coupon_id)
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert bill.priced.discount == 0
    assert bill.offers.total == 3000 and bill.due == 8800 + 3800 - 3000
    draft.set_quantity(draft.lines()[1].item, 0)  # ¥88 alone: the 30% cap holds it to ¥26.40
    (applied,) = build_bill(draft, till.loyalty.rules(), till.clock.now()).offers.applied
    assert (applied.amount, applied.cut_by_cap) == (2640, 360)


def test_member_tuesday_holds_four_times_per_member_and_a_refund_gives_one_back(
    till: Till, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=2))  # Tuesday 2026-11-24, 12:30
    assert clock.now().weekday() == 1
    orders = []
    for _ in range(4):
        draft = draft_for(till, ZHANG_WEI, "HOT-01")  # Gold: ¥38 less 10%, then 5% more
        bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
        assert [a.amount for a in bill.offers.applied] == [171]  # 5% of ¥34.20
        orders.append(pay_cash(till, draft))
    fifth = build_bill(draft_for(till, ZHANG_WEI, "HOT-01"), till.loyalty.rules(), clock.now())
    assert not fifth.offers.applied
    assert [m.miss for m in fifth.offers.missed if m.candidate.key == "MEMBER-TUESDAY"] == [
        Miss.USED_UP
    ]
    refund(till, orders[0])
    sixth = build_bill(draft_for(till, ZHANG_WEI, "HOT-01"), till.loyalty.rules(), clock.now())
    assert sum(a.amount for a in sixth.offers.applied) == 171


def test_a_table_of_four_gets_the_family_offer_and_a_table_of_three_sees_why_not(
    till: Till,
) -> None:
    draft = draft_for(till, ZHANG_WEI, "SET-03")  # ¥328 family set, Gold 10%: ¥295.20
    draft.open_table("A8", 4)
    misses = {
        m.candidate.key: m.miss
        for m in build_bill(draft, till.loyalty.rules(), till.clock.now()).offers.missed
    }
    assert misses["FAMILY-4"] is Miss.BELOW_MINIMUM_SPEND  # ¥300 after the tier discount
    draft.add(next(i for i in till.catalog.load().items if i.code == "HOT-01"))
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert {a.candidate.key: a.amount for a in bill.offers.applied} == {"FAMILY-4": 3000}
    draft.open_table("A8", 3)
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert not bill.offers.applied
    misses = {m.candidate.key: m.miss for m in bill.offers.missed}
    assert misses["FAMILY-4"] is Miss.PARTY_TOO_SMALL


def test_afternoon_tea_holds_on_weekdays_from_two_to_five_but_not_on_holidays(
    till: Till, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=3, hours=2))  # Wednesday 2026-11-25, 14:30
    draft = draft_for(till, ZHANG_WEI, "DRINK-03", "HOT-01")  # ¥28 tea (no Gold discount)
    rules = till.loyalty.rules()
    bill = build_bill(draft, rules, clock.now())
    assert {a.candidate.key: a.amount for a in bill.offers.applied} == {"AFTERNOON-TEA": 420}
    assert date(2027, 1, 1) in rules.holidays
    new_year = datetime(2027, 1, 1, 15, 0)  # a Friday, but a public holiday
    misses = {m.candidate.key: m.miss for m in build_bill(draft, rules, new_year).offers.missed}
    assert misses["AFTERNOON-TEA"] is Miss.NOT_ON_HOLIDAYS


def test_a_goodwill_coupon_is_issued_with_a_managers_pin_and_can_be_used_at_once(
    till: Till, database_url: str
) -> None:
    staff = cashier(till)
    member = till.members.identify(ZHANG_WEI).member
    assert member is not None
    with pytest.raises(LoginRefused):
        till.adjustments.issue_coupon(
            member.member_id, "CPN-WELCOME-BACK", 30, staff, ReasonCode.GUEST_COMPLAINT, "cold soup"
        )
    with pytest.raises(AdjustmentRefused, match="not a coupon"):
        till.adjustments.issue_coupon(
            member.member_id,
            "FAMILY-4",
            30,
            staff,
            ReasonCode.GOODWILL,
            "x",
            PinApproval("manager", "9999"),
        )
    with pytest.raises(AdjustmentRefused, match="1 to 366 days"):
        till.adjustments.issue_coupon(
            member.member_id,
            "CPN-WELCOME-BACK",
            0,
            staff,
            ReasonCode.GOODWILL,
            "x",
            PinApproval("manager", "9999"),
        )
    till.adjustments.issue_coupon(
        member.member_id, "CPN-WELCOME-BACK", 30, staff, ReasonCode.GUEST_COMPLAINT, "cold soup",
        PinApproval("manager", "9999"),
    )  # fmt: skip
    draft = draft_for(till, ZHANG_WEI, "HOT-03", "HOT-01")  # ¥113.40 after Gold's 10%
    (coupon,) = draft.member.coupons  # type: ignore[union-attr]
    assert coupon.code.startswith("CP-") and len(coupon.code) == 11
    assert coupon.expires_on == till.clock.now().date() + timedelta(days=30)
    draft.toggle_coupon(coupon.coupon_id)
    assert build_bill(draft, till.loyalty.rules(), till.clock.now()).offers.total == 3000
    (audit,) = query(
        database_url, select(AuditEventRow.detail).where(AuditEventRow.action == "coupon_issued")
    )
    detail = json.loads(audit[0])
    assert (detail["reason"], detail["note"], detail["valid_days"]) == (
        "guest_complaint", "cold soup", 30,
    )  # fmt: skip
    assert detail["requested_by"] != detail["approved_by"]


def test_stopping_an_offer_stops_the_coupons_already_issued(till: Till, database_url: str) -> None:
    assert draft_for(till, EMILY, "SET-03").member.coupons  # type: ignore[union-attr]
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        session.execute(
            update(OfferRow).where(OfferRow.code == "CPN-BIRTHDAY").values(active=False)
        )
    engine.dispose()
    assert draft_for(till, EMILY, "SET-03").member.coupons == ()  # type: ignore[union-attr]
