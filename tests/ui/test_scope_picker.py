"""The scope picker in the manager's KPIs and Reports tabs: a store manager is offered
their own store only; a chain manager picks another store, a region or the whole chain,
and the figures shown follow the pick."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import Till, build_till
from app.domain.bill import build_bill
from app.domain.payment import PaymentMethod, Tender
from app.domain.stores import Store
from app.stores.admin import StoreAdmin
from app.stores.registration import till_token
from app.till_config import TillConfig
from db.engine import create_db_engine
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_offers import EMILY, ZHANG_WEI
from ui.manager.kpi_tab import KpiTab
from ui.manager.reports_tab import ReportsTab

SHOTS = Path("/work/notes/screens")


@pytest.fixture
def till(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates, tmp_path: Path
) -> Iterator[Till]:
    """Till T1 in store 1 (华东/上海) with one sale; till T2 in "East Road" (华东/杭州)
    with two."""
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    admin = StoreAdmin(new_database_url, clock)
    tokens = {t: till_token(tmp_path / t) for t in ("T1", "T2")}
    opened = [
        build_till(TillConfig(new_database_url, till_id=t, registration_token=tokens[t]), clock)
        for t in ("T1", "T2")
    ]
    opened[1].close()
    admin.edit_store("1", region="华东/上海")
    admin.add_store(Store(0, "East Road", "", None, None, "华东/杭州"))
    admin.move_till("T2", "East Road")
    east = build_till(
        TillConfig(new_database_url, till_id="T2", registration_token=tokens["T2"]), clock
    )
    for shop, phone in ((opened[0], ZHANG_WEI), (east, EMILY), (east, ZHANG_WEI)):
        draft = order_for(shop, phone, "HOT-01")
        due = build_bill(draft, shop.loyalty.rules(), clock.now()).due
        shop.checkout.check_out(draft, Tender(PaymentMethod.CASH, due), cashier(shop))
    east.close()
    yield opened[0]
    opened[0].close()


def make_chain_manager(url: str) -> None:
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE staff SET role = 'chain_manager' WHERE username = 'manager'")
            )
    finally:
        engine.dispose()


def kpi_tab(till: Till, clock: FakeClock) -> KpiTab:
    manager = till.auth.log_in("manager", "9999")
    return KpiTab(
        till.reports, manager, "en", till_id="T1", currency=till.currency, today=clock.now().date()
    )


def visits(tab: KpiTab) -> int:
    assert tab.figures is not None
    return sum(r.member_visits + r.guest_visits for r in tab.figures.rows)


def test_a_store_manager_is_offered_their_own_store_only(
    qtbot: QtBot, till: Till, clock: FakeClock
) -> None:
    tab = kpi_tab(till, clock)
    qtbot.addWidget(tab)
    assert tab.scope_picker.count() == 1 and not tab.scope_picker.isEnabled()
    assert tab.scope_picker.itemText(0).startswith("This store (")
    tab.till_combo.setCurrentIndex(0)  # all tills
    tab.refresh()
    qtbot.waitUntil(lambda: tab.figures is not None, timeout=15_000)
    assert visits(tab) == 1


def test_a_chain_manager_picks_another_store_a_region_or_the_chain(
    qtbot: QtBot, till: Till, clock: FakeClock
) -> None:
    make_chain_manager(till.config.database_url)
    tab = kpi_tab(till, clock)
    qtbot.addWidget(tab)
    picker = tab.scope_picker
    titles = [picker.itemText(i) for i in range(picker.count())]
    assert titles[1:] == [
        "Store: East Road",
        "Region: 华东",
        "Region: 华东/上海",
        "Region: 华东/杭州",
        "Whole chain",
    ]
    tab.till_combo.setCurrentIndex(0)
    for index, expected in ((0, 1), (1, 2), (2, 3), (4, 2), (5, 3)):
        picker.setCurrentIndex(index)
        tab.figures = None
        tab.refresh()
        qtbot.waitUntil(lambda: tab.figures is not None, timeout=15_000)
        assert visits(tab) == expected, titles[index]
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.resize(1100, 700)
    tab.grab().save(str(SHOTS / "s28-views-kpi-scope.png"))

    reports = ReportsTab(till.reports, till.auth.log_in("manager", "9999"), "en")
    qtbot.addWidget(reports)
    reports.report_combo.setCurrentIndex(
        next(i for i, r in enumerate(reports._reports) if r.name == "eod")
    )
    assert not reports.scope_picker.isHidden()
    reports.scope_picker.setCurrentIndex(1)
    assert reports.values()["store"] != "1" and reports.values()["region"] == ""
    reports.report_combo.setCurrentIndex(
        next(i for i, r in enumerate(reports._reports) if r.name == "tenure")
    )
    assert not reports.scope_picker.isHidden()  # tenure: the members who joined there
    reports.report_combo.setCurrentIndex(
        next(i for i, r in enumerate(reports._reports) if r.name == "behaviour")
    )
    assert reports.scope_picker.isHidden() and "store" not in reports.values()
