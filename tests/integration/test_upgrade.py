"""A tier upgrade bought at the till for the difference in annual fees, on both databases:
offered only while current, priced with the new tier at once, and taken back only with
the whole order."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.bill import build_bill
from app.domain.payment import PaymentMethod, Tender
from app.errors import CheckoutRefused
from db.models import TierChangeRow
from tests.integration.test_loyalty import cashier, order_for, refund, snapshot
from tests.integration.test_partial_refunds import refund as refund_units

ZHANG_WEI, LI_NA, ZENG = "13800138000", "13698765432", "18600008000"


def outlook_upgrade(till: Till, phone: str) -> tuple[str, int] | None:
    member = till.members.identify(phone).member
    assert member is not None
    quote = till.loyalty.outlook(member, till.clock.now().date(), till.loyalty.rules()).upgrade
    return (quote.tier.code, quote.fee) if quote else None


def test_the_next_tier_is_offered_for_the_fee_difference_while_current(till: Till) -> None:
    assert outlook_upgrade(till, ZHANG_WEI) == ("PLATINUM", 49_900 - 19_900)
    assert outlook_upgrade(till, ZENG) == ("GOLD", 19_900)  # Silver has no fee
    assert outlook_upgrade(till, LI_NA) is None  # lapsed: renew first
    assert outlook_upgrade(till, "13912345678") is None  # Emily is Platinum already


def test_an_upgrade_prices_the_order_with_the_new_tier_and_a_full_refund_takes_it_back(
    till: Till, database_url: str
) -> None:
    draft = order_for(till, ZHANG_WEI, "HOT-01")
    member = draft.member
    assert member is not None
    draft.upgrade = till.loyalty.outlook(
        member, till.clock.now().date(), till.loyalty.rules()
    ).upgrade
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert bill.priced.total == 3230  # Platinum 15% on ¥38 on the same order
    assert bill.due == 3230 + 30_000
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    assert done.member is not None and done.member.tier.code == "PLATINUM"
    assert snapshot(database_url, "M0000001").tier == "PLATINUM"

    refund_units(till, done.order_no, {1: 1})  # the dish only: the upgrade stays
    assert snapshot(database_url, "M0000001").tier == "PLATINUM"
    refund(till, done.order_no)
    assert snapshot(database_url, "M0000001").tier == "GOLD"
    engine = create_engine(database_url)
    with Session(engine) as session:
        reasons = session.scalars(select(TierChangeRow.reason).order_by(TierChangeRow.id)).all()
    engine.dispose()
    assert list(reasons) == ["upgrade_bought", "refund"]


def test_a_stale_upgrade_offer_is_refused_at_checkout(till: Till) -> None:
    draft = order_for(till, ZHANG_WEI, "HOT-01")
    member = draft.member
    assert member is not None
    quote = till.loyalty.outlook(member, till.clock.now().date(), till.loyalty.rules()).upgrade
    assert quote is not None
    draft.upgrade = type(quote)(quote.tier, quote.fee - 100)
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    with pytest.raises(CheckoutRefused, match="upgrade offer has changed"):
        till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
