"""Per-store, region and chain views on both databases: two stores sell on one database;
the Z report and the KPIs of each store add up to the chain's; a store manager is refused
another store's figures (and the refusal is audited); a chain manager sees all; sign-up
targets are inherited down company → region → city → store."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import Till
from app.domain.bill import build_bill
from app.domain.enrolment import EnrolmentForm
from app.domain.payment import PaymentMethod, Tender
from app.domain.stores import Store
from app.reports.eod import ZFigures
from app.reports.source import SqlReportSource
from app.services.reports import CommandLine, ScopeRefused
from app.stores.admin import StoreAdmin, StoreRefused
from app.stores.registration import TOKEN_FILE
from db.engine import create_db_engine, session_factory
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for, refund
from tests.integration.test_offers import EMILY, ZHANG_WEI
from tests.integration.test_stores_and_tills import _Opener, rows


@dataclass(frozen=True)
class Chain:
    url: str
    main: Till  # store 1, 华东/上海
    east: Till  # "East Road", 华东/杭州
    east_id: int


# The two tills' machines: the same registration tokens in the grown template and in each
# test's data folders, so each test's tills are the template's, come back.
TOKENS = {"T1": "a1" * 16, "T2": "b2" * 16}


def opener(url: str, clock: FakeClock, folder: Path) -> _Opener:
    for till_id, token in TOKENS.items():
        (folder / till_id).mkdir(parents=True, exist_ok=True)
        (folder / till_id / TOKEN_FILE).write_text(token + "\n", encoding="ascii")
    return _Opener(url, clock)


def sell_in_two_stores(url: str) -> None:
    """Store 1 (T1) and the East Road store (T2) sell, refund and enrol, on ``url``."""
    with tempfile.TemporaryDirectory() as folder:
        open_till = opener(url, FakeClock(datetime(2026, 11, 22, 12, 30)), Path(folder))
        try:
            _sell_in_two_stores(open_till, Path(folder))
        finally:
            for till in open_till.opened:
                till.close()


def _sell_in_two_stores(open_till: _Opener, folder: Path) -> None:
    admin = StoreAdmin(open_till.url, open_till.clock)
    open_till("T2", folder / "T2").close()
    admin.edit_store("1", region="华东/上海")
    admin.add_store(Store(0, "East Road", "1 East Road", None, None, "华东/杭州"))
    admin.move_till("T2", "East Road")
    main, other = open_till("T1", folder / "T1"), open_till("T2", folder / "T2")
    for till, phone, codes in (
        (main, ZHANG_WEI, ("HOT-01", "HOT-03")),
        (main, EMILY, ("HOT-02",)),
        (other, EMILY, ("HOT-01",)),
        (other, ZHANG_WEI, ("COLD-02", "HOT-03")),
    ):
        draft = order_for(till, phone, *codes)
        due = build_bill(draft, till.loyalty.rules(), till.clock.now()).due
        done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, due), cashier(till))
    refund(other, done.order_no)  # one refund, in the east store
    main.enrolment.enrol(cashier(main), EnrolmentForm(phone="13700000001", name="李雷"))
    other.enrolment.enrol(cashier(other), EnrolmentForm(phone="13700000002", name="韩梅梅"))
    other.enrolment.enrol(cashier(other), EnrolmentForm(phone="13700000003", name="王小明"))


@pytest.fixture
def chain(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates, tmp_path: Path
) -> Iterator[Chain]:
    """A copy of the demo till after ``sell_in_two_stores``, made once per process."""
    demo_templates.fill_grown(
        new_database_url, Demo(DEMO_MEMBERS, clock.now().date()), sell_in_two_stores
    )
    open_till = opener(new_database_url, clock, tmp_path)
    try:
        main, east = open_till("T1", tmp_path / "T1"), open_till("T2", tmp_path / "T2")
        east_id = rows(new_database_url, "SELECT id FROM stores WHERE name = 'East Road'")[0][0]
        yield Chain(new_database_url, main, east, int(east_id))
    finally:
        for till in open_till.opened:
            till.close()


def z(url: str, clock: FakeClock, store: str = "", region: str = "") -> ZFigures:
    engine = create_db_engine(url)
    try:
        source = SqlReportSource(session_factory(engine))
        values = {"store": store, "region": region}
        return source.z_figures(None, clock.now().date(), values)
    finally:
        engine.dispose()


def test_each_stores_z_report_adds_up_to_the_chains(chain: Chain, clock: FakeClock) -> None:
    whole = z(chain.url, clock)
    one, two = z(chain.url, clock, "1"), z(chain.url, clock, str(chain.east_id))
    assert one.totals.orders == 2 and two.totals.orders == 2 and whole.totals.orders == 4
    for field in ("subtotal", "total", "due", "guests"):
        assert getattr(one.totals, field) + getattr(two.totals, field) == getattr(
            whole.totals, field
        ), field
    assert one.totals.total != two.totals.total  # not the same figures twice
    assert one.tendered + two.tendered == whole.tendered
    assert z(chain.url, clock, region="华东").totals == whole.totals
    assert z(chain.url, clock, region="华东/杭州").totals == two.totals
    # History written in bulk without a store (the demo's, a benchmark's) is store 1's.
    engine = create_db_engine(chain.url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE orders SET store_id = NULL WHERE till_id = 'T1'"))
            connection.execute(text("UPDATE payments SET store_id = NULL WHERE till_id = 'T1'"))
    finally:
        engine.dispose()
    assert z(chain.url, clock, "1").totals == one.totals
    assert z(chain.url, clock, str(chain.east_id)).totals == two.totals


def test_each_stores_kpis_add_up_to_the_chains(chain: Chain, clock: FakeClock) -> None:
    day = clock.now().date().isoformat()

    def kpi(**scope: str) -> tuple[int, int, int]:
        given = {"from": day, "to": day, "period": "day", "till": "all", **scope}
        figures, _title = chain.main.reports.kpi(given, CommandLine(), "en")
        row = figures.rows[0]
        return row.member_visits + row.guest_visits, row.signups, row.staff_days

    one, two, whole = kpi(store="1"), kpi(store=str(chain.east_id)), kpi(store="")
    assert (one[0], two[0], whole[0]) == (2, 1, 3)  # visits: the refunded order is none
    assert (one[1], two[1]) == (1, 2)  # sign-ups where the till enrolled them
    assert one[1] + two[1] == whole[1]
    assert kpi(store="", region="华东") == whole


def test_a_store_manager_sees_their_store_only_and_is_refused_others(chain: Chain) -> None:
    manager = chain.east.auth.log_in("manager", "9999")
    day = chain.east.clock.now().date().isoformat()
    given = {"from": day, "to": day, "till": "all"}
    own, _ = chain.east.reports.kpi(given, manager, "en")  # the default: this till's store
    assert own.rows[0].member_visits + own.rows[0].guest_visits == 1
    for scope in ({"store": "1"}, {"store": ""}, {"region": "华东", "store": ""}):
        with pytest.raises(ScopeRefused):
            chain.east.reports.kpi({**given, **scope}, manager, "en")
    with pytest.raises(ScopeRefused):
        chain.east.reports.preview("eod", {"store": "1"}, manager, "en")
    engine = create_db_engine(chain.url)
    try:
        with engine.connect() as connection:
            refused = connection.execute(
                text("SELECT store_id, detail FROM audit_events WHERE action = 'report_refused'")
            ).all()
            assert len(refused) == 4
            assert {r[0] for r in refused} == {chain.east_id}
            assert "store=1" in refused[0][1]
            # A chain manager: the same person with the chain-level role sees everything.
            connection.execute(
                text("UPDATE staff SET role = 'chain_manager' WHERE username = 'manager'")
            )
            connection.commit()
    finally:
        engine.dispose()
    whole, _ = chain.east.reports.kpi({**given, "store": ""}, manager, "en")
    assert whole.rows[0].member_visits + whole.rows[0].guest_visits == 3
    preview = chain.east.reports.preview("eod", {"store": "1", "till": "all"}, manager, "en")
    assert preview.sections


def test_targets_are_inherited_down_company_region_city_store(chain: Chain) -> None:
    admin = StoreAdmin(chain.url, chain.main.clock)
    day = chain.main.clock.now().date().isoformat()

    def target(**scope: str) -> int:
        given = {"from": day, "to": day, "till": "all", "store": "", **scope}
        return chain.main.reports.kpi(given, CommandLine(), "en")[0].target

    assert target(store="1") == 300  # the default
    admin.set_target("company", "", "4")
    assert (target(), target(store="1"), target(region="华东")) == (400, 400, 400)
    admin.set_target("region", "华东", "3.5")
    assert (target(), target(store="1"), target(region="华东")) == (400, 350, 350)
    admin.set_target("city", "华东/杭州", "2")
    assert (target(store="1"), target(store=str(chain.east_id))) == (350, 200)
    admin.set_target("store", "East Road", "1.25")  # by name, kept by number
    assert target(store=str(chain.east_id)) == 125
    assert admin.targets()[f"store:{chain.east_id}"] == "1.25"
    admin.set_target("store", str(chain.east_id), "")  # cleared: the city's again
    assert target(store=str(chain.east_id)) == 200
    with pytest.raises(StoreRefused):
        admin.set_target("store", "Nowhere", "2")
    with pytest.raises(StoreRefused):
        admin.set_target("region", "华东", "lots")


def test_the_command_line_exports_a_stores_z_report_and_sets_targets(
    chain: Chain, tmp_path: Path
) -> None:
    from tests.integration.test_stores_cli import pos

    def net_sales(*scope: str) -> str:
        out = tmp_path / f"z{len(scope)}{'-'.join(scope)}.csv"
        day = chain.main.clock.now().date().isoformat()
        done = pos(tmp_path, "report", "eod", "--db", chain.url, "--till", "all", "--day", day,
                   "--out", str(out), *scope)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return out.read_text(encoding="utf-8-sig")

    east = net_sales("--store", str(chain.east_id))
    whole = net_sales()  # the command line's default: the whole chain
    assert "订单数,2," in east and "订单数,4," in whole
    assert net_sales("--region", "华东/杭州") == east
    refused = pos(tmp_path, "report", "eod", "--db", chain.url, "--store", "9", "--out",
                  str(tmp_path / "no.csv"))  # fmt: skip
    assert refused.returncode != 0 and "no store matches store 9" in refused.stderr
    assert "Traceback" not in refused.stderr

    set_ = pos(tmp_path, "stores", "target", "--city", "华东/杭州", "2.5", "--db", chain.url)
    listed = pos(tmp_path, "stores", "target", "--db", chain.url)
    bad = pos(tmp_path, "stores", "target", "--store", "Nowhere", "2", "--db", chain.url)
    assert set_.returncode == 0 and "2.5" in set_.stdout
    assert "city:华东/杭州" in listed.stdout and "2.5" in listed.stdout
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
