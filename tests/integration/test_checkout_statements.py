"""What a member checkout costs the database, on both databases: a bounded number of
statements, nothing read back that the checkout itself wrote, and the member it returns
(balances, tier, expiry after the order) equal to what the database now holds."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from app.bootstrap import Till
from app.domain.members import MemberSummary
from app.domain.payment import PaymentMethod, Tender
from app.services.checkout_types import CompletedOrder
from db.engine import create_db_engine, session_factory
from db.unit_of_work import SqlUnitOfWork
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_pool_liveness import Pings
from tests.integration.test_upgrade import ZENG, ZHANG_WEI

EMILY = "13912345678"  # Platinum, 5600 points, no stored value, expires in 30 days
MOST_STATEMENTS = 16
"""A cash checkout by a member earning points on the demo sent 39 on SQLite and 37 on
PostgreSQL before (the rules' tables, the member and their balances read again and
again, the settings twice, one INSERT per line), 18 once the ORM's flush was gone; 16 now
(the ledger heads read with the lock, the order's number with the window's spend, offer
uses with hold-backs), more on the till's first (it reads the programme's tables and its
audit chain's head)."""


@contextmanager
def statements_of_this_thread(till: Till) -> Iterator[list[str]]:
    """The SQL the calling thread sends meanwhile (the printer's spooler has its own)."""
    engine = till._engine
    assert engine is not None
    sent: list[str] = []
    me = threading.get_ident()

    def note(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if threading.get_ident() == me:
            sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def cash(amount: int) -> Tender:
    return Tender(PaymentMethod.CASH, amount)


def stored(database_url: str, member: MemberSummary) -> MemberSummary:
    engine = create_db_engine(database_url)
    try:
        with SqlUnitOfWork(session_factory(engine)) as uow:
            return uow.members.summary(member.member_id)
    finally:
        engine.dispose()


def test_a_member_checkout_sends_few_statements_and_reads_back_nothing_it_wrote(
    till: Till, database_url: str
) -> None:
    staff = cashier(till)
    warm_up = order_for(till, ZENG, "HOT-01")
    # the till's first checkout reads the programme's tables; the bound is for the next
    till.checkout.check_out(warm_up, cash(100_000), staff)
    draft = order_for(till, ZHANG_WEI, "HOT-01", "HOT-01", "DRINK-04", "SET-01")
    with statements_of_this_thread(till) as sent:
        done = till.checkout.check_out(draft, cash(30_000), staff)

    assert done.points_earned > 0
    assert len(sent) <= MOST_STATEMENTS, "\n".join(sent)
    first_write = next(i for i, sql in enumerate(sent) if sql.startswith("INSERT INTO orders"))
    read_back = [
        sql
        for sql in sent[first_write:]
        if sql.startswith("SELECT")
        and any(f"FROM {table}" in sql for table in ("members", "points_ledger", "settings"))
    ]
    assert read_back == []
    assert sum(sql.startswith("INSERT INTO order_lines") for sql in sent) == 1  # three lines
    assert done.member is not None and done.member == stored(database_url, done.member)


def test_a_checkout_returns_the_rules_it_priced_with_read_in_its_own_transaction(
    till: Till,
) -> None:
    staff = cashier(till)
    done = till.checkout.check_out(order_for(till, ZENG, "HOT-01"), cash(100_000), staff)
    assert done.rules is not None and done.rules == till.loyalty.rules()


def test_a_checkout_on_a_connection_just_used_asks_the_server_nothing_before_it(
    till: Till,
) -> None:
    engine = till._engine
    assert engine is not None
    pings = Pings(engine)  # SQLite has no pool liveness: nothing to ask there either
    staff = cashier(till)
    till.checkout.check_out(order_for(till, ZENG, "HOT-01"), cash(100_000), staff)
    till.checkout.check_out(order_for(till, ZHANG_WEI, "HOT-01"), cash(100_000), staff)
    assert pings.count == 0  # pool_pre_ping asked once a unit of work


def test_the_member_a_checkout_returns_is_the_member_as_stored_after_it(
    till: Till, database_url: str
) -> None:
    staff = cashier(till)
    done: list[CompletedOrder] = []

    # An early renewal with a top-up (bonus) by card, no dishes.
    draft = order_for(till, EMILY)
    assert draft.member is not None
    rules = till.loyalty.rules()
    draft.renewal = till.loyalty.outlook(draft.member, till.clock.now().date(), rules).renewal
    assert draft.renewal is not None
    draft.top_up_amount = 100_000
    done.append(till.checkout.check_out(draft, Tender(PaymentMethod.CARD_TERMINAL, 109_900), staff))
    # Dinner with points redeemed, the rest from stored value (principal and bonus).
    draft = order_for(till, EMILY, "HOT-03", "HOT-03", "COLD-02")
    draft.redeem_points = True
    due = 21_200 - 3_180 - 5_600
    done.append(till.checkout.check_out(draft, Tender(PaymentMethod.STORED_VALUE, due), staff))
    # A tier upgrade bought with a dish, in cash.
    draft = order_for(till, ZHANG_WEI, "HOT-01")
    assert draft.member is not None
    draft.upgrade = till.loyalty.outlook(draft.member, till.clock.now().date(), rules).upgrade
    assert draft.upgrade is not None
    done.append(till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 33_230), staff))

    renewal, dinner, upgrade = (order.member for order in done)
    assert renewal is not None and dinner is not None and upgrade is not None
    assert done[0].bill.renewal is not None
    assert renewal.stored_value == 110_000
    assert renewal.expires_on == done[0].bill.renewal.new_expiry
    assert dinner.stored_value == 110_000 - due and dinner.points < 5_600
    assert upgrade.tier.code == "PLATINUM"
    assert dinner == stored(database_url, dinner)
    assert upgrade == stored(database_url, upgrade)
