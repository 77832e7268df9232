"""Refunds on the local copy, on SQLite and PostgreSQL: an order this till sold offline
during the outage is refunded there (approved against the copy, journalled), its stored
value and points come back and free the member's allowance, and the resync replays the
refund once, after its sale, with the effects an online refund has; any other order's
refund needs the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.enrolment import EnrolmentForm
from app.domain.payment import PaymentMethod, Tender
from app.offline.desk import OfflineDesk
from app.offline.refunding import OfflineRefunds
from app.offline.selling import OfflineRefused
from db.engine import create_db_engine
from db.models import OrderRow, RefundRow
from db.offline_checks import find_anomalies
from db.offline_journal import journal
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import DemoTemplates
from tests.fakes import FakeClock
from tests.integration.offline_chain import Chain, offline_chain

ZHANG_WEI = "13800138000"  # Gold, ¥500 stored value, 1280 points
MANAGER = PinApproval("manager", "9999")


@pytest.fixture
def chain(
    database_url: str, tmp_path: Path, demo_templates: DemoTemplates, clock: FakeClock
) -> Iterator[Chain]:
    with offline_chain(database_url, tmp_path, demo_templates, clock, DEMO_MEMBERS) as made:
        yield made


def _refunds(chain: Chain) -> OfflineRefunds:
    local = chain.local
    return OfflineRefunds(
        chain.local_engine, chain.clock, local.offline_place, local.outbox, local.auth
    )


def _due(chain: Chain, draft: OrderDraft) -> int:
    return build_bill(draft, chain.local.loyalty.rules(), chain.clock.now()).due


def test_an_offline_sale_is_refunded_offline_and_the_refund_replayed_once(
    chain: Chain,
) -> None:
    local, cashier, seller = chain.local, chain.cashier(chain.local), chain.seller
    # ¥200 per outage for Gold, on the server and (as a refresh would bring it) the copy.
    chain.desk().set_allowance(chain.manager(chain.home), "GOLD", 20_000, 3_000)
    OfflineDesk(local.units, chain.clock, "T1").set_allowance(
        chain.manager(local), "GOLD", 20_000, 3_000
    )
    server_before = chain.member(chain.home, ZHANG_WEI)
    zhang = chain.member(local, ZHANG_WEI)
    paid = chain.order(local, zhang, "SET-01")
    due = _due(chain, paid)
    assert 10_000 < due <= 20_000  # more than half the allowance: a second one is refused
    sold = seller.check_out(paid, Tender(PaymentMethod.STORED_VALUE, due), cashier)
    again = chain.order(local, chain.member(local, ZHANG_WEI), "SET-01")
    with pytest.raises(OfflineRefused, match="at most"):
        seller.check_out(again, Tender(PaymentMethod.STORED_VALUE, due), cashier)
    guest = chain.order(local, None, "DRINK-01", "DRINK-01", "HOT-01")
    cash = seller.check_out(guest, Tender(PaymentMethod.CASH, 20_000), cashier)

    refunds = _refunds(chain)
    assert {o.order_no for o in refunds.recent()} == {sold.order_no, cash.order_no}
    assert refunds.needs_approval(cashier, due)
    done = refunds.refund(
        sold.order_no, cashier, ReasonCode.WRONG_ITEMS, approval=MANAGER, request_key="r-1"
    )
    assert done.stored_value_back.total == due and done.completes
    retried = refunds.refund(  # the reply was lost: the same key gets the same refund
        sold.order_no, cashier, ReasonCode.WRONG_ITEMS, approval=MANAGER, request_key="r-1"
    )
    assert retried == done
    assert chain.member(local, ZHANG_WEI).stored_value == zhang.stored_value
    part = refunds.preview(cash.order_no)
    drink = next(line.position for line in part.lines if line.quantity == 2)
    partly = refunds.refund(
        cash.order_no, cashier, ReasonCode.GUEST_CHANGED_MIND, approval=MANAGER,
        units={drink: 1}, request_key="r-2",
    )  # fmt: skip
    assert not partly.completes and partly.money_back > 0
    # The refund gave the allowance back: the same dish may be paid from stored value.
    another = seller.check_out(again, Tender(PaymentMethod.STORED_VALUE, due), cashier)
    kinds = [entry.kind for entry in seller.journal.pending()]
    assert kinds == ["checkout", "checkout", "refund", "refund", "checkout"]

    done_count = chain.resync().run()
    assert (done_count.replayed, done_count.held) == (5, 0)
    server = create_db_engine(chain.server_url)
    try:

        def on_server() -> tuple[int, int, list[str]]:
            with Session(server) as session:
                count = session.scalar(select(func.count()).select_from(RefundRow)) or 0
                money = session.scalar(select(func.sum(RefundRow.amount_fen))) or 0
                states = session.scalars(
                    select(OrderRow.status)
                    .where(OrderRow.order_no.in_([sold.order_no, cash.order_no]))
                    .order_by(OrderRow.order_no)
                ).all()
            return count, money, list(states)

        assert on_server() == (2, partly.money_back, ["refunded", "part_refunded"])
        after = chain.member(chain.home, ZHANG_WEI)  # as online: the value came back
        assert after.stored_value == server_before.stored_value - another.settlement.amount
        with Session(server) as session:  # and the refunded sale's points went again
            earned = session.scalars(
                select(OrderRow.points_earned).where(
                    OrderRow.order_no.in_([sold.order_no, another.order_no])
                )
            ).all()
        assert len(earned) == 2 and all(earned)
        assert after.points == server_before.points + another.points_earned
        assert find_anomalies(server, seller.journal.entries(), "T1").total == 0
        # Lose the journal's bookkeeping and run again: nothing doubles.
        with chain.local_engine.begin() as connection:
            connection.execute(update(journal).values(outcome=None, replayed_at=None))
        assert chain.resync().run().held == 0
        assert on_server() == (2, partly.money_back, ["refunded", "part_refunded"])
        assert chain.member(chain.home, ZHANG_WEI).stored_value == after.stored_value
    finally:
        server.dispose()


def test_a_refund_of_an_order_the_till_has_not_got_locally_needs_the_server(
    chain: Chain,
) -> None:
    local, cashier = chain.local, chain.cashier(chain.local)
    online = chain.order(chain.online, None, "DRINK-01")
    sold = chain.online.checkout.check_out(online, Tender(PaymentMethod.CASH, 5_000), cashier)
    offline = chain.order(local, None, "DRINK-01")
    earlier = chain.seller.check_out(offline, Tender(PaymentMethod.CASH, 5_000), cashier)
    chain.resync().run()  # sold in an earlier outage, resynced: the server's now
    refunds = _refunds(chain)
    for number in (sold.order_no, earlier.order_no, "T1-20261122-L0099"):
        with pytest.raises(OfflineRefused, match="needs the server") as refused:
            refunds.preview(number)
        assert refused.value.reason == "refund"
        with pytest.raises(OfflineRefused, match="needs the server"):
            refunds.refund(number, cashier, ReasonCode.WRONG_ITEMS, approval=MANAGER)
    assert refunds.recent() == []
    assert chain.seller.journal.pending() == []


def test_the_refund_of_a_sale_the_server_held_is_held_too(chain: Chain) -> None:
    local, cashier = chain.local, chain.cashier(chain.local)
    card = "8800000000000777"
    guest = chain.seller.enrol(cashier, EnrolmentForm("13700001111", "新客人", card=card))
    sale = chain.order(local, guest, "HOT-01")
    sold = chain.seller.check_out(sale, Tender(PaymentMethod.CASH, 5_000), cashier)
    _refunds(chain).refund(sold.order_no, cashier, ReasonCode.WRONG_ITEMS, approval=MANAGER)
    online = chain.cashier(chain.online)  # meanwhile the card went to someone else
    chain.online.enrolment.enrol(online, EnrolmentForm("13700002222", "别人", card=card))

    done = chain.resync().run()

    assert (done.replayed, done.held) == (3, 3)
    refund = chain.seller.journal.entries()[-1]
    assert refund.kind == "refund" and refund.outcome is not None
    assert f"no order '{sold.order_no}'" in str(refund.outcome["held"])
