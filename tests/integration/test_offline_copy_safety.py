"""The local copy stays right around offline selling, on SQLite and PostgreSQL: the
refresher keeps off it while sales wait for the resync (and a build keeps the journal),
members enrolled offline take ids the server never gives, a once-per-member offer used
online is not given again offline, and an entry too old to replay safely is held."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, func, select, text

from app.bootstrap import Till
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.enrolment import EnrolmentForm
from app.domain.members import MemberSummary
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import StaffMember
from app.offline.cover import PrintedOffline
from app.offline.local_copy import JournalWaiting, LocalCopy
from app.offline.refresher import CopyRefresher
from app.offline.resync import Resync
from app.offline.selling import OfflineSeller
from db.engine import create_db_engine
from db.models import MemberRow, OrderRow
from db.offline_journal import ensure_journal
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import DemoTemplates
from tests.fakes import FakeClock
from tests.integration.offline_chain import Chain, offline_chain
from ui.cli import main

ZHANG_WEI, SHAN = "13800138000", "13512348000"  # both Gold; 张伟 holds stored value
ONCE = "MEMBER-TUESDAY"


@dataclass
class Offline:
    till: Till
    """T1 on the server (its resync runs through it)."""
    server: Engine
    copy: LocalCopy
    seller: OfflineSeller
    cashier: StaffMember

    def member(self, phone: str) -> MemberSummary:
        with self.copy.units()() as uow:
            found = uow.members.by_phone(phone)
            assert found is not None, phone
            return uow.members.summary(found.member_id)

    def online(self, phone: str) -> MemberSummary:
        found = self.till.members.identify(phone).member
        assert found is not None, phone
        return found

    def order(self, member: MemberSummary | None, *codes: str) -> OrderDraft:
        items = self.till.catalog.load().items
        draft = OrderDraft()
        for code in codes:
            draft.add(next(item for item in items if item.code == code))
        if member is not None:
            draft.set_member(member)
        return draft

    def due(self, draft: OrderDraft) -> int:
        """The bill as the offline checkout prices it (the copy's rules and offer uses)."""
        now = self.till.clock.now()
        with self.copy.units()() as uow:
            rules = uow.programme.rules()
            if draft.member is not None:
                draft.set_member(uow.programme.personal(draft.member, now.date()))
        return build_bill(draft, rules, now).due

    def resync(self) -> None:
        replay = Resync(
            self.seller.journal, self.till.units, self.till.clock, self.till.offline_place,
            self.till.auth,
        )  # fmt: skip
        assert replay.run().held == 0


@pytest.fixture
def offline(till: Till, database_url: str, tmp_path: Path) -> Iterator[Offline]:
    server = create_db_engine(database_url)
    with server.begin() as connection:  # once per member, on any day
        connection.execute(
            text("UPDATE offers SET uses_per_member = 1, weekdays = '' WHERE code = :code"),
            {"code": ONCE},
        )
    copy = LocalCopy(server, tmp_path / "data" / "local-copy.db", till.clock)
    copy.build()
    place = till.offline_place
    seller = OfflineSeller(copy.engine(), till.clock, place, PrintedOffline(), till.auth)
    cashier = till.auth.log_in("wangfang", "1111")
    try:
        yield Offline(till, server, copy, seller, cashier)
    finally:
        copy.close()
        server.dispose()


def test_the_copy_is_left_alone_while_sales_wait_for_the_resync(
    offline: Offline, capsys: pytest.CaptureFixture[str]
) -> None:
    zhang = offline.member(ZHANG_WEI)
    cash = offline.order(zhang, "HOT-03")
    offline.seller.check_out(cash, Tender(PaymentMethod.CASH, 100_000), offline.cashier)
    paid = offline.order(offline.member(ZHANG_WEI), "STAPLE-01")
    value_due = offline.due(paid)
    offline.seller.check_out(paid, Tender(PaymentMethod.STORED_VALUE, value_due), offline.cashier)
    after_sale = offline.member(ZHANG_WEI)
    assert after_sale.stored_value == zhang.stored_value - value_due
    # Meanwhile the server changes 张伟 (an online sale): the feed names him.
    online = offline.order(offline.online(ZHANG_WEI), "DRINK-01")
    offline.till.checkout.check_out(online, Tender(PaymentMethod.CASH, 10_000), offline.cashier)

    assert offline.copy.waiting() == offline.copy.status().waiting == 2
    capsys.readouterr()
    assert main(["offline", "status", "--copy", str(offline.copy.path)]) == 0
    assert "offline entries waiting for the resync: 2" in capsys.readouterr().out
    with pytest.raises(JournalWaiting, match="2 offline entries not resynced"):
        offline.copy.refresh()
    with pytest.raises(JournalWaiting):
        offline.copy.refresh(full=True)
    refresher = CopyRefresher(offline.copy, every_s=3600, first_after_s=0)
    refresher.start()
    try:
        assert refresher.finished.wait(120)
        assert refresher.paused and refresher.last_error is None
    finally:
        refresher.stop()
    kept = offline.member(ZHANG_WEI)
    assert (kept.stored_value, kept.points) == (after_sale.stored_value, after_sale.points)

    offline.resync()
    assert offline.copy.waiting() == 0
    offline.copy.refresh()
    on_server, in_copy = offline.online(ZHANG_WEI), offline.member(ZHANG_WEI)
    assert (in_copy.stored_value, in_copy.points) == (on_server.stored_value, on_server.points)
    assert in_copy.stored_value == zhang.stored_value - value_due
    offline.copy.refresh(full=True)  # a build carries the journal into the new file
    entries = offline.seller.journal.entries()
    assert len(entries) == 2 and all(entry.outcome for entry in entries)


def test_a_member_enrolled_offline_takes_an_id_the_server_never_gives(offline: Offline) -> None:
    new = offline.seller.enrol(offline.cashier, EnrolmentForm("13700003333", "离线客"))
    assert new.member_id < 0 and new.member_no == f"P{offline.till.config.till_id}-1"
    second = offline.seller.enrol(offline.cashier, EnrolmentForm("13700004444", "离线客二"))
    assert second.member_id == new.member_id - 1
    offline.seller.check_out(
        offline.order(new, "HOT-01"), Tender(PaymentMethod.CASH, 10_000), offline.cashier
    )
    # Meanwhile another till enrols someone else: the id SQLite would have given offline.
    with offline.server.connect() as connection:
        highest = connection.execute(select(func.max(MemberRow.id))).scalar_one()
    other = offline.till.enrolment.enrol(offline.cashier, EnrolmentForm("13700005555", "在线客"))
    assert other.member_id == highest + 1

    offline.resync()
    offline.copy.refresh()

    confirmed = offline.online("13700003333")
    assert confirmed.member_id > 0
    for phone, member in (("13700003333", confirmed), ("13700005555", other)):
        in_copy = offline.member(phone)
        assert (in_copy.member_id, in_copy.name) == (member.member_id, member.name)
    with offline.copy.engine().connect() as connection:
        left = connection.execute(select(func.count()).where(MemberRow.id < 0)).scalar_one()
        assert left == 0  # the provisional records gave way to the server's
    with offline.server.connect() as connection:
        orders = connection.execute(
            select(func.count()).where(OrderRow.member_id == confirmed.member_id)
        ).scalar_one()
    assert orders == 1


def _applied(bill_offers: object) -> list[str]:
    from app.domain.offers import OfferOutcome

    assert isinstance(bill_offers, OfferOutcome)
    return [applied.candidate.offer.code for applied in bill_offers.applied]


def test_a_once_per_member_offer_used_online_is_not_given_again_offline(
    database_url: str, till: Till, tmp_path: Path
) -> None:
    server = create_db_engine(database_url)
    with server.begin() as connection:
        connection.execute(
            text("UPDATE offers SET uses_per_member = 1, weekdays = '' WHERE code = :code"),
            {"code": ONCE},
        )
    cashier = till.auth.log_in("wangfang", "1111")
    zhang = till.members.identify(ZHANG_WEI).member
    assert zhang is not None
    draft = OrderDraft()
    draft.add(next(item for item in till.catalog.load().items if item.code == "HOT-03"))
    draft.set_member(zhang)
    used = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 100_000), cashier)
    assert ONCE in _applied(used.bill.offers)  # the one use, online

    copy = LocalCopy(server, tmp_path / "local-copy.db", till.clock)
    copy.build()
    seller = OfflineSeller(
        copy.engine(), till.clock, till.offline_place, PrintedOffline(), till.auth
    )
    try:
        made = Offline(till, server, copy, seller, cashier)
        again = seller.check_out(
            made.order(made.member(ZHANG_WEI), "HOT-03"), Tender(PaymentMethod.CASH, 100_000),
            cashier,
        )  # fmt: skip
        assert ONCE not in _applied(again.bill.offers)
        first = seller.check_out(
            made.order(made.member(SHAN), "HOT-03"), Tender(PaymentMethod.CASH, 100_000), cashier
        )
        assert ONCE in _applied(first.bill.offers)  # 单雄信 had not used it
        second = seller.check_out(
            made.order(made.member(SHAN), "HOT-03"), Tender(PaymentMethod.CASH, 100_000), cashier
        )
        assert ONCE not in _applied(second.bill.offers)

        made.resync()
        copy.refresh()  # the server's counts now hold the replayed use, counted once
        with copy.units()() as uow:
            shan = uow.programme.personal(made.member(SHAN), till.clock.now().date())
        assert dict(shan.offer_uses)[ONCE] == 1
    finally:
        copy.close()
        server.dispose()


