"""A checkout's audit events and ledger entries are written as sets at the transaction's
next statement or commit (``db/chained_writes.py``), and the tiers are kept between
checkouts until someone edits them (``db/kept_tiers.py``), on both databases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.audit_chain.verify import verify_database
from app.bootstrap import Till, build_till
from app.context import ActionContext
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Tender
from app.till_config import TillConfig
from db.models import AuditEventRow, TierRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_upgrade import ZHANG_WEI

AT = datetime(2026, 11, 22, 13, 0)


def _count(till: Till, action: str) -> int:
    engine = create_engine(till.config.database_url)
    with engine.connect() as connection:
        query = select(func.count()).where(AuditEventRow.action == action)
        count = int(connection.execute(query).scalar_one())
    engine.dispose()
    return count


def member_id(till: Till) -> MemberId:
    found = till.members.identify(ZHANG_WEI).member
    assert found is not None
    return found.member_id


def test_a_transaction_reads_the_entries_it_appended_and_a_rollback_leaves_none(
    till: Till,
) -> None:
    member = member_id(till)
    action = ActionContext(None, till.config.till_id, AT)
    with till.units() as uow:
        before = uow.members.lock(member).points
    for commit in (False, True):
        with till.units() as uow:
            uow.members.lock(member)
            uow.ledgers.append_points(member_id=member, delta=500, reason="adjust", at=AT)
            uow.ledgers.append_points(member_id=member, delta=-20, reason="adjust", at=AT)
            uow.audit.record(action, "points_adjusted_in_test", "test")
            assert uow.ledgers.points_balance(member) == before + 480  # its own, unflushed
            if commit:
                uow.commit()
        with till.units() as uow:
            assert uow.members.summary(member).points == before + (480 if commit else 0)
        assert _count(till, "points_adjusted_in_test") == (1 if commit else 0)
    verdict = verify_database(till.config.database_url)
    assert verdict.ok, verdict.details


def test_a_tier_edited_by_another_till_is_what_the_next_checkout_prices_with(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    other = build_till(TillConfig(database_url, till_id="T2"), clock)
    try:
        staff = cashier(other)
        first = other.checkout.check_out(
            order_for(other, ZHANG_WEI, "HOT-01"), Tender(PaymentMethod.CASH, 100_000), staff
        )
        assert first.member is not None
        tier = first.member.tier
        engine = create_engine(database_url)
        with Session(engine) as session, session.begin():  # a manager's edit elsewhere
            row = session.get(TierRow, tier.tier_id)
            assert row is not None
            row.discount_bp = tier.discount_bp + 500
        engine.dispose()
        draft = order_for(other, ZHANG_WEI, "HOT-01")
        done = other.checkout.check_out(draft, Tender(PaymentMethod.CASH, 100_000), staff)
        assert done.member is not None
        assert done.member.tier.discount_bp == tier.discount_bp + 500
        assert done.bill.priced.tier is not None
        assert done.bill.priced.tier.discount_bp == tier.discount_bp + 500
    finally:
        other.close()
