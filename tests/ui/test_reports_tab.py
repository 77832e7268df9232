"""The Reports tab, driven as a manager would: preview, export in the background, cancel,
print the Z report; the window keeps answering throughout."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QProgressBar, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from db.models import AuditEventRow, PrintJobRow
from tests.ui.conftest import click, open_cashier, pay_exact_cash, save_screenshot, settle
from ui.app import TillApp
from ui.manager.reports_tab import ReportsTab

# Opening the workspace raises its window, which the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def open_reports(qtbot: QtBot, till_app: TillApp) -> tuple[QMainWindow, ReportsTab]:
    assert till_app.login is not None
    till_app.login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)  # one sale for the Z report
    click(qtbot, window, "workspaceButton")
    settle(window)  # the workspace opens once its first read is back
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None and workspace.isVisible()
    tab = workspace.findChild(ReportsTab, "reportsTab")
    assert tab is not None
    workspace.findChild(QTabWidget, "workspaceTabs").setCurrentWidget(tab)
    return workspace, tab


def status(tab: ReportsTab) -> str:
    return tab.findChild(QLabel, "reportStatus").text()


def audit_actions(till_app: TillApp) -> list[str]:
    engine = create_engine(till_app.till.config.database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(AuditEventRow.action).order_by(AuditEventRow.id)))
    finally:
        engine.dispose()


def render_first_page(pdf: Path) -> None:
    """Save page 1 as a PNG beside the screenshots, when both are wanted and possible."""
    folder = os.environ.get("POS_SCREENSHOT_DIR")
    if folder and shutil.which("pdftoppm"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        out = Path(folder) / f"{pdf.stem}-page1"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(out),
            ],
            check=True,
            timeout=60,
        )


def test_a_manager_previews_and_exports_the_tenure_report_as_pdf(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("zh")
    workspace, tab = open_reports(qtbot, till_app)
    tab.choose_path = lambda _tab, suggested, _format: tmp_path / suggested

    click(qtbot, tab, "previewButton")
    qtbot.waitUntil(lambda: tab.findChild(QTabWidget, "previewSections").count() == 1)
    table = tab.findChild(QTabWidget, "previewSections").widget(0)
    assert table.rowCount() > 5 and table.horizontalHeaderItem(9).text() == "建议行动"
    phones = {table.item(row, 3).text() for row in range(table.rowCount())}
    assert all("****" in phone for phone in phones)
    save_screenshot(workspace, "reports-tenure-preview-zh")

    click(qtbot, tab, "exportPdfButton")
    qtbot.waitUntil(lambda: "已导出" in status(tab) or "Exported" in status(tab), timeout=20_000)
    (pdf,) = tmp_path.glob("*.pdf")  # and no temporary file left beside it
    assert pdf.name == "tenure-2026-11-22.pdf"
    text = PdfReader(pdf).pages[0].extract_text()
    assert "会员周期报表" in text and table.item(0, 1).text() in text
    assert not tab.findChild(QProgressBar, "exportProgress").isVisible()
    assert audit_actions(till_app).count("report_exported") == 1
    render_first_page(pdf)


def test_an_export_can_be_cancelled_and_leaves_no_file(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")
    _workspace, tab = open_reports(qtbot, till_app)
    out = tmp_path / "exports"
    out.mkdir()
    tab.choose_path = lambda _tab, suggested, _format: out / suggested
    # Keep the tab's pool busy so the export waits in the queue while we cancel it.
    release = threading.Event()
    for _ in range(2):
        tab.runner.submit(lambda: release.wait(10), lambda _r: None, lambda _e: None)
    try:
        click(qtbot, tab, "exportCsvButton")
        assert tab.findChild(QProgressBar, "exportProgress").isVisible()
        assert not tab.findChild(type(tab.csv_button), "exportPdfButton").isEnabled()
        click(qtbot, tab, "cancelExportButton")
    finally:
        release.set()
    qtbot.waitUntil(lambda: "cancelled" in status(tab), timeout=10_000)
    assert status(tab) == "Export cancelled: no file was written."
    assert list(out.iterdir()) == []
    assert "report_exported" not in audit_actions(till_app)
    assert tab.csv_button.isEnabled() and not tab.cancel_button.isEnabled()


def test_the_z_report_previews_in_sections_and_prints_on_the_receipt_printer(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    workspace, tab = open_reports(qtbot, till_app)
    tab.report_combo.setCurrentIndex(1)
    assert tab.print_button.isVisible()
    click(qtbot, tab, "previewButton")
    sections = tab.findChild(QTabWidget, "previewSections")
    qtbot.waitUntil(lambda: sections.count() == 8)
    assert sections.tabText(0) == "Sales"
    summary = sections.widget(0)
    cells = {
        summary.item(r, 0).text(): summary.item(r, 2).text() for r in range(summary.rowCount())
    }
    assert cells["Taken by tenders"] == "¥38.00" and cells["Net taken"] == "¥38.00"
    save_screenshot(workspace, "reports-z-preview-en")

    click(qtbot, tab, "printZButton")
    qtbot.waitUntil(lambda: status(tab) == "Sent to the receipt printer.", timeout=10_000)
    engine = create_engine(till_app.till.config.database_url)
    with Session(engine) as session:
        kinds = list(session.scalars(select(PrintJobRow.kind)))
    engine.dispose()
    assert "z_report" in kinds
    assert "report_printed" in audit_actions(till_app)


def test_the_pareto_preview_draws_the_concentration_curve(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    from tests.ui.test_loyalty_at_till import find_member
    from ui.manager.pareto_chart import ParetoChart

    till_app = make_app("en")
    workspace, tab = open_reports(qtbot, till_app)
    window = till_app.window
    assert window is not None
    for phone, dish in (("13800138000", "item_HOT-03"), ("13912345678", "item_HOT-01")):
        find_member(qtbot, window, phone)  # two members' sales: 张伟 ¥88 dish, Emily ¥38
        click(qtbot, window, dish)
        pay_exact_cash(qtbot, window)
    tab.report_combo.setCurrentIndex(
        next(i for i, r in enumerate(tab._reports) if r.name == "pareto")
    )
    click(qtbot, tab, "previewButton")
    sections = tab.findChild(QTabWidget, "previewSections")
    qtbot.waitUntil(lambda: sections.findChild(ParetoChart) is not None, timeout=10_000)
    chart = sections.findChild(ParetoChart)
    curve = chart.chart().series()[0]
    points = [(p.x(), p.y()) for p in curve.points()]
    assert points[0] == (0.0, 0.0)
    assert points[-1][0] == 100.0 and abs(points[-1][1] - 100.0) < 0.01  # everyone, all revenue
    assert all(b[1] >= a[1] for a, b in itertools.pairwise(points))  # never falls
    sections.setCurrentWidget(chart)
    save_screenshot(workspace, "reports-pareto-chart-en")


def test_a_manager_sees_the_dishes_by_daypart_in_three_sections(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    workspace, tab = open_reports(qtbot, till_app)
    tab.report_combo.setCurrentIndex(tab.report_combo.findText("菜品分析"))
    by = tab.form.editor("by")
    assert isinstance(by, QComboBox)
    by.setCurrentIndex(by.findText("时段"))

    click(qtbot, tab, "previewButton")
    sections = tab.findChild(QTabWidget, "previewSections")
    qtbot.waitUntil(lambda: sections.count() == 3)
    titles = [sections.tabText(i) for i in range(3)]
    assert titles == ["热销菜品", "常一起点的菜", "会员不再点的菜"]
    top = sections.widget(0)
    groups = {top.item(row, 0).text() for row in range(top.rowCount())}
    assert groups and groups <= {"早餐", "午市", "下午茶", "晚市", "夜宵"}
    dishes = {top.item(row, 2).text() for row in range(top.rowCount())}
    assert "宫保鸡丁" in dishes  # the sale just made
    save_screenshot(workspace, "reports-dishes-zh")
