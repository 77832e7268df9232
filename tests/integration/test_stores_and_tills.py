"""Stores and tills on one database (SQLite and PostgreSQL): a till registers its id and
store at start, a second machine claiming the same id is refused, a till without an id
gets the next free one; rows carry their store; each store prints its own receipt header
and runs only the offers it is not excluded from."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.audit_chain.verify import verify_database
from app.bootstrap import Till, build_till
from app.domain.bill import build_bill
from app.domain.payment import PaymentMethod, Tender
from app.domain.stores import Store
from app.stores.admin import StoreAdmin, StoreRefused
from app.stores.registration import TillIdTaken, till_token
from app.till_config import TillConfig
from db.engine import create_db_engine
from db.stores import register_till
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier
from tests.integration.test_offers import EMILY, ZHANG_WEI, draft_for


def rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


@pytest.fixture
def demo_url(new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates) -> str:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    return new_database_url


@pytest.fixture
def open_till(demo_url: str, clock: FakeClock) -> Iterator[_Opener]:
    opener = _Opener(demo_url, clock)
    yield opener
    for till in opener.opened:
        till.close()


class _Opener:
    def __init__(self, url: str, clock: FakeClock) -> None:
        self.url, self.clock, self.opened = url, clock, list[Till]()

    def __call__(self, till_id: str, folder: Path | None) -> Till:
        token = till_token(folder) if folder is not None else None
        config = TillConfig(self.url, till_id=till_id, registration_token=token)
        till = build_till(config, self.clock)
        self.opened.append(till)
        return till


def test_a_till_registers_its_id_in_the_default_store_and_comes_back_to_it(
    open_till: _Opener, tmp_path: Path
) -> None:
    first = open_till("T1", tmp_path / "a")
    first.close()
    again = open_till("T1", tmp_path / "a")  # the same data folder: the same machine

    assert again.registration is not None
    assert (again.registration.till_id, again.registration.claimed) == ("T1", True)
    assert again.registration.store.store_id == 1
    assert rows(open_till.url, "SELECT till_id, store_id FROM tills") == [("T1", 1)]


def test_a_second_data_folder_claiming_a_registered_id_is_refused_before_anything_opens(
    open_till: _Opener, tmp_path: Path
) -> None:
    open_till("T1", tmp_path / "a")

    with pytest.raises(TillIdTaken) as refused:
        open_till("T1", tmp_path / "b")

    assert refused.value.till_id == "T1"
    assert "T1" in str(refused.value) and "pos tills set-id --next" in str(refused.value)
    assert open_till("T2", tmp_path / "b").config.till_id == "T2"  # another id: fine


def test_tills_without_an_id_get_the_next_free_one_and_keep_it(
    open_till: _Opener, tmp_path: Path
) -> None:
    handed = [open_till("", tmp_path / name).config.till_id for name in ("a", "b", "c")]
    again = open_till("", tmp_path / "b").config.till_id

    assert handed == ["T1", "T2", "T3"]
    assert again == "T2"
    assert rows(open_till.url, "SELECT count(*) FROM tills WHERE token IS NOT NULL") == [(3,)]


def test_a_released_id_is_taken_by_the_next_machine_that_asks(
    open_till: _Opener, tmp_path: Path
) -> None:
    open_till("T1", tmp_path / "old").close()
    admin = StoreAdmin(open_till.url, open_till.clock)
    with pytest.raises(TillIdTaken):
        open_till("T1", tmp_path / "new")

    admin.release_till("T1")

    assert open_till("T1", tmp_path / "new").config.till_id == "T1"
    with pytest.raises(TillIdTaken):
        open_till("T1", tmp_path / "old")


def test_each_store_prints_its_own_header_and_its_rows_carry_the_store(
    open_till: _Opener, tmp_path: Path
) -> None:
    admin = StoreAdmin(open_till.url, open_till.clock)
    open_till("T2", tmp_path / "b").close()
    east = admin.add_store(Store(0, "East Road", "1 East Road", "东路店\nEast Road branch", 5))
    admin.move_till("T2", "East Road")
    in_east = open_till("T2", tmp_path / "b")
    in_main = open_till("T1", tmp_path / "a")

    for till in (in_east, in_main):
        draft = draft_for(till, ZHANG_WEI, "HOT-01")
        bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
        till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))

    jobs = rows(open_till.url, "SELECT till_id, store_id, document FROM print_jobs ORDER BY id")
    headers = {till: json.loads(str(document))["header"] for till, _, document in jobs}
    assert headers["T2"][:2] == ["东路店", "East Road branch"]
    assert "East Road branch" not in headers["T1"]  # the restaurant profile's, as before
    assert {(till, store) for till, store, _ in jobs} == {("T2", east.store_id), ("T1", 1)}
    orders = "SELECT till_id, store_id FROM orders ORDER BY id"
    assert rows(open_till.url, orders) == [("T2", east.store_id), ("T1", 1)]
    payments = "SELECT till_id, store_id FROM payments ORDER BY id"
    assert rows(open_till.url, payments) == [("T2", east.store_id), ("T1", 1)]
    audit = "SELECT DISTINCT store_id FROM audit_events WHERE action = 'order_paid'"
    assert sorted(r[0] for r in rows(open_till.url, audit)) == [1, east.store_id]  # type: ignore[type-var]
    verdict = verify_database(open_till.url)
    assert verdict.ok, verdict.details


def test_an_offer_excluded_in_one_store_still_runs_in_the_others(
    open_till: _Opener, tmp_path: Path
) -> None:
    admin = StoreAdmin(open_till.url, open_till.clock)
    admin.add_store(Store(0, "Airport"))
    open_till("T2", tmp_path / "b").close()
    admin.move_till("T2", "Airport")
    assert admin.set_offer_runs("Airport", "FAMILY-4", runs=False)
    airport, main = open_till("T2", tmp_path / "b"), open_till("T1", tmp_path / "a")

    paid = {}
    for till in (airport, main):
        draft = draft_for(till, ZHANG_WEI, "SET-03", "HOT-01")
        draft.open_table("A8", 4)
        bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
        done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
        paid[till.config.till_id] = (done.order_no, bill.offers.total)

    assert paid["T1"][1] == 3000 and paid["T2"][1] == 0
    used = "SELECT o.till_id FROM order_offers f JOIN orders o ON o.id = f.order_id"
    assert rows(open_till.url, used) == [("T1",)]
    assert admin.set_offer_runs("Airport", "FAMILY-4", runs=True)
    assert "FAMILY-4" in {o.code for o in open_till("T2", tmp_path / "b").loyalty.rules().offers}


def test_store_admin_refuses_unknown_stores_tills_offers_and_bad_values(
    demo_url: str, clock: FakeClock
) -> None:
    admin = StoreAdmin(demo_url, clock)
    with pytest.raises(StoreRefused, match="no store"):
        admin.edit_store("Nowhere", name="Somewhere")
    with pytest.raises(StoreRefused, match="no till T9"):
        admin.release_till("T9")
    with pytest.raises(StoreRefused, match="no offer"):
        admin.set_offer_runs("1", "NOPE", runs=False)
    with pytest.raises(StoreRefused, match="0 to 11"):
        admin.add_store(Store(0, "Late", cutoff_hour=14))
    admin.add_store(Store(0, "North"))
    with pytest.raises(StoreRefused, match="already has that name"):
        admin.edit_store("North", name=admin.overview()[0].store.name)


def test_tills_starting_at_once_are_handed_distinct_ids(demo_url: str, clock: FakeClock) -> None:
    engine = create_db_engine(demo_url)
    start = threading.Barrier(4)
    handed: list[str] = []

    def start_a_till(n: int) -> None:
        start.wait()
        registered = register_till(engine, "", f"token-{n}", clock.now())
        assert registered is not None
        handed.append(registered.till_id)

    threads = [threading.Thread(target=start_a_till, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()

    assert sorted(handed) == ["T1", "T2", "T3", "T4"]


def test_a_coupon_of_an_offer_excluded_in_a_store_is_not_taken_there(
    open_till: _Opener, tmp_path: Path
) -> None:
    admin = StoreAdmin(open_till.url, open_till.clock)
    admin.add_store(Store(0, "Airport"))
    open_till("T2", tmp_path / "b").close()
    admin.move_till("T2", "Airport")
    admin.set_offer_runs("Airport", "CPN-BIRTHDAY", runs=False)

    taken = {}
    for till in (open_till("T2", tmp_path / "b"), open_till("T1", tmp_path / "a")):
        draft = draft_for(till, EMILY, "SET-03", "HOT-03")
        member = draft.member
        assert member is not None
        coupon = next(c for c in member.coupons if c.offer.code == "CPN-BIRTHDAY")
        draft.toggle_coupon(coupon.coupon_id)
        bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
        taken[till.config.till_id] = bill.offers.total

    assert taken == {"T2": 0, "T1": 5000}
