"""The What-if tab, driven as a manager would on a real till database with three sales:
a draft made from the live rules and edited with the editor's own form, the period
replayed in the background, the difference worked out by hand, the exports, cancel,
and "Apply draft" through the loyalty editor's service and the audit trail."""

from __future__ import annotations

import csv
import gc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.demo_history import HISTORY_DAYS
from app.domain.staff import StaffMember
from db.models import AuditEventRow
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_whatif import three_orders
from tests.ui.conftest import click, on_next_modal, open_workspace_as_manager, save_screenshot
from ui.app import TillApp
from ui.main_thread_gc import collect_on_gui_thread
from ui.manager.whatif_tab import WhatIfTab

TODAY = date(2026, 11, 22)
# Opening the workspace raises its window, which the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture(autouse=True)
def gui_thread_gc(qapp: QApplication) -> Iterator[None]:
    """As the till does (``ui.main_thread_gc``): a collection on the replay's thread could
    free a closed form there, which crashes Qt."""
    was_enabled = gc.isenabled()
    collect_on_gui_thread(qapp)
    yield
    if was_enabled:
        gc.enable()


def table_rows(tab: QWidget, name: str) -> list[list[str]]:
    table = tab.findChild(QTableWidget, name)
    assert table is not None, name
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def status(tab: WhatIfTab) -> str:
    return tab.findChild(QLabel, "whatIfStatus").text()


def open_tab(
    qtbot: QtBot, till: Till, staff: StaffMember, files: dict[str, Path] | None = None
) -> tuple[WhatIfTab, list[str]]:
    asked: list[str] = []

    def confirm(_parent: QWidget, question: str) -> bool:
        asked.append(question)
        return True

    chosen = files or {}
    tab = WhatIfTab(
        till.whatif, staff, "en", till.currency,
        choose_file=lambda _parent, kind, _saving: chosen.get(kind), confirm=confirm,
    )  # fmt: skip
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    return tab, asked


def draft_gold_at_12_percent(qtbot: QtBot, tab: WhatIfTab) -> None:
    qtbot.waitUntil(lambda: tab.draft.tiers.table.rowCount() == 3, timeout=20_000)
    table = tab.draft.tiers.table
    table.selectRow([table.item(r, 1).text() for r in range(3)].index("GOLD"))

    def edit(form: QWidget) -> None:
        field = form.findChild(QLineEdit, "tierDiscountEdit")
        assert field.text() == "10"
        field.clear()
        qtbot.keyClicks(field, "12")
        click(qtbot, form, "saveTierButton")

    on_next_modal(edit)
    click(qtbot, tab, "editDraftTierButton")
    assert table_rows(tab, "draftTiersTable")[1][1:4] == ["GOLD", "Gold", "12% off · 8.8折"]


def replay_today(qtbot: QtBot, tab: WhatIfTab) -> None:
    tab.period_combo.setCurrentIndex(2)  # custom dates
    tab.from_edit.setDate(QDate(2026, 11, 22))
    tab.to_edit.setDate(QDate(2026, 11, 22))
    click(qtbot, tab, "runWhatIfButton")
    qtbot.waitUntil(lambda: tab.comparison is not None, timeout=60_000)


