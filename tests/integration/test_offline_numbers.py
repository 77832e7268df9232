"""Offline order numbers (``T1-20261122-L0001``), on SQLite and PostgreSQL: the replayed
order keeps the number printed on its slip, so a refund or a look-up by it finds the
order after the resync; a replay run again doubles nothing; two tills' offline numbers
never meet; and a till never gives an offline number twice, across full rebuilds of its
copy and a copy made anew."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from app.bootstrap import Till, build_till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.payment import PaymentMethod, Tender
from app.domain.print_jobs import JobStatus
from app.offline.cover import PrintedOffline
from app.offline.local_copy import LocalCopy
from app.offline.resync import Resync
from app.offline.selling import OfflineSeller
from app.services.spooler import DUPLICATE_MARK
from app.till_config import TillConfig
from db.engine import create_db_engine
from db.models import OrderRow
from db.offline_checks import find_anomalies
from db.offline_journal import journal
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.offline_chain import Chain, offline_chain

ZHANG_WEI = "13800138000"  # Gold, ¥500 stored value, 1280 points
ZENG = "18600008000"  # Silver, ¥200 stored value


@pytest.fixture
def chain(
    database_url: str, tmp_path: Path, demo_templates: DemoTemplates, clock: FakeClock
) -> Iterator[Chain]:
    with offline_chain(database_url, tmp_path, demo_templates, clock, DEMO_MEMBERS) as made:
        yield made


def _value_tender(chain: Chain, draft: object) -> Tender:
    from app.domain.bill import build_bill
    from app.domain.draft import OrderDraft

    assert isinstance(draft, OrderDraft)
    rules = chain.local.loyalty.rules()
    return Tender(PaymentMethod.STORED_VALUE, build_bill(draft, rules, chain.clock.now()).due)


def test_an_offline_receipts_number_finds_its_order_after_the_resync(chain: Chain) -> None:
    local, cashier = chain.local, chain.cashier(chain.local)
    zhang = chain.member(local, ZHANG_WEI)
    paid = chain.order(local, zhang, "HOT-03", "STAPLE-01")
    sold = chain.seller.check_out(paid, _value_tender(chain, paid), cashier)
    guest = chain.order(local, None, "DRINK-01")
    cash = chain.seller.check_out(guest, Tender(PaymentMethod.CASH, 5_000), cashier)
    assert sold.order_no.endswith("-L0001") and cash.order_no.endswith("-L0002")
    before = chain.member(chain.home, ZHANG_WEI).stored_value

    assert chain.resync().run().held == 0

    home = chain.home
    with home.units() as uow:  # the server holds each under the number on its slip
        found = uow.order_history.find(sold.order_no)
        assert found is not None and found.due == sold.settlement.amount
        assert uow.order_history.find(cash.order_no) is not None
    assert [e.outcome["order_no"] for e in chain.seller.journal.entries() if e.outcome] == [
        sold.order_no,
        cash.order_no,
    ]
    # The till's own numbering of the day goes on from 1: the offline ones are apart.
    online = chain.order(home, None, "DRINK-02")
    next_sale = home.checkout.check_out(online, Tender(PaymentMethod.CASH, 5_000), cashier)
    assert next_sale.order_no.endswith(f"{chain.clock.now():%Y%m%d}-0001")

    # Run again after losing the bookkeeping: nothing doubles, the numbers stay.
    with chain.local_engine.begin() as connection:
        connection.execute(update(journal).values(outcome=None, replayed_at=None))
    assert chain.resync().run().replayed == 2
    server = create_db_engine(chain.server_url)
    try:
        assert find_anomalies(server, chain.seller.journal.entries(), "T1", 1).total == 0
        with Session(server) as session:
            count = select(func.count()).select_from(OrderRow).where(OrderRow.till_id == "T1")
            assert session.scalar(count) == 3
    finally:
        server.dispose()

    # A reprint by the printed number, on the server: the slip printed offline, marked as
    # a copy; the server's own job of it is finished as printed offline, never printed.
    slip = chain.seller.journal.slip(sold.order_no)
    assert slip is not None
    with home.units() as uow:
        kept = uow.print_jobs.first_receipt(sold.order_no)
        assert kept is not None and kept.status is JobStatus.PRINTED_OFFLINE
        assert kept.document == slip.document
    copy_id = home.spooler.reprint(sold.order_no, slip.printer_url)
    with home.units() as uow:
        duplicate = uow.print_jobs.get(copy_id)
    assert duplicate is not None and duplicate.document != slip.document
    assert sold.order_no in duplicate.document and DUPLICATE_MARK in duplicate.document

    # A refund by the printed number, on the server: the stored value goes back.
    manager = chain.manager(home)
    preview = home.refunds.preview(sold.order_no)
    assert preview.stored_value_back.total == sold.settlement.amount
    home.refunds.refund(
        sold.order_no, cashier, ReasonCode.WRONG_ITEMS,
        approval=PinApproval(manager.username, "9999"),
    )  # fmt: skip
    assert chain.member(home, ZHANG_WEI).stored_value == before


def test_two_tills_offline_numbers_never_meet(
    chain: Chain, demo_templates: DemoTemplates, tmp_path: Path
) -> None:
    second_url = f"sqlite:///{tmp_path / 'T2-local-copy.db'}"
    demo_templates.fill(second_url, Demo(DEMO_MEMBERS, chain.clock.now().date()))
    second = build_till(TillConfig(second_url, till_id="T2"), chain.clock)
    engine = create_db_engine(second_url)
    try:
        seller = OfflineSeller(
            engine, chain.clock, second.offline_place, second.outbox, second.auth
        )
        one = chain.seller.check_out(
            chain.order(chain.local, None, "DRINK-01"), Tender(PaymentMethod.CASH, 5_000),
            chain.cashier(chain.local),
        )  # fmt: skip
        two = seller.check_out(
            chain.order(second, None, "DRINK-01"), Tender(PaymentMethod.CASH, 5_000),
            chain.cashier(second),
        )  # fmt: skip
        assert one.order_no.endswith("-L0001") and two.order_no.endswith("-L0001")
        assert one.order_no.startswith("T1-") and two.order_no.startswith("T2-")
        assert chain.resync().run().held == 0
        t2 = Resync(seller.journal, chain.online.units, chain.clock, chain.online.offline_place,
                    chain.online.auth)  # fmt: skip
        assert t2.run().held == 0
        with chain.home.units() as uow:
            assert uow.order_history.find(one.order_no) is not None
            assert uow.order_history.find(two.order_no) is not None
    finally:
        engine.dispose()
        second.close()


@pytest.fixture
def copy(database_url: str, till: Till, tmp_path: Path) -> Iterator[LocalCopy]:
    server = create_db_engine(database_url)
    made = LocalCopy(server, tmp_path / "data" / "local-copy.db", till.clock, "T1")
    made.build()
    try:
        yield made
    finally:
        made.close()
        server.dispose()


def _sell_offline(copy: LocalCopy, till: Till, count: int) -> list[str]:
    seller = OfflineSeller(copy.engine(), till.clock, till.offline_place, PrintedOffline(),
                           till.auth)  # fmt: skip
    cashier = till.auth.log_in("wangfang", "1111")
    items = till.catalog.load().items
    numbers = []
    for _ in range(count):
        from app.domain.draft import OrderDraft

        draft = OrderDraft()
        draft.add(next(item for item in items if item.code == "DRINK-01"))
        numbers.append(seller.check_out(draft, Tender(PaymentMethod.CASH, 5_000), cashier).order_no)
    replay = Resync(seller.journal, till.units, till.clock, till.offline_place, till.auth)
    assert replay.run().held == 0
    return numbers


def test_offline_numbers_never_repeat_across_rebuilds_of_the_copy(
    copy: LocalCopy, till: Till
) -> None:
    first = _sell_offline(copy, till, 2)
    assert [n[-5:] for n in first] == ["L0001", "L0002"]
    copy.refresh(full=True)  # a second outage the same day, after a full rebuild
    assert [n[-5:] for n in _sell_offline(copy, till, 1)] == ["L0003"]
    copy.refresh()
    assert [n[-5:] for n in _sell_offline(copy, till, 1)] == ["L0004"]

    # A copy made anew (another machine, the file lost): the server's numbers are marked.
    copy.close()
    shutil.rmtree(copy.path.parent)
    copy.path.parent.mkdir()
    copy.build()
    assert [n[-5:] for n in _sell_offline(copy, till, 1)] == ["L0005"]
    with till.units() as uow:
        assert uow.orders.next_sequence("T1", till.clock.now().date()) == 1
        for number in (*first, f"{first[0][:-5]}L0005"):
            assert uow.order_history.find(number) is not None


def test_a_copy_an_earlier_version_sold_on_goes_on_past_its_numbers(
    copy: LocalCopy, till: Till
) -> None:
    [first] = _sell_offline(copy, till, 1)
    with copy.engine().begin() as connection:  # as the version before kept them
        connection.execute(text("UPDATE orders SET sequence = -sequence WHERE sequence < 0"))
        connection.execute(text("DELETE FROM offline_numbers"))
    assert _sell_offline(copy, till, 1) == [f"{first[:-5]}L0002"]
