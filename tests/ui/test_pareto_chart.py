"""The Pareto chart plots the report's typed figures: deciles with members, the top 20%
marked with the share the report's table shows."""

from __future__ import annotations

from PySide6.QtCharts import QLineSeries, QScatterSeries
from pytestqt.qtbot import QtBot

from app.reports.pareto import concentration, concentration_of, percent
from ui.manager.pareto_chart import ParetoChart


def test_the_curve_runs_through_each_decile_with_members_from_the_figures(qtbot: QtBot) -> None:
    figures = concentration_of([100, 300, 200])  # deciles 1, 4 and 7 hold one member each
    chart = ParetoChart()
    qtbot.addWidget(chart)
    chart.show_figures(figures)
    curve, equal, top = chart.chart().series()
    assert isinstance(curve, QLineSeries) and isinstance(top, QScatterSeries)
    points = [(round(p.x(), 2), p.y()) for p in curve.points()]
    assert points == [(0.0, 0.0), (33.33, 50.0), (66.67, 83.33), (100.0, 100.0)]
    assert [(p.x(), p.y()) for p in equal.points()] == [(0.0, 0.0), (100.0, 100.0)]
    assert [(round(p.x(), 2), p.y()) for p in top.points()] == [(33.33, 50.0)]
    assert top.name() == "Top 20%: 50.0% of revenue"


def test_the_top_share_label_rounds_as_the_report_table_does(qtbot: QtBot) -> None:
    figures = concentration([(1, 1, 6253), (2, 1, 1), (3, 1, 3746)])  # top: 62.54%
    chart = ParetoChart()
    qtbot.addWidget(chart)
    chart.show_figures(figures)
    top = chart.chart().series()[2]
    assert figures.top_share_bp == 6254 and top.points()[0].y() == 62.54  # no text parsed
    assert (
        top.name()
        == f"Top 20%: {percent(figures.top_share_bp)} of revenue"
        == ("Top 20%: 62.5% of revenue")
    )


def test_no_figures_draw_no_top_marker(qtbot: QtBot) -> None:
    chart = ParetoChart()
    qtbot.addWidget(chart)
    chart.show_figures(concentration([]))
    assert len(chart.chart().series()) == 2
    assert [(p.x(), p.y()) for p in chart.chart().series()[0].points()] == [(0.0, 0.0)]
