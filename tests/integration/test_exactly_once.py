"""Checkouts, top-ups, refunds and adjustments sent with a request key commit once, also
when the connection drops after the server committed and the till retries."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from alembic import command
from sqlalchemy import ColumnElement, create_engine, func, inspect, select, text
from sqlalchemy.orm import Session

from app.bootstrap import Till, build_till, prepare_database
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.draft_snapshot import restore, snapshot
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Tender
from app.domain.request_keys import new_request_key
from app.domain.storage import StorageUnavailable
from app.once.keys import RequestKeyReused
from app.services.checkout_types import CompletedOrder
from app.till_config import TillConfig
from db.migrate import alembic_config, upgrade_to_head
from db.models import OrderRow, PrintJobRow, RefundRow, RequestKeyRow, StoredValueLedgerRow
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fake_printer import FakeNetworkPrinter
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer

ZHANG_WEI = "13800138000"  # Gold, ¥500 stored value
MANAGER = PinApproval("manager", "9999")


@dataclass(frozen=True)
class Written:
    orders: int
    stored_value: int
    """Sum of the member's stored-value entries (principal and bonus)."""
    receipts: int
    refunds: int
    refund_slips: int
    keys: int


def written(url: str, member_id: int) -> Written:
    engine = create_engine(url)
    ledger, jobs = StoredValueLedgerRow, PrintJobRow
    balance = func.coalesce(func.sum(ledger.principal_delta_fen + ledger.bonus_delta_fen), 0)
    with Session(engine) as session:

        def count(table: type[object], *where: ColumnElement[bool]) -> int:
            return session.scalar(select(func.count()).select_from(table).where(*where)) or 0

        facts = Written(
            orders=count(OrderRow),
            stored_value=session.scalar(select(balance).where(ledger.member_id == member_id)) or 0,
            receipts=count(jobs, jobs.kind == "receipt"),
            refunds=count(RefundRow),
            refund_slips=count(jobs, jobs.kind == "refund"),
            keys=count(RequestKeyRow),
        )
    engine.dispose()
    return facts


def keyed(draft: OrderDraft) -> OrderDraft:
    draft.request_key = new_request_key()
    return draft


def stored_value_tender(till: Till, draft: OrderDraft) -> Tender:
    due = build_bill(draft, till.loyalty.rules(), till.clock.now()).due
    return Tender(PaymentMethod.STORED_VALUE, due)


# -- a retry after a commit the till heard about (SQLite and PostgreSQL) ---------------


def test_a_checkout_retried_with_its_key_returns_the_order_and_charges_once(
    till: Till, database_url: str
) -> None:
    draft = keyed(order_for(till, ZHANG_WEI, "HOT-01", "DRINK-01"))
    assert draft.member is not None
    member_id = draft.member.member_id
    before = written(database_url, member_id)
    tender = stored_value_tender(till, draft)

    first = till.checkout.check_out(draft, tender, cashier(till))
    again = till.checkout.check_out(draft, tender, cashier(till))

    assert not first.replayed and again.replayed
    assert again.order_no == first.order_no
    assert again.settlement == first.settlement
    assert again.stored_value_split == first.stored_value_split
    assert again.member is not None and first.member is not None
    assert again.member.stored_value == first.member.stored_value
    after = written(database_url, member_id)
    assert after.orders == before.orders + 1
    assert after.stored_value == before.stored_value - tender.tendered
    assert after.receipts == before.receipts + 1
    assert after.keys == before.keys + 1


def test_an_order_kept_over_a_restart_pays_once_with_the_key_it_was_kept_with(
    till: Till, database_url: str
) -> None:
    draft = keyed(order_for(till, ZHANG_WEI, "HOT-01", "DRINK-01"))
    assert draft.member is not None
    kept = json.loads(json.dumps(snapshot(draft)))  # saved as the cashier tapped pay
    tender = stored_value_tender(till, draft)
    first = till.checkout.check_out(draft, tender, cashier(till))
    before = written(database_url, draft.member.member_id)

    items = {item.item_id: item for item in till.catalog.load().items}
    restored = restore(kept, items, lambda member_id: till.members.load(MemberId(member_id)))
    assert restored is not None
    again = till.checkout.check_out(restored.draft, tender, cashier(till))

    assert again.replayed and again.order_no == first.order_no
    assert written(database_url, draft.member.member_id) == before