def test_a_higher_gold_discount_shows_the_difference_worked_out_by_hand(
    qtbot: QtBot, till: Till, clock: FakeClock, tmp_path: Path
) -> None:
    three_orders(till, clock)  # Gold ¥38 (¥3.80 off), Silver ¥88 (¥4.40 off), a guest
    manager = till.auth.log_in("manager", "9999")
    files = {"csv": tmp_path / "what-if.csv", "pdf": tmp_path / "what-if.pdf"}
    tab, _asked = open_tab(qtbot, till, manager, files)
    draft_gold_at_12_percent(qtbot, tab)
    assert next(t for t in till.loyalty_admin.tiers() if t.code == "GOLD").discount_bp == 1000

    replay_today(qtbot, tab)

    summary = {row[0]: row[1:] for row in table_rows(tab, "whatIf_summary")}
    assert summary["Orders replayed"] == ["3", "3", "0"]
    assert summary["Discount cost"] == ["¥8.20", "¥8.96", "+¥0.76"]  # 12% of ¥38 is ¥4.56
    assert summary["Points issued"] == ["134", "133", "-1"]  # (3800 - 456) x 1.5 / 100 = 50
    by_tier = {row[0]: row[1:] for row in table_rows(tab, "whatIf_tiers")}
    assert by_tier["Gold"][:4] == ["1", "¥3.80", "¥4.56", "+¥0.76"]
    assert by_tier["Silver"][:4] == ["1", "¥4.40", "¥4.40", "¥0.00"]
    assert by_tier["Guests"][:4] == ["1", "¥0.00", "¥0.00", "¥0.00"]
    assert "stores" not in tab.results.tables  # one store: no split by store
    assert table_rows(tab, "whatIf_moves") == []
    assert table_rows(tab, "whatIf_missed") == []
    assert "3 orders replayed; 0 could not be reproduced" in status(tab)
    assert tab.results.chart_view.chart().series()[0].count() == 2  # current and draft bars

    click(qtbot, tab, "whatIfCsvButton")
    qtbot.waitUntil(lambda: "Exported" in status(tab), timeout=30_000)
    rows = list(csv.reader(files["csv"].read_text("utf-8-sig").splitlines()))
    assert ["Discount cost", "8.20", "8.96", "0.76"] in rows
    assert ["Points issued", "134", "133", "-1"] in rows
    assert ["GOLD", "1", "3.80", "4.56", "0.76", "51", "50", "-1"] not in rows  # names, not codes
    assert ["Gold", "1", "3.80", "4.56", "0.76", "51", "50", "-1"] in rows
    click(qtbot, tab, "whatIfPdfButton")
    qtbot.waitUntil(lambda: files["pdf"].exists(), timeout=60_000)
    qtbot.waitUntil(lambda: "Exported" in status(tab) and "pdf" in status(tab), timeout=60_000)
    text = "".join(page.extract_text() for page in PdfReader(files["pdf"]).pages)
    assert "What-if simulation" in text and "¥0.76" in text


def test_cancel_stops_the_replay_and_shows_nothing(
    qtbot: QtBot, till: Till, clock: FakeClock
) -> None:
    three_orders(till, clock)
    tab, _asked = open_tab(qtbot, till, till.auth.log_in("manager", "9999"))
    qtbot.waitUntil(lambda: tab.draft.tiers.table.rowCount() == 3, timeout=20_000)
    tab.period_combo.setCurrentIndex(2)
    tab.from_edit.setDate(QDate(2026, 11, 22))
    tab.to_edit.setDate(QDate(2026, 11, 22))

    click(qtbot, tab, "runWhatIfButton")
    assert tab.findChild(QWidget, "cancelWhatIfButton").isEnabled()
    click(qtbot, tab, "cancelWhatIfButton")  # seen before the first order is replayed
    qtbot.waitUntil(lambda: "cancelled" in status(tab), timeout=60_000)

    assert status(tab) == "Replay cancelled: nothing was changed."
    assert tab.comparison is None
    assert tab.findChild(QWidget, "runWhatIfButton").isEnabled()
    assert not tab.findChild(QWidget, "whatIfCsvButton").isEnabled()


def audit(till: Till) -> list[tuple[str, str, int | None]]:
    engine = create_engine(till.config.database_url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(AuditEventRow.action, AuditEventRow.subject, AuditEventRow.staff_id)
                .where(AuditEventRow.action.in_(("loyalty_rule_changed", "rules_draft_applied")))
                .order_by(AuditEventRow.id)
            )
            return [(action, subject, staff) for action, subject, staff in rows]
    finally:
        engine.dispose()


def test_apply_draft_makes_it_live_through_the_editor_and_the_audit_trail(
    qtbot: QtBot, till: Till, clock: FakeClock
) -> None:
    manager = till.auth.log_in("manager", "9999")
    tab, asked = open_tab(qtbot, till, manager)
    draft_gold_at_12_percent(qtbot, tab)
    offer = till.loyalty_admin.offers()[0]
    offers = tab.draft.offers.table
    offers.selectRow([offers.item(r, 0).text() for r in range(offers.rowCount())].index(offer.code))

    def cheaper(form: QWidget) -> None:
        field = form.findChild(QLineEdit, "offerFeeEdit")
        field.clear()
        qtbot.keyClicks(field, "9.5")
        click(qtbot, form, "saveOfferButton")

    on_next_modal(cheaper)
    click(qtbot, tab, "editDraftOfferButton")
    before = audit(till)

    click(qtbot, tab, "applyDraftButton")
    qtbot.waitUntil(lambda: "Draft applied" in status(tab), timeout=30_000)

    assert asked and "• Change tier GOLD\n" in asked[0]
    assert f"• Change renewal offer {offer.code}" in asked[0]
    assert status(tab) == "Draft applied: 2 changes made, each recorded in the audit trail."
    assert next(t for t in till.loyalty_admin.tiers() if t.code == "GOLD").discount_bp == 1200
    assert till.loyalty_admin.offers()[0].fee == 950
    assert audit(till)[len(before) :] == [
        ("loyalty_rule_changed", "tier:GOLD", manager.staff_id),
        ("loyalty_rule_changed", f"renewal_offer:{offer.code}", manager.staff_id),
        ("rules_draft_applied", "loyalty_rules", manager.staff_id),
    ]
    click(qtbot, tab, "applyDraftButton")  # once more: nothing left to change
    qtbot.waitUntil(lambda: "same as the live rules" in status(tab), timeout=30_000)


