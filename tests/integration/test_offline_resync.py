"""Selling on a local copy while the server is down, then the exact resync: sales on the
same and on different members on both sides, allowances, provisional members, overdrafts
exactly as predicted, and a replay run again after losing its bookkeeping."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from app.audit_chain.verify import verify_database
from app.domain.enrolment import EnrolmentForm
from app.domain.offline import allowance_of
from app.domain.payment import PaymentMethod, Tender
from app.domain.storage import WriteConflict
from app.errors import CheckoutRefused
from app.offline.selling import OfflineRefused
from app.services.checkout import CheckoutService
from db.engine import create_db_engine, session_factory
from db.models import MemberMergeRow, MemberRow, OrderRow, PrintJobRow
from db.offline_checks import find_anomalies
from db.offline_journal import JournallingUnitOfWork, journal
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import DemoTemplates
from tests.fakes import FakeClock
from tests.integration.offline_chain import Chain, offline_chain
from ui.cli import main

ZHANG_WEI = "13800138000"  # Gold, ¥500 stored value, 1280 points
SHAN = "13512348000"  # Gold, 300 points
ZENG = "18600008000"  # Silver, ¥200 stored value
LI_NA = "13698765432"
EMILY = "13912345678"
NEW_GUEST = "13700001111"
KNOWN_MEANWHILE = "13700002222"


@pytest.fixture
def chain(
    database_url: str, tmp_path: Path, demo_templates: DemoTemplates, clock: FakeClock
) -> Iterator[Chain]:
    with offline_chain(database_url, tmp_path, demo_templates, clock, DEMO_MEMBERS) as made:
        yield made


def test_a_local_copy_starts_as_the_server_does(chain: Chain) -> None:
    for phone in (ZHANG_WEI, SHAN, ZENG):
        online, offline = chain.member(chain.home, phone), chain.member(chain.local, phone)
        assert (online.member_id, online.stored_value, online.points) == (
            offline.member_id,
            offline.stored_value,
            offline.points,
        )


def test_offline_sales_resync_exactly_with_overdrafts_as_the_allowances_predict(
    chain: Chain,
) -> None:
    local, online = chain.local, chain.online
    cashier, online_cashier = chain.cashier(local), chain.cashier(online)
    seller = chain.seller
    manager = chain.manager(chain.home)
    chain.desk().set_allowance(manager, "GOLD", 30_000, 3_000)

    # Offline on T1: 张伟 pays from stored value, within his Gold allowance of ¥300.
    zhang = chain.member(local, ZHANG_WEI)
    sale = chain.order(local, zhang, "SET-01", "HOT-03")
    first = seller.check_out(sale, _exact(chain, sale, PaymentMethod.STORED_VALUE), cashier)
    spent_offline = first.settlement.amount
    assert 0 < spent_offline <= 30_000
    assert first.order_no.startswith("T1-") and first.order_no.endswith("-L0001")
    # A second one would go beyond the allowance: refused in one sentence, nothing kept.
    more = chain.order(local, chain.member(local, ZHANG_WEI), "SET-01")
    with pytest.raises(OfflineRefused, match="at most ¥"):
        seller.check_out(more, _exact(chain, more, PaymentMethod.STORED_VALUE), cashier)
    # 单雄信 redeems his 300 points on a cash sale; 曾小贤 pays ¥ from stored value.
    shan_sale = chain.order(local, chain.member(local, SHAN), "HOT-02", "STAPLE-01")
    shan_sale.redeem_points = True
    shan_done = seller.check_out(shan_sale, Tender(PaymentMethod.CASH, 10_000), cashier)
    assert shan_done.bill.points_redeemed == 300
    zeng_sale = chain.order(local, chain.member(local, ZENG), "STAPLE-02")
    seller.check_out(zeng_sale, _exact(chain, zeng_sale, PaymentMethod.STORED_VALUE), cashier)
    # 李娜 tops up ¥100 in cash with her dinner; a guest pays by card.
    li_sale = chain.order(local, chain.member(local, LI_NA), "HOT-01")
    li_sale.top_up_amount = 10_000
    seller.check_out(li_sale, Tender(PaymentMethod.CASH, 20_000), cashier)
    guest = chain.order(local, None, "DRINK-01", "DRINK-02")
    seller.check_out(guest, _exact(chain, guest, PaymentMethod.CARD_TERMINAL), cashier)
    # Two new members enrolled offline, each with a sale.
    new = seller.enrol(cashier, EnrolmentForm(NEW_GUEST, "新客人"))
    assert new.member_no.startswith("PT1-")
    new_sale = chain.order(local, new, "HOT-04")
    new_sale.top_up_amount = 20_000
    seller.check_out(new_sale, Tender(PaymentMethod.CASH, 30_000), cashier)
    twin = seller.enrol(cashier, EnrolmentForm(KNOWN_MEANWHILE, "老客人"))
    twin_sale = chain.order(local, twin, "COLD-03")
    seller.check_out(twin_sale, Tender(PaymentMethod.CASH, 2_000), cashier)

    # Meanwhile on T2, online: 张伟 spends most of his balance, 单雄信 his points, Emily
    # eats, and the second new guest is enrolled under the same phone.
    big = chain.order(online, chain.member(online, ZHANG_WEI), "SET-03", "HOT-03")
    online.checkout.check_out(
        big, _exact(chain, big, PaymentMethod.STORED_VALUE, online), online_cashier
    )
    shan_online = chain.order(online, chain.member(online, SHAN), "HOT-02")
    shan_online.redeem_points = True
    online.checkout.check_out(shan_online, Tender(PaymentMethod.CASH, 5_000), online_cashier)
    emily = chain.order(online, chain.member(online, EMILY), "SET-02")
    online.checkout.check_out(emily, Tender(PaymentMethod.CASH, 10_000), online_cashier)
    known = online.enrolment.enrol(online_cashier, EnrolmentForm(KNOWN_MEANWHILE, "老客人"))

    entries = seller.journal.pending()
    assert [e.kind for e in entries].count("checkout") == 7
    predicted = {}
    for phone in (ZHANG_WEI, SHAN, ZENG):
        held = chain.member(chain.home, phone)
        spent = sum(e.spent.stored_value for e in entries if e.member_id == held.member_id)
        points = sum(e.spent.points for e in entries if e.member_id == held.member_id)
        owed = (max(0, spent - held.stored_value), max(0, points - held.points))
        if owed != (0, 0):
            predicted[held.member_no] = owed
    assert set(predicted) == {"M0000001", "M0000004"}

    done = chain.resync().run()
    assert (done.replayed, done.held) == (len(entries), 0)

    server = create_db_engine(chain.server_url)
    try:
        assert find_anomalies(server, seller.journal.entries(), "T1").total == 0
        owed = {o.member_no: (o.stored_value, o.points) for o in chain.desk().overdrafts()}
        assert owed == predicted
        sales = [e for e in seller.journal.entries() if e.kind == "checkout"]
        with Session(server) as session:
            numbers = [str(e.outcome["order_no"]) for e in sales if e.outcome]
            assert len(set(numbers)) == 7
            # Each replayed order keeps the number printed on its slip.
            assert numbers == [str((e.local or {}).get("reference")) for e in sales]
            assert all("-L" in number for number in numbers)
            found = session.scalar(
                select(func.count()).select_from(OrderRow).where(OrderRow.order_no.in_(numbers))
            )
            assert found == 7
            receipts = select(PrintJobRow.status, func.count()).where(PrintJobRow.till_id == "T1")
            kept = {s: n for s, n in session.execute(receipts.group_by(PrintJobRow.status))}
            assert kept == {"printed_offline": 7}  # kept for a reprint, never printed again
            confirmed = session.scalars(select(MemberRow).where(MemberRow.phone == NEW_GUEST)).one()
            assert confirmed.member_no.startswith("M")
        with Session(chain.local_engine) as session:  # each printed once, by the offline till
            query = select(func.count()).select_from(PrintJobRow)
            assert session.scalar(query.where(PrintJobRow.kind == "receipt")) == 7
        the_new = chain.member(chain.home, NEW_GUEST)
        assert the_new.stored_value == 20_000  # the offline top-up, on the confirmed member
        twin_entry = next(e for e in sales if e.member_id == twin.member_id)
        assert twin_entry.outcome is not None
        assert twin_entry.outcome["member_id"] == known.member_id
        assert merged_into(server, known.member_id) == 1  # the offline record, with a trail
        # Every balance is still its ledger's sum and never below zero; chains verify.
        assert chain.member(chain.home, ZHANG_WEI).stored_value == 0
        verdict = verify_database(chain.server_url)
        assert verdict.ok, verdict

        # Run again: nothing waits. Lose the journal's bookkeeping (a crash after the
        # server committed, before the journal heard): the replay finds every key
        # committed and nothing doubles.
        assert chain.resync().run().replayed == 0
        with chain.local_engine.begin() as connection:
            connection.execute(update(journal).values(outcome=None, replayed_at=None))
        again = chain.resync().run()
        assert (again.replayed, again.held) == (len(entries), 0)
        assert find_anomalies(server, seller.journal.entries(), "T1").total == 0
        assert {o.member_no: (o.stored_value, o.points) for o in chain.desk().overdrafts()} == (
            predicted
        )
        assert merged_into(server, known.member_id) == 1
        assert [str(e.outcome["order_no"]) for e in seller.journal.entries() if e.outcome and
                "order_no" in e.outcome] == numbers  # fmt: skip
    finally:
        server.dispose()


def test_the_next_top_up_settles_an_overdraft(chain: Chain) -> None:
    local, online = chain.local, chain.online
    cashier = chain.cashier(local)
    zeng = chain.member(local, ZENG)
    sale = chain.order(local, zeng, "HOT-01")
    chain.seller.check_out(sale, _exact(chain, sale, PaymentMethod.STORED_VALUE), cashier)
    drain = chain.order(online, chain.member(online, ZENG), "SET-01")
    online.checkout.check_out(
        drain, _exact(chain, drain, PaymentMethod.STORED_VALUE, online), chain.cashier(online)
    )
    chain.resync().run()
    desk = chain.desk()
    [owed] = desk.overdrafts()
    assert owed.stored_value > 0 and owed.order_no.startswith("T1-")
    member = chain.member(chain.home, ZENG)
    top_up = chain.order(chain.home, member, "DRINK-02")
    top_up.top_up_amount = 10_000
    chain.home.checkout.check_out(top_up, Tender(PaymentMethod.CASH, 20_000), chain.cashier(online))
    before = chain.member(chain.home, ZENG).stored_value
    assert desk.settle(chain.cashier(online), member.member_id) == [owed]
    assert desk.overdrafts() == []
    assert chain.member(chain.home, ZENG).stored_value == before - owed.stored_value


def test_each_tier_has_an_allowance_a_manager_sets(chain: Chain) -> None:
    desk = chain.desk()
    assert {a.tier_code: a.allowance.stored_value for a in desk.allowances()}["GOLD"] == 30_000
    desk.set_allowance(chain.manager(chain.home), "GOLD", 12_345, 10)
    with chain.home.units() as uow:
        assert allowance_of(uow.restaurant.settings(), "GOLD").stored_value == 12_345


def merged_into(server: Engine, survivor: int) -> int:
    with Session(server) as session:
        query = select(func.count()).select_from(MemberMergeRow)
        return session.scalar(query.where(MemberMergeRow.survivor_id == survivor)) or 0


def _exact(chain: Chain, draft: object, method: PaymentMethod, till: object = None) -> Tender:
    from app.bootstrap import Till
    from app.domain.bill import build_bill
    from app.domain.draft import OrderDraft

    assert isinstance(draft, OrderDraft)
    source = till if isinstance(till, Till) else chain.local
    rules = source.loyalty.rules()
    return Tender(method, build_bill(draft, rules, chain.clock.now()).due)


def test_a_sale_is_journalled_with_its_commit_or_not_at_all(chain: Chain) -> None:
    local, cashier = chain.local, chain.cashier(chain.local)
    short = chain.order(local, None, "HOT-01")
    with pytest.raises(CheckoutRefused, match="less than the bill"):
        chain.seller.check_out(short, Tender(PaymentMethod.CASH, 100), cashier)
    assert chain.seller.journal.entries() == []
    sale = chain.order(local, None, "HOT-01")
    done = chain.seller.check_out(sale, Tender(PaymentMethod.CASH, 5_000), cashier)
    [kept] = chain.seller.journal.entries()
    assert kept.local is not None and kept.local["reference"] == done.order_no
    # A journal that cannot take the entry (its key is there) takes the sale down with it.
    again = chain.order(local, None, "HOT-02")
    entry = replace(kept, request={"draft": {}, "tender": []})
    service = CheckoutService(
        partial(JournallingUnitOfWork, session_factory(chain.local_engine), entry),
        chain.clock, "T1", local.outbox,
    )  # fmt: skip
    with pytest.raises(WriteConflict):
        service.check_out(again, Tender(PaymentMethod.CASH, 5_000), cashier)
    with local.units() as uow:
        assert uow.orders.next_offline_sequence("T1", chain.clock.now().date()) == 2


def test_the_command_line_lists_and_sets_allowances_and_overdrafts(
    chain: Chain, capsys: pytest.CaptureFixture[str]
) -> None:
    url = chain.server_url
    assert main(["offline", "allowance", "--db", url]) == 0
    assert "GOLD" in capsys.readouterr().out
    argv = ["offline", "allowance", "GOLD", "--stored-value", "150", "--points", "500",
            "--user", "manager", "--pin", "9999", "--db", url]  # fmt: skip
    assert main(argv) == 0
    assert "¥150.00" in capsys.readouterr().out
    assert main(["offline", "allowance", "GOLD", "--stored-value", "150", "--user", "wangfang",
                 "--pin", "1111", "--db", url]) == 1  # fmt: skip
    assert capsys.readouterr().err.startswith("pos: ")
    assert main(["offline", "overdrafts", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "no offline overdrafts"


def test_a_sale_of_a_member_the_server_would_not_enrol_is_held_not_misplaced(
    chain: Chain,
) -> None:
    local, cashier = chain.local, chain.cashier(chain.local)
    card = "8800000000000777"
    guest = chain.seller.enrol(cashier, EnrolmentForm(NEW_GUEST, "新客人", card=card))
    sale = chain.order(local, guest, "HOT-01")
    chain.seller.check_out(sale, Tender(PaymentMethod.CASH, 5_000), cashier)
    chain.online.enrolment.enrol(
        chain.cashier(chain.online), EnrolmentForm(KNOWN_MEANWHILE, "别人", card=card)
    )

    done = chain.resync().run()

    assert (done.replayed, done.held) == (2, 2)
    held = [e.outcome for e in chain.seller.journal.entries()]
    assert all(outcome is not None and "held" in outcome for outcome in held)
    with chain.home.units() as uow:  # the local id names nobody's order on the server
        assert uow.orders.next_sequence("T1", chain.clock.now().date()) == 1