def test_a_key_reused_for_another_bill_is_refused_and_nothing_is_charged(
    till: Till, database_url: str
) -> None:
    draft = keyed(order_for(till, ZHANG_WEI, "HOT-01"))
    assert draft.member is not None
    till.checkout.check_out(draft, stored_value_tender(till, draft), cashier(till))
    before = written(database_url, draft.member.member_id)
    draft.add(next(i for i in till.catalog.load().items if i.code == "DRINK-01"))

    with pytest.raises(RequestKeyReused, match=r"committed already \(T1-") as refused:
        till.checkout.check_out(draft, stored_value_tender(till, draft), cashier(till))

    assert refused.value.reference.startswith("T1-")
    assert written(database_url, draft.member.member_id) == before


def test_orders_without_a_key_are_not_kept_as_requests(till: Till, database_url: str) -> None:
    draft = order_for(till, ZHANG_WEI, "HOT-01")
    assert draft.member is not None
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 10_000), cashier(till))
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 10_000), cashier(till))
    assert written(database_url, draft.member.member_id).keys == 0


def test_a_stored_value_adjustment_retried_with_its_key_is_written_once(
    till: Till, database_url: str
) -> None:
    zhang = till.members.identify(ZHANG_WEI).member
    assert zhang is not None
    before = written(database_url, zhang.member_id)
    key = new_request_key()

    def adjust(bonus: int) -> int:
        after = till.adjustments.adjust_stored_value(
            MemberId(zhang.member_id), 0, bonus, cashier(till), ReasonCode.GOODWILL,
            "cold soup", MANAGER, request_key=key,
        )  # fmt: skip
        return after.stored_value

    assert adjust(2_000) == adjust(2_000) == zhang.stored_value + 2_000
    assert written(database_url, zhang.member_id).stored_value == before.stored_value + 2_000
    with pytest.raises(RequestKeyReused):
        adjust(3_000)


def test_a_refund_retried_with_its_key_gives_back_once(till: Till, database_url: str) -> None:
    draft = order_for(till, ZHANG_WEI, "HOT-01", "HOT-01", "DRINK-01")
    assert draft.member is not None
    tender = stored_value_tender(till, draft)
    order = till.checkout.check_out(draft, tender, cashier(till))
    before = written(database_url, draft.member.member_id)
    key = new_request_key()

    def refund() -> int:
        done = till.refunds.refund(
            order.order_no, cashier(till), ReasonCode.WRONG_ITEMS, "", MANAGER, {1: 1},
            request_key=key,
        )  # fmt: skip
        return done.stored_value_back.total

    back = refund()
    assert back > 0 and refund() == back
    after = written(database_url, draft.member.member_id)
    assert (after.refunds, after.refund_slips) == (before.refunds + 1, before.refund_slips + 1)
    assert after.stored_value == before.stored_value + back


# -- the reply to COMMIT lost on the way back (PostgreSQL through the proxy) -------------


@dataclass
class Outage:
    till: Till
    proxy: PgProxy
    direct_url: str
    printer: FakeNetworkPrinter


