"""The KPIs tab, driven as a manager would: it reads the figures in the background when
shown, draws a chart per KPI with one point per period, changes period, exports."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractSeries, QBarSeries, QLineSeries, QStackedBarSeries
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QMainWindow, QTabWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import TillConfig, build_till
from tests.fakes import FakeClock
from tests.ui.conftest import click, open_cashier, pay_exact_cash, save_screenshot, settle
from ui.app import TillApp
from ui.manager.kpi_tab import KpiTab

# Opening the workspace raises its window, which the offscreen platform cannot do.
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def open_kpis(qtbot: QtBot, till_app: TillApp) -> tuple[QMainWindow, KpiTab]:
    assert till_app.login is not None
    till_app.login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    click(qtbot, window, "item_HOT-01")  # a guest's ¥38 dish, today
    pay_exact_cash(qtbot, window)
    click(qtbot, window, "workspaceButton")
    settle(window)  # the workspace opens once its first read is back
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None and workspace.isVisible()
    tab = workspace.findChild(KpiTab, "kpiTab")
    assert tab is not None and tab.figures is None  # nothing read before it is shown
    workspace.findChild(QTabWidget, "workspaceTabs").setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.figures is not None and bool(tab.board.charts), timeout=15_000)
    return workspace, tab


def points(series: QAbstractSeries) -> list[float]:
    assert isinstance(series, QLineSeries)
    return [round(point.y(), 2) for point in series.points()]


def named(tab: KpiTab, chart: str) -> dict[str, QAbstractSeries]:
    return {s.name(): s for s in tab.board.charts[chart].chart().series()}


def bar_values(series: QAbstractSeries) -> dict[str, list[float]]:
    assert isinstance(series, QBarSeries | QStackedBarSeries)
    return {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}


def test_the_charts_show_one_point_per_week_with_todays_sale(
    qtbot: QtBot, make_app: Callable[..., TillApp]
) -> None:
    workspace, tab = open_kpis(qtbot, make_app("en"))
    figures = tab.figures
    assert figures is not None and len(figures.rows) == 12
    assert figures.first == date(2026, 8, 31) and figures.last == date(2026, 11, 22)
    active = named(tab, "active")["Active members"]
    assert points(active) == [float(r.active_end) for r in figures.rows]
    assert figures.rows[0].active_end > 0
    spend = named(tab, "spend")
    assert points(spend["Non-members"]) == [0.0] * 11 + [38.0]  # zeros, not gaps
    assert points(spend["Members"]) == [0.0] * 12
    (visits,) = tab.board.charts["visits"].chart().series()
    assert bar_values(visits) == {"Members": [0.0] * 12, "Non-members": [0.0] * 11 + [1.0]}
    signups = named(tab, "signups")
    assert points(signups["Target"]) == [3.0] * 12
    discounts = next(s for s in tab.board.charts["discounts"].chart().series())
    assert isinstance(discounts, QStackedBarSeries)
    assert list(bar_values(discounts)) == [t.name_en for t in figures.tiers]
    assert set(named(tab, "renewal")) == {"Renewal rate", "Churn"}
    assert set(tab.board.charts) == {
        "active",
        "signups",
        "renewal",
        "spend",
        "visits",
        "discounts",
        "complaints",
        "satisfaction",
    }
    tile = tab.findChild(QFrame, "kpiTile_guest_spend")
    assert tile is not None
    values = [label.text() for label in tile.findChildren(QLabel)]
    assert "¥38.00" in values and "+¥38.00 vs previous" in values
    save_screenshot(workspace, "kpi-tab")


def test_changing_the_period_to_days_redraws_every_day(
    qtbot: QtBot, make_app: Callable[..., TillApp]
) -> None:
    _workspace, tab = open_kpis(qtbot, make_app("en"))
    tab.period_combo.setCurrentIndex(0)  # by day
    before = tab.figures
    click(qtbot, tab, "kpiRefresh")
    qtbot.waitUntil(lambda: tab.figures is not before, timeout=15_000)
    assert tab.figures is not None and len(tab.figures.rows) == 84
    (visits,) = tab.board.charts["visits"].chart().series()
    assert bar_values(visits)["Non-members"] == [0.0] * 83 + [1.0]


def test_the_figures_export_to_csv_in_the_background(
    qtbot: QtBot, make_app: Callable[..., TillApp], tmp_path: Path
) -> None:
    _workspace, tab = open_kpis(qtbot, make_app("en"))
    target = tmp_path / "kpi.csv"
    tab.choose_path = lambda _tab, _name, _format: target
    click(qtbot, tab, "kpiExportCsv")
    qtbot.waitUntil(lambda: "Exported" in tab.status.text(), timeout=15_000)
    text = target.read_text(encoding="utf-8-sig")
    assert "Active members" in text and "2026-11-16~11-22" in text


@pytest.mark.skipif(not os.environ.get("POS_KPI_DB"), reason="set POS_KPI_DB to a busy database")
def test_a_busy_restaurants_trends(qtbot: QtBot, tmp_path: Path) -> None:
    """On a copy of a database with weeks of activity (``POS_KPI_DB``, a SQLite file, and
    ``POS_KPI_TODAY``): every chart has a point per week; a screenshot to look at."""
    copy = tmp_path / "busy.db"
    shutil.copy(os.environ["POS_KPI_DB"], copy)
    today = date.fromisoformat(os.environ.get("POS_KPI_TODAY", "2026-11-23"))
    till = build_till(
        TillConfig(f"sqlite:///{copy}"), FakeClock(datetime(*today.timetuple()[:3], 21))
    )
    try:
        tab = KpiTab(
            till.reports,
            till.auth.log_in("manager", "9999"),
            os.environ.get("POS_KPI_LANG", "zh"),
            till_id=till.config.till_id,
            currency=till.currency,
            today=today,
        )
        tab.resize(1280, 1500)
        qtbot.addWidget(tab)
        tab.show()
        qtbot.waitUntil(lambda: tab.figures is not None and bool(tab.board.charts), timeout=60_000)
        assert tab.figures is not None
        active = next(iter(tab.board.charts["active"].chart().series()))
        assert points(active) == [float(r.active_end) for r in tab.figures.rows]
        save_screenshot(tab, "kpi-busy")
        tab.runner.wait_for_done()
    finally:
        till.close()
