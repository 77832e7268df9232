"""What a checkout keeps between its statements to send fewer of them (the member's columns
and stored value as locked, the heads of their ledger streams: ``db.member_lock``,
``db.ledgers``, ``db.hash_chains``) never outlives its transaction nor breaks a chain, on
both databases."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, select

from app.audit_chain.verify import verify_database
from app.bootstrap import Till
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Tender
from app.services.checkout import CheckoutService
from app.services.checkout_types import CompletedOrder
from app.unit_of_work import UnitOfWork
from db.models import MemberRow
from tests.integration.helpers import row_counts
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_upgrade import ZHANG_WEI

AT = datetime(2026, 11, 22, 13, 0)


class FailingReceipts:
    """A receipt queue that sends what the checkout queued (its ledger entries and audit
    event chained and inserted, the heads moved on) and then fails, as a crash before the
    commit would."""

    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        assert order.member is not None
        uow.ledgers.points_balance(order.member.member_id)  # a statement: the queue is sent
        raise RuntimeError("the till stopped before the commit")

    def notify(self) -> None:
        raise AssertionError("nothing was committed to print")


def visits(url: str, member: MemberId) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = select(MemberRow.visits, MemberRow.spend_fen).where(MemberRow.id == member)
            found, spent = connection.execute(query).one()
            return int(found), int(spent)
    finally:
        engine.dispose()


def test_a_checkout_that_fails_before_its_commit_leaves_nothing_and_the_next_chains_on(
    till: Till, database_url: str
) -> None:
    staff = cashier(till)
    till.checkout.check_out(
        order_for(till, ZHANG_WEI, "HOT-01"), Tender(PaymentMethod.CASH, 100_000), staff
    )
    draft = order_for(till, ZHANG_WEI, "HOT-01", "DRINK-04")
    assert draft.member is not None
    member = draft.member.member_id
    counts, figures = row_counts(database_url), visits(database_url, member)
    failing = CheckoutService(till.units, till.clock, till.config.till_id, FailingReceipts())

    with pytest.raises(RuntimeError, match="stopped"):
        failing.check_out(draft, Tender(PaymentMethod.CASH, 100_000), staff)

    assert row_counts(database_url) == counts
    assert visits(database_url, member) == figures
    verdict = verify_database(database_url)
    assert verdict.ok, verdict.details
    # The heads this till last wrote were rolled back: the next checkout finds them moved
    # on by nobody and chains from the committed ones.
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 100_000), staff)
    assert done.member is not None and done.points_earned > 0
    assert visits(database_url, member) == (figures[0] + 1, figures[1] + done.bill.earn_base(0))
    verdict = verify_database(database_url)
    assert verdict.ok, verdict.details


def test_an_entry_another_till_appended_after_the_lock_is_chained_before_ours(
    till: Till, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite: the lock is the database's write lock, no other till appends")
    found = till.members.identify(ZHANG_WEI).member
    assert found is not None
    member = found.member_id
    with till.units() as uow:
        before = uow.members.lock(member)  # reads the head of the member's points stream
        with till.units() as other:  # another till, without the member's lock
            other.ledgers.append_points(member_id=member, delta=7, reason="adjust", at=AT)
            other.commit()
        uow.ledgers.append_points(member_id=member, delta=30, reason="adjust", at=AT)
        assert uow.ledgers.points_balance(member) == before.points + 37
        uow.commit()

    verdict = verify_database(database_url)
    assert verdict.ok, verdict.details


def test_stored_value_kept_from_the_lock_follows_what_the_transaction_appends(
    till: Till,
) -> None:
    found = till.members.identify(ZHANG_WEI).member
    assert found is not None
    member = found.member_id
    with till.units() as uow:
        locked = uow.members.lock(member)
        held = uow.ledgers.stored_value(member)
        assert held.total == locked.stored_value
        uow.ledgers.append_stored_value(
            member_id=member, principal=5_000, bonus=500, reason="top_up", at=AT
        )
        after = uow.ledgers.stored_value(member)
        assert (after.principal, after.bonus) == (held.principal + 5_000, held.bonus + 500)
    with till.units() as uow:  # rolled back: nothing kept from the unit before
        assert uow.ledgers.stored_value(member) == held