@pytest.fixture
def outage(
    postgres: PostgresServer, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[Outage]:
    url = postgres.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    printer = FakeNetworkPrinter()
    with PgProxy.before(url) as proxy:
        config = TillConfig(proxy.url(url), printer_url=printer.url)
        till = build_till(config, clock)
        try:
            yield Outage(till, proxy, url, printer)
        finally:
            till.close()
            printer.close()


def test_a_checkout_whose_commit_reply_is_lost_is_one_order_and_one_receipt_on_retry(
    outage: Outage,
) -> None:
    till, proxy = outage.till, outage.proxy
    draft = keyed(order_for(till, ZHANG_WEI, "HOT-01", "DRINK-01"))
    assert draft.member is not None
    member_id = draft.member.member_id
    tender = stored_value_tender(till, draft)
    before = written(outage.direct_url, member_id)

    proxy.swallow_commit_reply("INSERT INTO orders")
    with pytest.raises(StorageUnavailable):
        till.checkout.check_out(draft, tender, cashier(till))
    assert proxy.commits_swallowed == 1
    assert written(outage.direct_url, member_id).orders == before.orders + 1  # it did commit

    again = till.checkout.check_out(draft, tender, cashier(till))

    assert again.replayed and again.settlement.amount == tender.tendered
    after = written(outage.direct_url, member_id)
    assert after.orders == before.orders + 1
    assert after.stored_value == before.stored_value - tender.tendered  # one charge
    assert after.receipts == before.receipts + 1  # one job in the outbox
    (printed,) = outage.printer.wait_for_jobs(1)
    assert again.order_no.encode() in printed


def test_a_top_up_whose_commit_reply_is_lost_tops_up_once_on_retry(outage: Outage) -> None:
    till, proxy = outage.till, outage.proxy
    draft = keyed(order_for(till, ZHANG_WEI))
    draft.top_up_amount = 50_000
    assert draft.member is not None
    before = written(outage.direct_url, draft.member.member_id)
    tender = Tender(PaymentMethod.CASH, 50_000)

    proxy.swallow_commit_reply("INSERT INTO orders")
    with pytest.raises(StorageUnavailable):
        till.checkout.check_out(draft, tender, cashier(till))
    again = till.checkout.check_out(draft, tender, cashier(till))

    after = written(outage.direct_url, draft.member.member_id)
    topped = after.stored_value - before.stored_value
    assert again.replayed and topped >= 50_000  # principal, and any bonus the rules give
    top_up = again.bill.top_up
    assert top_up is not None and topped == top_up.amount + top_up.bonus
    assert (after.orders, after.receipts) == (before.orders + 1, before.receipts + 1)


def test_a_refund_whose_commit_reply_is_lost_gives_back_once_on_retry(outage: Outage) -> None:
    till, proxy = outage.till, outage.proxy
    draft = order_for(till, ZHANG_WEI, "HOT-01", "HOT-01", "DRINK-01")
    assert draft.member is not None
    order = till.checkout.check_out(draft, stored_value_tender(till, draft), cashier(till))
    before = written(outage.direct_url, draft.member.member_id)
    key = new_request_key()

    def refund() -> int:
        done = till.refunds.refund(
            order.order_no, cashier(till), ReasonCode.WRONG_ITEMS, "", MANAGER, None,
            request_key=key,
        )  # fmt: skip
        return done.stored_value_back.total

    proxy.swallow_commit_reply("INSERT INTO refunds")
    with pytest.raises(StorageUnavailable):
        refund()
    assert proxy.commits_swallowed == 1
    back = refund()

    after = written(outage.direct_url, draft.member.member_id)
    assert back > 0 and after.stored_value == before.stored_value + back
    assert (after.refunds, after.refund_slips) == (before.refunds + 1, before.refund_slips + 1)


def test_migration_0015_downgrades_and_upgrades_with_the_keys_table(database_url: str) -> None:
    engine = prepare_database(database_url, None, date(2026, 11, 22))
    config = alembic_config(engine)
    command.downgrade(config, "0015-1")
    assert "request_keys" not in inspect(engine).get_table_names()
    upgrade_to_head(engine)
    assert "request_keys" in inspect(engine).get_table_names()
    engine.dispose()


def test_two_attempts_with_one_key_at_once_commit_one_order(
    outage: Outage, clock: FakeClock
) -> None:
    """The second attempt waits on the first's uncommitted key, then gets its order."""
    first_till, proxy = outage.till, outage.proxy
    other_till = build_till(TillConfig(outage.direct_url, till_id="T2"), clock)
    try:
        draft = OrderDraft()
        draft.add(next(i for i in first_till.catalog.load().items if i.code == "HOT-01"))
        keyed(draft)
        tender = Tender(PaymentMethod.CASH, 10_000)
        before = written(outage.direct_url, 0)
        results: dict[str, CompletedOrder] = {}

        def pay(name: str, till: Till) -> None:
            results[name] = till.checkout.check_out(draft, tender, cashier(till))

        proxy.stall_on("INSERT INTO print_jobs")  # the first has claimed the key by then
        first = threading.Thread(target=pay, args=("first", first_till))
        first.start()
        wait_until(lambda: proxy.held > 0)
        second = threading.Thread(target=pay, args=("second", other_till))
        second.start()
        wait_until(lambda: waiting_on_a_lock(outage.direct_url))  # on the key's row
        proxy.resume()
        first.join()
        second.join()

        assert not results["first"].replayed and results["second"].replayed
        assert results["second"].order_no == results["first"].order_no
        after = written(outage.direct_url, 0)
        assert (after.orders, after.receipts) == (before.orders + 1, before.receipts + 1)
    finally:
        other_till.close()


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.02)


def waiting_on_a_lock(url: str) -> bool:
    engine = create_engine(url)
    with engine.connect() as connection:
        waiting = connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        ).scalar_one()
    engine.dispose()
    return bool(waiting)
