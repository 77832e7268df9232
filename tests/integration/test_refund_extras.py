"""The renewal, upgrade and top-up on an order refunded on their own, on both databases,
and the members' visit figures kept by checkout and refunds."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.services.refunds import Extra, RefundPreview, RefundRefused
from db.models import MemberRow, RefundRow
from tests.integration.test_loyalty import cashier, order_for, snapshot

TODAY = date(2026, 11, 22)
EMILY, ZHANG_WEI, ZENG = "13912345678", "13800138000", "18600008000"


def refund(
    till: Till, order_no: str, units: dict[int, int] | None = None, *extras: Extra
) -> RefundPreview:
    return till.refunds.refund(
        order_no,
        cashier(till),
        ReasonCode.GUEST_CHANGED_MIND,
        "",
        PinApproval("manager", "9999"),
        units if units is not None or extras else None,
        extras if units is not None or extras else None,
    )


def pay(till: Till, draft: OrderDraft, method: PaymentMethod = PaymentMethod.CASH) -> str:
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    return till.checkout.check_out(draft, Tender(method, bill.due), cashier(till)).order_no


def with_renewal(till: Till, phone: str, *codes: str) -> OrderDraft:
    draft = order_for(till, phone, *codes)
    assert draft.member is not None
    outlook = till.loyalty.outlook(draft.member, TODAY, till.loyalty.rules())
    assert outlook.renewal is not None
    draft.renewal = outlook.renewal
    return draft


def figures(url: str, member_no: str) -> tuple[int, date | None, int]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            member = session.scalars(select(MemberRow).where(MemberRow.member_no == member_no))
            row = member.one()
            return row.visits, row.last_visit_on, row.spend_fen
    finally:
        engine.dispose()


def test_a_renewal_refunded_alone_gives_back_the_fee_and_the_old_expiry(
    till: Till, database_url: str
) -> None:
    before = snapshot(database_url, "M0000002")  # Emily, expires in 30 days
    order_no = pay(till, with_renewal(till, EMILY, "HOT-01"))  # ¥99 renewal + ¥38 less 15%
    assert snapshot(database_url, "M0000002").expires_on != before.expires_on

    preview = till.refunds.preview(order_no, {}, [Extra.RENEWAL])
    assert preview.extras_left == (Extra.RENEWAL,)
    done = refund(till, order_no, {}, Extra.RENEWAL)
    assert (done.money_back, done.completes, done.renewal_reverted) == (9_900, False, True)
    assert snapshot(database_url, "M0000002").expires_on == before.expires_on
    with pytest.raises(RefundRefused, match="refunded already"):
        refund(till, order_no, {}, Extra.RENEWAL)

    rest = refund(till, order_no)  # the dish: the refund that completes the order
    assert (rest.completes, rest.renewal_reverted, rest.extras) == (True, False, ())
    assert rest.money_back == 3_230
    assert snapshot(database_url, "M0000002") == before


def test_a_top_up_refunded_alone_takes_principal_and_bonus_out_again(
    till: Till, database_url: str
) -> None:
    before = snapshot(database_url, "M0000001")  # 张伟: ¥500 stored value
    draft = order_for(till, ZHANG_WEI, "HOT-01")
    draft.top_up_amount = 100_000  # bonus ¥100
    order_no = pay(till, draft, PaymentMethod.CARD_TERMINAL)
    topped = snapshot(database_url, "M0000001")
    assert (topped.principal, topped.bonus) == (before.principal + 100_000, before.bonus + 10_000)

    done = refund(till, order_no, {}, Extra.TOP_UP)
    assert done.money_back == 100_000
    assert (done.stored_value_back.principal, done.stored_value_back.bonus) == (-100_000, -10_000)
    after = snapshot(database_url, "M0000001")
    assert (after.principal, after.bonus) == (before.principal, before.bonus)
    assert after.points == topped.points  # the dish and its points stay

    refund(till, order_no)
    assert snapshot(database_url, "M0000001") == before


def test_a_top_up_already_spent_cannot_be_refunded_alone(till: Till, database_url: str) -> None:
    draft = order_for(till, ZENG)  # ¥200 stored value
    draft.top_up_amount = 50_000  # bonus ¥30
    order_no = pay(till, draft)
    spend = order_for(till, ZENG, *["SET-03"] * 2)  # ¥656: more than the ¥500 topped up
    pay(till, spend, PaymentMethod.STORED_VALUE)
    before = snapshot(database_url, "M0000005")
    with pytest.raises(RefundRefused, match="already been spent"):
        refund(till, order_no, {}, Extra.TOP_UP)
    assert snapshot(database_url, "M0000005") == before


def test_an_upgrade_refunded_alone_gives_back_the_tier_before(
    till: Till, database_url: str
) -> None:
    before = snapshot(database_url, "M0000001")  # Gold
    draft = order_for(till, ZHANG_WEI, "HOT-01")
    assert draft.member is not None
    upgrade = till.loyalty.outlook(draft.member, TODAY, till.loyalty.rules()).upgrade
    assert upgrade is not None
    draft.upgrade = upgrade
    order_no = pay(till, draft)
    assert snapshot(database_url, "M0000001").tier == "PLATINUM"

    done = refund(till, order_no, {}, Extra.UPGRADE)
    assert (done.money_back, done.tier_reverted) == (30_000, True)
    assert snapshot(database_url, "M0000001").tier == "GOLD"
    refund(till, order_no)
    assert snapshot(database_url, "M0000001") == before


def test_fees_paid_with_stored_value_go_back_to_the_balance(till: Till, database_url: str) -> None:
    before = snapshot(database_url, "M0000005")  # 曾小贤: Silver, ¥200, expires in 60 days
    order_no = pay(till, with_renewal(till, ZENG, "HOT-01"), PaymentMethod.STORED_VALUE)
    paid = snapshot(database_url, "M0000005")
    assert before.principal - paid.principal == 9_900 + 3_610  # renewal + ¥38 less 5%

    done = refund(till, order_no, {}, Extra.RENEWAL)
    assert done.money_back == 0
    assert done.stored_value_back.principal == 9_900
    refund(till, order_no, {1: 1})
    assert snapshot(database_url, "M0000005") == before
    engine = create_engine(database_url)
    with Session(engine) as session:
        fees = session.execute(select(RefundRow.renewal_fen, RefundRow.amount_fen)).all()
    engine.dispose()
    assert sorted(tuple(row) for row in fees) == [(0, 0), (9_900, 0)]


def test_visits_spend_and_last_visit_follow_sales_and_refunds(
    till: Till, database_url: str
) -> None:
    visits, last, spend = figures(database_url, "M0000001")
    assert (visits, last, spend) == (0, None, 0)  # the demo has no sales yet
    first = pay(till, order_for(till, ZHANG_WEI, "HOT-01", "HOT-01"))  # 2 x ¥38 less 10%
    assert figures(database_url, "M0000001") == (visits + 1, TODAY, spend + 6_840)
    top_up_only = order_for(till, ZHANG_WEI)
    top_up_only.top_up_amount = 50_000
    pay(till, top_up_only)
    assert figures(database_url, "M0000001")[0] == visits + 1  # a top-up is no visit

    refund(till, first, {1: 1})
    assert figures(database_url, "M0000001") == (visits + 1, TODAY, spend + 3_420)
    refund(till, first)
    assert figures(database_url, "M0000001") == (visits, last, spend)
