"""The anniversary tier review on both databases: a member moves down only at the
membership anniversary, keeps the tier for one period of grace after a good year, and a
tier set by hand waits for the next anniversary."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.approvals import ReasonCode
from app.domain.bill import build_bill
from app.domain.members import MemberId
from app.domain.membership_term import add_years
from app.domain.payment import PaymentMethod, Tender
from app.domain.tiers import TierId
from db.models import TierChangeRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for, snapshot

ZHANG_WEI = "13800138000"  # Gold (keeps with ¥3,000 a year), joined 165 days ago
ANNIVERSARY = 200  # days from today: 2027-06-10


def next_anniversary(clock: FakeClock) -> None:
    """On to the same day a year later (2028 has a 29 February)."""
    today = clock.now().date()
    clock.advance(add_years(today, 1) - today)


def tier_changes(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(TierChangeRow.reason, TierChangeRow.note).order_by(TierChangeRow.id)
            ).all()
            return [(reason, note) for reason, note in rows]
    finally:
        engine.dispose()


def test_a_member_who_stopped_spending_moves_down_on_the_anniversary_and_not_before(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=ANNIVERSARY - 1))
    till.tier_review.run()  # demo members whose anniversaries fell in these days move
    assert snapshot(database_url, "M0000001").tier == "GOLD"
    clock.advance(timedelta(days=1))
    assert till.tier_review.run() >= 1  # 张伟 and any demo member with the same day
    assert snapshot(database_url, "M0000001").tier == "SILVER"
    assert ("anniversary", "spend 0 this period, 0 the period before") in tier_changes(database_url)
    assert till.tier_review.run() == 0  # once a day, never twice


def test_a_good_year_buys_one_more_period_of_grace(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    draft = order_for(till, ZHANG_WEI, *["SET-03"] * 11)  # ¥3,608 less 10%: ¥3,247.20
    bill = build_bill(draft, till.loyalty.rules(), clock.now())
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    clock.advance(timedelta(days=ANNIVERSARY))
    till.tier_review.run()
    assert snapshot(database_url, "M0000001").tier == "GOLD"  # this period reached the mark
    next_anniversary(clock)
    till.tier_review.run()
    assert snapshot(database_url, "M0000001").tier == "GOLD"  # grace: the year before did
    next_anniversary(clock)
    till.tier_review.run()
    assert snapshot(database_url, "M0000001").tier == "SILVER"  # missed twice in a row


def test_a_tier_set_by_hand_is_left_alone_until_the_next_anniversary(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    platinum = next(t for t in till.loyalty.tiers() if t.code == "PLATINUM")
    manager = till.auth.log_in("manager", "9999")
    till.adjustments.override_tier(
        MemberId(1), TierId(platinum.tier_id), manager, ReasonCode.GOODWILL, "VIP guest"
    )
    clock.advance(timedelta(days=ANNIVERSARY))
    till.tier_review.run()
    assert snapshot(database_url, "M0000001").tier == "PLATINUM"
    next_anniversary(clock)
    till.tier_review.run()
    assert snapshot(database_url, "M0000001").tier == "SILVER"
