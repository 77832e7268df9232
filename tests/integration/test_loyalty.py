"""The loyalty engine end to end on both databases: renewal, top-up, stored value, points,
tier upgrade, and a refund that puts every balance back where it started."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.members import MemberId
from app.domain.membership_term import expiry_after_term
from app.domain.payment import PaymentMethod, Tender
from app.domain.renewal import OfferKind
from app.domain.staff import StaffMember
from app.domain.tiers import TierId
from app.errors import CheckoutRefused, LoginRefused
from app.services.adjustments import AdjustmentRefused
from app.services.refunds import RefundRefused
from db.models import (
    AuditEventRow,
    MemberRow,
    PointsLedgerRow,
    StoredValueLedgerRow,
    TierChangeRow,
    TierRow,
)
from tests.fakes import FakeClock

TODAY = date(2026, 11, 22)


@dataclass(frozen=True)
class Snapshot:
    points: int
    principal: int
    bonus: int
    expires_on: date | None
    tier: str


def snapshot(url: str, member_no: str) -> Snapshot:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            member = session.scalars(
                select(MemberRow).where(MemberRow.member_no == member_no)
            ).one()
            points = session.scalar(
                select(func.coalesce(func.sum(PointsLedgerRow.delta), 0)).where(
                    PointsLedgerRow.member_id == member.id
                )
            )
            principal, bonus = session.execute(
                select(
                    func.coalesce(func.sum(StoredValueLedgerRow.principal_delta_fen), 0),
                    func.coalesce(func.sum(StoredValueLedgerRow.bonus_delta_fen), 0),
                ).where(StoredValueLedgerRow.member_id == member.id)
            ).one()
            tier = session.get(TierRow, member.tier_id)
            assert tier is not None
            return Snapshot(int(points or 0), principal, bonus, member.expires_on, tier.code)
    finally:
        engine.dispose()


def cashier(till: Till) -> StaffMember:
    return till.auth.log_in("wangfang", "1111")


def order_for(till: Till, phone: str, *codes: str) -> OrderDraft:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    draft.set_member(till.members.identify(phone).member)
    return draft


def refund(till: Till, order_no: str) -> None:
    till.refunds.refund(
        order_no, cashier(till), ReasonCode.GUEST_COMPLAINT, "", PinApproval("manager", "9999")
    )


def test_early_renewal_top_up_stored_value_points_and_a_full_refund_restore_everything(
    till: Till, database_url: str
) -> None:
    """The issue's "done means": a cashier sells an early renewal, takes a stored-value
    payment with bonus, redeems points, refunds every order, and every balance is back."""
    emily = "13912345678"  # Platinum, 5600 points, no stored value, expires in 30 days
    before = snapshot(database_url, "M0000002")
    staff = cashier(till)

    # 1. Early renewal and a ¥1000 top-up (bonus ¥100), paid by card.
    draft = order_for(till, emily)
    rules = till.loyalty.rules()
    assert draft.member is not None
    outlook = till.loyalty.outlook(draft.member, TODAY, rules)
    assert outlook.renewal is not None and outlook.renewal.offer.kind is OfferKind.EARLY
    assert outlook.renewal.new_expiry == expiry_after_term(TODAY + timedelta(days=30))
    draft.renewal = outlook.renewal
    draft.top_up_amount = 100_000
    first = till.checkout.check_out(draft, Tender(PaymentMethod.CARD_TERMINAL, 109_900), staff)
    assert (first.bill.renewal_fee, first.bill.top_up_amount, first.bill.due) == (
        9_900,
        100_000,
        109_900,
    )
    assert first.points_earned == 0  # fees and top-ups earn nothing
    middle = snapshot(database_url, "M0000002")
    assert (middle.principal, middle.bonus) == (100_000, 10_000)
    assert middle.expires_on == expiry_after_term(TODAY + timedelta(days=30))

    # 2. Dinner with points redeemed and the rest from stored value (proportional split).
    draft = order_for(till, emily, "HOT-03", "HOT-03", "COLD-02")  # 2 x ¥88 + ¥36
    draft.redeem_points = True
    bill_due = till.checkout  # keep the name short below
    priced_total = 21_200 - 3_180  # Platinum 15% off food
    second = bill_due.check_out(
        draft,
        Tender(PaymentMethod.STORED_VALUE, priced_total - 5_600),
        staff,
    )
    assert second.bill.points_redeemed == 5_600  # all of them: under half of ¥180.20
    split = second.stored_value_split
    assert split is not None and split.total == 12_420
    assert (split.principal, split.bonus) == (11_291, 1_129)  # 10:1, half up
    # Points on the food paid for, less points and bonus spent: ¥180.20 - 56 - 11.29, x2.
    assert second.points_earned == (18_020 - 5_600 - 1_129) * 2 // 100
    after_dinner = snapshot(database_url, "M0000002")
    assert after_dinner.points == second.points_earned
    assert (after_dinner.principal, after_dinner.bonus) == (100_000 - 11_291, 10_000 - 1_129)

    # 3. Refund both (newest first), with a manager's PIN.
    refund(till, second.order_no)
    back = snapshot(database_url, "M0000002")
    assert (back.points, back.principal, back.bonus) == (5_600, 100_000, 10_000)
    refund(till, first.order_no)
    assert snapshot(database_url, "M0000002") == before

    with pytest.raises(RefundRefused):
        refund(till, first.order_no)


def test_reversals_are_new_entries_naming_the_original_and_audited_with_approver(
    till: Till, database_url: str
) -> None:
    draft = order_for(till, "13800138000", "HOT-01")
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 5_000), cashier(till))
    with pytest.raises(LoginRefused):
        till.refunds.refund(
            done.order_no, cashier(till), ReasonCode.WRONG_ITEMS, "", PinApproval("manager", "1")
        )
    with pytest.raises(RefundRefused, match="note"):
        till.refunds.refund(
            done.order_no, cashier(till), ReasonCode.OTHER, " ", PinApproval("manager", "9999")
        )
    preview = till.refunds.refund(
        done.order_no, cashier(till), ReasonCode.WRONG_ITEMS, "", PinApproval("manager", "9999")
    )
    assert preview.money_back == done.bill.due and preview.points_back == -done.points_earned

    engine = create_engine(database_url)
    with Session(engine) as session:
        entries = session.scalars(
            select(PointsLedgerRow)
            .order_by(PointsLedgerRow.id)
            .where(PointsLedgerRow.order_id.is_not(None))
        ).all()
        earn, reversal = entries
        assert (earn.delta, earn.reason, earn.reverses_id) == (done.points_earned, "earn", None)
        assert (reversal.delta, reversal.reason, reversal.reverses_id) == (
            -done.points_earned,
            "refund_earn",
            earn.id,
        )
        audit = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "order_refunded")
        ).one()
        detail = json.loads(audit.detail)
        assert detail["reason"] == "wrong_items"
        assert detail["requested_by"] != detail["approved_by"]
    engine.dispose()


def test_an_expired_member_renewing_gets_the_discount_on_the_same_order(till: Till) -> None:
    draft = order_for(till, "13698765432", "HOT-01")  # Silver, expired 20 days ago
    rules = till.loyalty.rules()
    staff = cashier(till)
    assert build_bill(draft, rules, till.clock.now()).priced.discount == 0
    assert draft.member is not None
    quote = till.loyalty.outlook(draft.member, TODAY, rules).renewal
    assert quote is not None and quote.offer.kind is OfferKind.GRACE
    draft.renewal = quote
    bill = build_bill(draft, rules, till.clock.now())
    assert bill.priced.discount == 190  # Silver 5% of ¥38 on the same order
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), staff)
    assert done.member is not None and done.member.expires_on == quote.new_expiry
    assert done.points_earned > 0


def test_spend_over_the_mark_upgrades_at_once_and_its_refund_takes_it_back(
    till: Till, database_url: str
) -> None:
    draft = order_for(till, "18600008000")  # 曾小贤, Silver; Gold needs ¥3,000 in 12 months
    catalog = till.catalog.load()
    fish = next(item for item in catalog.items if item.code == "HOT-03")
    draft.set_quantity(fish, 40)  # ¥3,520 less 5%
    staff = cashier(till)
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CARD_TERMINAL, 334_400), staff)
    assert done.upgraded_to is not None and done.upgraded_to.code == "GOLD"
    assert snapshot(database_url, "M0000005").tier == "GOLD"
    refund(till, done.order_no)
    assert snapshot(database_url, "M0000005").tier == "SILVER"
    engine = create_engine(database_url)
    with Session(engine) as session:
        reasons = session.scalars(select(TierChangeRow.reason).order_by(TierChangeRow.id)).all()
        assert list(reasons) == ["qualified", "refund"]
    engine.dispose()


def test_a_refund_whose_points_were_spent_is_refused_and_changes_nothing(
    till: Till, database_url: str
) -> None:
    phone = "18600008000"  # no points to start with
    staff = cashier(till)
    catalog = till.catalog.load()
    draft = order_for(till, phone)
    draft.set_quantity(next(i for i in catalog.items if i.code == "HOT-03"), 4)
    first = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 40_000), staff)
    assert first.points_earned == 334
    draft = order_for(till, phone, "HOT-03", "HOT-03", "HOT-03", "HOT-03")
    draft.redeem_points = True
    second = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 40_000), staff)
    assert second.bill.points_redeemed == 334
    before = snapshot(database_url, "M0000005")
    with pytest.raises(RefundRefused, match="already used"):
        refund(till, first.order_no)
    assert snapshot(database_url, "M0000005") == before
    refund(till, second.order_no)
    refund(till, first.order_no)
    assert snapshot(database_url, "M0000005").points == 0


def test_stored_value_never_goes_negative_with_two_tills_paying_at_once(
    till: Till, database_url: str
) -> None:
    """曾小贤 has ¥200: two tills each charge ¥150 at the same moment; one is refused."""
    staff = cashier(till)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def pay() -> None:
        draft = order_for(till, "18600008000")
        draft.top_up_amount = 0
        catalog = till.catalog.load()
        draft.set_quantity(next(i for i in catalog.items if i.code == "HOT-03"), 2)
        due = 16_720  # 2 x ¥88 less 5%
        barrier.wait()
        try:
            till.checkout.check_out(draft, Tender(PaymentMethod.STORED_VALUE, due), staff)
            results.append("paid")
        except CheckoutRefused as error:
            results.append(str(error))

    threads = [threading.Thread(target=pay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("paid") == 1
    assert any("does not cover" in result for result in results)
    after = snapshot(database_url, "M0000005")
    assert after.principal + after.bonus == 20_000 - 16_720 >= 0


def test_a_top_up_cannot_be_paid_with_stored_value_and_silly_amounts_are_refused(
    till: Till,
) -> None:
    draft = order_for(till, "13800138000")
    draft.top_up_amount = 10_000
    with pytest.raises(CheckoutRefused, match="top-up"):
        till.checkout.check_out(draft, Tender(PaymentMethod.STORED_VALUE, 10_000), cashier(till))
    draft.top_up_amount = 50
    with pytest.raises(CheckoutRefused, match="at least"):
        till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 50), cashier(till))


def test_points_expire_oldest_first_once_a_day_and_show_in_the_ledger(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    """张伟: 1280 opening points on day 0, 51 earned on day 0, 135 redeemed and 2 earned on
    day 101 (a Wednesday: no member-day offer). Points live 730 days: on day 730 what is
    left of day 0 expires (the redemption used the oldest), on day 831 the 2 of day 101."""
    staff = cashier(till)
    draft = order_for(till, "13800138000", "HOT-01")
    first = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 5_000), staff)
    assert first.points_earned == 51
    clock.advance(timedelta(days=101))
    draft = order_for(till, "13800138000", "STAPLE-01")  # rice, ¥2.70 for Gold
    draft.redeem_points = True
    spent = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 135), staff)
    assert (spent.bill.points_redeemed, spent.points_earned) == (135, 2)
    clock.advance(timedelta(days=628))
    assert till.points_expiry.run() == 0  # day 729: nothing has lived 730 days yet
    clock.advance(timedelta(days=1))
    assert till.points_expiry.run() > 0  # the demo's other members' opening points too
    assert snapshot(database_url, "M0000001").points == 2
    assert till.points_expiry.run() == 0  # once, never twice
    clock.advance(timedelta(days=100))
    assert till.points_expiry.run() == 0  # day 830
    clock.advance(timedelta(days=1))
    assert till.points_expiry.run() == 2
    engine = create_engine(database_url)
    with Session(engine) as session:
        member_id = session.scalar(select(MemberRow.id).where(MemberRow.member_no == "M0000001"))
        expiries = session.scalars(
            select(PointsLedgerRow.delta)
            .where(PointsLedgerRow.reason == "expire", PointsLedgerRow.member_id == member_id)
            .order_by(PointsLedgerRow.id)
        ).all()
        assert list(expiries) == [-(1280 - 135 + 51), -2]
    engine.dispose()


def test_hand_corrections_need_a_note_and_approval_and_never_go_below_zero(
    till: Till, database_url: str
) -> None:
    zhang = till.members.identify("13800138000").member
    assert zhang is not None
    staff, adjust = cashier(till), till.adjustments
    with pytest.raises(AdjustmentRefused, match="note"):
        adjust.adjust_points(
            zhang.member_id, 10, staff, ReasonCode.GOODWILL, "", PinApproval("manager", "9999")
        )
    with pytest.raises(LoginRefused):
        adjust.adjust_points(
            zhang.member_id, 10, staff, ReasonCode.GOODWILL, "ok", PinApproval("manager", "0")
        )
    with pytest.raises(AdjustmentRefused, match="that many"):
        adjust.adjust_points(
            zhang.member_id,
            -1281,
            staff,
            ReasonCode.CORRECTION,
            "typo",
            PinApproval("manager", "9999"),
        )
    with pytest.raises(AdjustmentRefused, match="below zero"):
        adjust.adjust_stored_value(
            zhang.member_id,
            0,
            -1,
            staff,
            ReasonCode.CORRECTION,
            "typo",
            PinApproval("manager", "9999"),
        )
    assert snapshot(database_url, "M0000001") == Snapshot(1280, 50_000, 0, zhang.expires_on, "GOLD")
    after = adjust.adjust_stored_value(
        MemberId(zhang.member_id),
        0,
        2_000,
        staff,
        ReasonCode.GOODWILL,
        "cold soup",
        PinApproval("manager", "9999"),
    )
    assert after.stored_value == 52_000
    platinum = next(t for t in till.loyalty.tiers() if t.code == "PLATINUM")
    after = adjust.override_tier(
        zhang.member_id,
        TierId(platinum.tier_id),
        staff,
        ReasonCode.OTHER,
        "owner's friend",
        PinApproval("manager", "9999"),
    )
    assert after.tier.code == "PLATINUM"
    engine = create_engine(database_url)
    with Session(engine) as session:
        events = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.action.in_(["stored_value_adjusted", "tier_overridden"])
            )
        ).all()
        assert len(events) == 2
        for event in events:
            detail = json.loads(event.detail)
            assert detail["requested_by"] != detail["approved_by"] and detail["note"]
        change = session.scalars(select(TierChangeRow)).one()
        assert (change.reason, change.note) == ("override", "owner's friend")
    engine.dispose()