@pytest.fixture
def chain(
    database_url: str, tmp_path: Path, demo_templates: DemoTemplates, clock: FakeClock
) -> Iterator[Chain]:
    with offline_chain(database_url, tmp_path, demo_templates, clock, DEMO_MEMBERS) as made:
        yield made


def test_an_entry_older_than_the_servers_key_window_is_held_not_replayed(
    chain: Chain, capsys: pytest.CaptureFixture[str]
) -> None:
    cashier = chain.cashier(chain.local)
    guest = chain.order(chain.local, None, "DRINK-01")
    chain.seller.check_out(guest, Tender(PaymentMethod.CASH, 10_000), cashier)
    fresh = chain.order(chain.local, None, "DRINK-02")
    chain.clock.advance(timedelta(days=29, hours=1))  # the first is now past the window
    chain.seller.check_out(fresh, Tender(PaymentMethod.CASH, 10_000), cashier)
    server = create_db_engine(chain.server_url)
    try:
        with server.connect() as connection:
            orders_before = connection.execute(select(func.count(OrderRow.id))).scalar_one()
        done = chain.resync().run()
        with server.connect() as connection:
            orders_after = connection.execute(select(func.count(OrderRow.id))).scalar_one()
    finally:
        server.dispose()

    assert (done.replayed, done.held) == (2, 1)
    assert orders_after == orders_before + 1  # only the fresh one
    old, new = chain.seller.journal.entries()
    assert old.outcome is not None and "more than 29 days ago" in str(old.outcome["held"])
    assert new.outcome is not None and "order_no" in new.outcome
    local = chain.local_url.removeprefix("sqlite:///")
    capsys.readouterr()
    assert main(["offline", "journal", "--copy", local]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert "held: sold offline more than 29 days ago" in shown[0]


def test_offline_sales_reach_the_disc_before_the_till_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'local-copy.db'}"
    copy, lax = create_db_engine(url), create_engine(url)
    event.listen(lax, "connect", lambda driver, _record: driver.execute("PRAGMA synchronous=1"))
    try:
        ensure_journal(copy)  # the till's engine: WAL, each commit synced before it returns
        with copy.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        with pytest.raises(ValueError, match="synchronous=FULL"):
            ensure_journal(lax)
    finally:
        copy.dispose()
        lax.dispose()
