"""The Campaigns tab, driven as a manager would on a real till database: a campaign
started with a share held back, a sale by a member given it, the figures in the table,
the uplift in words and charts, the CSV and PDF; and the tab in the workspace over the
demo's weeks of orders (screenshots in both languages)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Till
from app.campaigns.desk import CampaignDesk
from app.demo_history import HISTORY_DAYS
from app.services.report_types import ExportFormat
from db.engine import create_db_engine, session_factory
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_campaigns import draft_for, groups, pay, phone_of
from tests.integration.test_loyalty_admin import cashier, manager
from tests.ui.conftest import click, open_workspace_as_manager, save_screenshot
from ui.app import TillApp
from ui.manager.campaigns_tab import CampaignsTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def status(tab: CampaignsTab) -> str:
    return tab.findChild(QLabel, "campaignsStatus").text()


def cells(tab: CampaignsTab) -> list[list[str]]:
    table = tab.findChild(QTableWidget, "campaignsTable")
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def open_tab(qtbot: QtBot, till: Till, files: dict[ExportFormat, Path]) -> CampaignsTab:
    tab = CampaignsTab(
        till.campaigns, manager(till), "en", till.currency, till.clock.now,
        choose_file=lambda _parent, _name, format: files.get(format),
    )  # fmt: skip
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    qtbot.waitUntil(lambda: tab.offer_combo.count() > 0 and not tab.runner.busy, timeout=30_000)
    return tab


def test_a_campaign_started_in_the_tab_shows_its_sale_uplift_and_exports(
    qtbot: QtBot, till: Till, database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    files = {ExportFormat.CSV: tmp_path / "c.csv", ExportFormat.PDF: tmp_path / "c.pdf"}
    tab = open_tab(qtbot, till, files)
    assert all(r.facts.campaign_id is None for r in tab.results)  # the demo's goodwill coupons
    tab.offer_combo.setCurrentIndex(tab.offer_combo.findData("MEMBER-TUESDAY"))
    tab.findChild(QDoubleSpinBox, "campaignHoldout").setValue(25)
    click(qtbot, tab, "startCampaignButton")
    qtbot.waitUntil(lambda: "Campaign started" in status(tab), timeout=30_000)
    qtbot.waitUntil(lambda: not tab.runner.busy and tab.results[0].facts.campaign_id == 1,
                    timeout=30_000)  # fmt: skip
    result = tab.results[0]
    assert result.facts.holdout_bp == 2_500 and result.facts.held_back > 0

    given, held = groups(database_url, result.facts.campaign_id)
    clock.advance(timedelta(days=2))  # Tuesday 24 November: member Tuesday holds
    order = pay(till, draft_for(till, phone_of(database_url, given[0])))
    assert order
    click(qtbot, tab, "refreshCampaignsButton")
    qtbot.waitUntil(lambda: not tab.runner.busy and tab.results[0].facts.redeemed == 1,
                    timeout=30_000)  # fmt: skip

    row = cells(tab)[0]
    facts = tab.results[0].facts
    assert row[0] == "MEMBER-TUESDAY"
    assert row[2:7] == [str(facts.targeted), str(len(held)), "0", "1", "1"]
    assert row[8] == f"¥{facts.discount / 100:.2f}" and facts.discount > 0
    visits = 1 / len(given)  # one visit among those given it, none among those held back
    assert row[10] == f"+{visits:.2f}"
    method = tab.findChild(QLabel, "campaignMethod").text()
    assert f"the {len(held)} members held back at random" in method
    assert tab.findChild(QChartView, "campaignVisitsChart").isVisible()

    click(qtbot, tab, "campaignsCsvButton")
    qtbot.waitUntil(lambda: "Exported" in status(tab), timeout=30_000)
    with files[ExportFormat.CSV].open(encoding="utf-8-sig") as exported:
        lines = list(csv.reader(exported))
    assert any(line[0].endswith("(MEMBER-TUESDAY)") and line[6] == "1" for line in lines)
    click(qtbot, tab, "campaignsPdfButton")
    qtbot.waitUntil(lambda: "Exported" in status(tab) and files[ExportFormat.PDF].exists(),
                    timeout=60_000)  # fmt: skip
    text = "".join(page.extract_text() for page in PdfReader(files[ExportFormat.PDF]).pages)
    assert "Campaign results" in text and "MEMBER-TUESDAY" in text


def test_a_cashier_cannot_start_a_campaign_and_is_told_so(qtbot: QtBot, till: Till) -> None:
    tab = CampaignsTab(till.campaigns, cashier(till), "en", till.currency, till.clock.now)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.offer_combo.count() > 0 and not tab.runner.busy, timeout=30_000)
    click(qtbot, tab, "startCampaignButton")
    qtbot.waitUntil(lambda: "Only a manager" in status(tab), timeout=30_000)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_manager_reads_the_demo_campaigns_in_the_workspace(
    qtbot: QtBot,
    make_app: Callable[[str], TillApp],
    language: str,
    tmp_path: Path,
    demo_templates: DemoTemplates,
) -> None:
    """Two campaigns started five weeks ago over the demo's orders: one with a tenth held
    back, one coupon campaign without."""
    url = f"sqlite:///{tmp_path / 'till.db'}"
    demo_templates.fill(url, Demo(DEMO_MEMBERS, date(2026, 11, 22), history_days=HISTORY_DAYS))
    engine = create_db_engine(url)
    try:
        desk = CampaignDesk(session_factory(engine).begin, FakeClock(datetime(2026, 10, 18, 9)))
        desk.start("MEMBER-TUESDAY", 2_000, seed=23)
        desk.start("CPN-WELCOME-BACK", 0, seed=5, coupon_days=60)
    finally:
        engine.dispose()
    till_app = make_app(language)
    _window, workspace, tab = open_workspace_as_manager(
        qtbot, till_app, CampaignsTab, "campaignsTab"
    )
    assert tab is not None
    qtbot.waitUntil(lambda: len(tab.results) > 2 and not tab.runner.busy, timeout=60_000)
    assert all(r.facts.targeted > 0 for r in tab.results)
    tab.table.selectRow(1)  # the one with a control group
    workspace.resize(1366, 768)
    save_screenshot(workspace, f"campaigns-1366x768-{language}")
    workspace.resize(1024, 768)
    save_screenshot(workspace, f"campaigns-1024x768-{language}")
