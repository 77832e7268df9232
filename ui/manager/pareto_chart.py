"""The Pareto report's concentration curve (``ParetoChart``): members ranked from the
highest spender, cumulative share of members along x, cumulative share of revenue up y.

A straight diagonal would mean every member spends alike; the further the curve bows
above it, the more the revenue rests on a few members. The point at 20% of members is
marked with the top 20%'s share. The chart plots the report's typed figures
(``app.reports.pareto.Concentration``: member counts and basis points), the same ones
its tables format, and never reads the formatted cells back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.reports.pareto import Concentration, percent

CURVE_COLOUR, EQUAL_COLOUR, TOP_COLOUR = "#2f6fb3", "#9a9a9a", "#c0392b"


def curve_points(members: Sequence[int], cumulative_bp: Sequence[int]) -> list[tuple[float, float]]:
    """(% of members, % of revenue) from (0, 0) through every decile that has members."""
    total = sum(members)
    points, running = [(0.0, 0.0)], 0
    for count, share in zip(members, cumulative_bp, strict=True):
        running += count
        if count and total:
            points.append((100.0 * running / total, share / 100.0))
    return points


class ParetoChart(QChartView):
    """The concentration curve; ``show_figures`` (or ``show_deciles``) draws it anew."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paretoChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(420, 320)
        self.show_deciles([], [])

    def show_figures(self, figures: Concentration) -> None:
        self.show_deciles(
            [d.members for d in figures.deciles], [d.cumulative_bp for d in figures.deciles]
        )

    def show_deciles(self, members: Sequence[int], cumulative_bp: Sequence[int]) -> None:
        chart = QChart()
        chart.setTitle(self.tr("Share of revenue by share of members (top spenders first)"))
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        points = curve_points(members, cumulative_bp)
        curve = _line(self.tr("Members' revenue"), points, CURVE_COLOUR, Qt.PenStyle.SolidLine)
        curve.setPointsVisible(True)
        equal = _line(
            self.tr("Everyone spends alike"),
            [(0, 0), (100, 100)],
            EQUAL_COLOUR,
            Qt.PenStyle.DashLine,
        )
        series: list[QXYSeries] = [curve, equal]
        total = sum(members)
        if len(cumulative_bp) >= 2 and total > 0:
            top = QScatterSeries()
            top.setName(
                self.tr("Top 20%: {share} of revenue").format(share=percent(cumulative_bp[1]))
            )
            top.setColor(QColor(TOP_COLOUR))
            top.setMarkerSize(11)
            top_members = 100.0 * (members[0] + members[1]) / total
            top.append(QPointF(top_members, cumulative_bp[1] / 100.0))
            series.append(top)
        x_axis, y_axis = (
            _axis(self.tr("Members, cumulative %")),
            _axis(self.tr("Revenue, cumulative %")),
        )
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for one in series:
            chart.addSeries(one)
            one.attachAxis(x_axis)
            one.attachAxis(y_axis)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


def _line(
    name: str, points: Sequence[tuple[float, float]], colour: str, style: Qt.PenStyle
) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    series.append([QPointF(x, y) for x, y in points])
    pen = QPen(QColor(colour))
    pen.setWidthF(2.5)
    pen.setStyle(style)
    series.setPen(pen)
    return series


def _axis(title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(11)
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    return axis