def test_a_refused_change_stops_the_apply_and_says_how_many_were_made(
    qtbot: QtBot, till: Till
) -> None:
    manager = till.auth.log_in("manager", "9999")
    tab, _asked = open_tab(qtbot, till, manager)
    draft_gold_at_12_percent(qtbot, tab)
    tab.draft.tiers.table.selectRow(0)  # SILVER, which demo members hold
    click(qtbot, tab, "deleteDraftTierButton")
    assert [row[1] for row in table_rows(tab, "draftTiersTable")] == ["GOLD", "PLATINUM"]
    before = audit(till)

    click(qtbot, tab, "applyDraftButton")
    qtbot.waitUntil(lambda: "refused" in status(tab), timeout=30_000)

    assert status(tab).startswith("1 of 2 changes were made, then one was refused:")
    assert "hold the tier SILVER" in status(tab)
    assert {t.code for t in till.loyalty_admin.tiers()} == {"SILVER", "GOLD", "PLATINUM"}
    assert audit(till)[len(before) :] == [
        ("loyalty_rule_changed", "tier:GOLD", manager.staff_id),
        ("rules_draft_applied", "loyalty_rules", manager.staff_id),
    ]


@pytest.mark.parametrize("username, pin", [("wangfang", "1111")])
def test_a_cashier_is_refused_and_reads_nothing(
    qtbot: QtBot, till: Till, username: str, pin: str
) -> None:
    tab, _asked = open_tab(qtbot, till, till.auth.log_in(username, pin))
    qtbot.waitUntil(lambda: "may not" in status(tab), timeout=30_000)
    assert tab.draft.tiers.table.rowCount() == 0


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_manager_replays_last_month_of_the_demo_in_the_workspace(
    qtbot: QtBot,
    make_app: Callable[[str], TillApp],
    language: str,
    tmp_path: Path,
    demo_templates: DemoTemplates,
) -> None:
    """The demo's six weeks of orders, last month replayed with Gold at 12% and a lower
    Gold mark; every order reproduced under the rules in force."""
    history = Demo(DEMO_MEMBERS, TODAY, history_days=HISTORY_DAYS)
    demo_templates.fill(f"sqlite:///{tmp_path / 'till.db'}", history)  # make_app opens it
    till_app = make_app(language)
    _window, workspace, tab = open_workspace_as_manager(qtbot, till_app, WhatIfTab, "whatIfTab")
    assert tab is not None
    qtbot.waitUntil(lambda: tab.draft.tiers.table.rowCount() == 3, timeout=20_000)
    table = tab.draft.tiers.table
    table.selectRow([table.item(r, 1).text() for r in range(3)].index("GOLD"))

    def edit(form: QWidget) -> None:
        for name, text in (("tierDiscountEdit", "12"), ("tierQualifySpendEdit", "1000")):
            field = form.findChild(QLineEdit, name)
            field.clear()
            qtbot.keyClicks(field, text)
        click(qtbot, form, "saveTierButton")

    on_next_modal(edit)
    click(qtbot, tab, "editDraftTierButton")
    assert tab.period() == (date(2026, 10, 1), date(2026, 10, 31))  # last month by default
    click(qtbot, tab, "runWhatIfButton")
    qtbot.waitUntil(lambda: tab.comparison is not None, timeout=120_000)

    comparison = tab.comparison
    assert comparison is not None and comparison.current.orders > 0
    assert comparison.not_reproduced == []
    assert comparison.draft.discount_cost > comparison.current.discount_cost
    assert any(move.direction == "up" for move in comparison.tier_moves)
    for width in (1366, 1024):
        workspace.resize(width, 768)
        tab.results.setCurrentIndex(0)
        save_screenshot(workspace, f"whatif-results-{width}x768-{language}")
    tab.results.setCurrentIndex(3)  # the members changing tier, by name
    save_screenshot(workspace, f"whatif-moves-1024x768-{language}")
    tab.pages.setCurrentIndex(0)
    save_screenshot(workspace, f"whatif-draft-1024x768-{language}")
