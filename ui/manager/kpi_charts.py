"""The KPI tab's trend charts (``KpiChartBoard``): QtCharts lines and bars over the periods.

Each chart plots one value per period at x = 0, 1, 2, ... under a category axis of the
periods' labels, so a line's points and a bar set's values line up with the same
period. Values arrive as display units (yuan, percent, counts) already converted.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QWidget

from app.domain.kpi import Period, PeriodKind
from app.exports.model import Language
from app.reports.kpi import KpiFigures

Series = tuple[str, Sequence[float]]
"""A series' name and its value per period."""

PALETTE = ("#2f6fb3", "#e07b39", "#3a9a5b", "#b8405e", "#7d5ba6", "#8c6d31", "#4b9fb0")
TARGET_COLOUR = "#c0392b"


def axis_label(period: Period, kind: PeriodKind) -> str:
    """A short label under the axis: the period's first day (``11-16``) or month."""
    if kind is PeriodKind.MONTH:
        return period.start.strftime("%Y-%m")
    return period.start.strftime("%m-%d")


def line_chart(
    title: str,
    labels: Sequence[str],
    lines: Sequence[Series],
    *,
    minimum: float | None = 0.0,
    maximum: float | None = None,
    label_format: str = "%.0f",
    dashed: Sequence[str] = (),
) -> QChart:
    """Lines over the periods; series named in ``dashed`` are drawn dashed (targets)."""
    chart = _chart(title)
    for index, (name, values) in enumerate(lines):
        series = QLineSeries()
        series.setName(name)
        series.append([QPointF(x, float(y)) for x, y in enumerate(values)])
        pen = QPen(QColor(TARGET_COLOUR if name in dashed else PALETTE[index % len(PALETTE)]))
        pen.setWidthF(2.5)
        if name in dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        series.setPen(pen)
        series.setPointsVisible(len(values) <= 31)
        chart.addSeries(series)
    values = [v for _name, series_values in lines for v in series_values]
    _axes(chart, labels, values, minimum, maximum, label_format)
    return chart


def bar_chart(
    title: str,
    labels: Sequence[str],
    bars: Sequence[Series],
    *,
    stacked: bool = False,
    lines: Sequence[Series] = (),
    label_format: str = "%.0f",
) -> QChart:
    """Bars per period (side by side, or stacked), with optional lines over them (a
    target, say), drawn dashed."""
    chart = _chart(title)
    series = QStackedBarSeries() if stacked else QBarSeries()
    for index, (name, values) in enumerate(bars):
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
        bar_set.setBorderColor(QColor(PALETTE[index % len(PALETTE)]))
        series.append(bar_set)
    chart.addSeries(series)
    for name, values in lines:
        line = QLineSeries()
        line.setName(name)
        line.append([QPointF(x, float(y)) for x, y in enumerate(values)])
        pen = QPen(QColor(TARGET_COLOUR))
        pen.setWidthF(2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        chart.addSeries(line)
    heights = (
        [sum(column) for column in zip(*(v for _n, v in bars), strict=True)]
        if stacked
        else [v for _n, values in bars for v in values]
    )
    heights += [v for _n, values in lines for v in values]
    _axes(chart, labels, heights, 0.0, None, label_format)
    return chart


class KpiChartBoard(QWidget):
    """The trend charts, two a row; ``charts`` maps each chart's name to its view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiCharts")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.charts: dict[str, QChartView] = {}

    def show_figures(self, figures: KpiFigures, language: Language) -> None:
        clear_grid(self.grid)
        rows = figures.rows
        labels = [axis_label(r.period, figures.kind) for r in rows]
        target = figures.target / 100

        def yuan(values: list[int]) -> list[float]:
            return [v / 100 for v in values]

        charts = {
            "active": line_chart(
                self.tr("Active members at period end"),
                labels,
                [(self.tr("Active members"), [r.active_end for r in rows])],
                minimum=None,
            ),
            "signups": bar_chart(
                self.tr("Sign-ups per staff-day vs target"),
                labels,
                [(self.tr("Per staff-day"), [r.signups_per_staff_day / 100 for r in rows])],
                lines=[(self.tr("Target"), [target] * len(rows))],
                label_format="%.1f",
            ),
            "renewal": line_chart(
                self.tr("Renewal rate and churn (%)"),
                labels,
                [
                    (self.tr("Renewal rate"), [r.renewal_rate_bp / 100 for r in rows]),
                    (self.tr("Churn"), [r.churn_bp / 100 for r in rows]),
                ],
                label_format="%.1f",
            ),
            "spend": line_chart(
                self.tr("Average spend per visit (¥)"),
                labels,
                [
                    (self.tr("Members"), yuan([r.member_avg_spend for r in rows])),
                    (self.tr("Non-members"), yuan([r.guest_avg_spend for r in rows])),
                ],
            ),
            "visits": bar_chart(
                self.tr("Visits"),
                labels,
                [
                    (self.tr("Members"), [r.member_visits for r in rows]),
                    (self.tr("Non-members"), [r.guest_visits for r in rows]),
                ],
            ),
            "discounts": bar_chart(
                self.tr("Tier discounts given (¥)"),
                labels,
                [
                    (tier.name(language), yuan([r.tier_discounts[i] for r in rows]))
                    for i, tier in enumerate(figures.tiers)
                ],
                stacked=True,
            ),
            "complaints": bar_chart(
                self.tr("Complaints"),
                labels,
                [
                    (self.tr("Opened"), [r.complaints for r in rows]),
                    (self.tr("Overdue at period end"), [r.overdue for r in rows]),
                ],
            ),
            "satisfaction": line_chart(
                self.tr("Average satisfaction (1–5)"),
                labels,
                [(self.tr("Avg satisfaction"), [r.satisfaction / 100 for r in rows])],
                maximum=5.0,
                label_format="%.1f",
            ),
        }
        self.charts = {}
        for index, (name, chart) in enumerate(charts.items()):
            view = chart_view(chart, f"kpiChart_{name}")
            self.charts[name] = view
            self.grid.addWidget(view, index // 2, index % 2)


def clear_grid(layout: QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


def chart_view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _axes(
    chart: QChart,
    labels: Sequence[str],
    values: Sequence[float],
    minimum: float | None,
    maximum: float | None,
    label_format: str,
) -> None:
    x = QBarCategoryAxis()
    x.append(_thinned(labels))
    font = x.labelsFont()
    font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
    x.setLabelsFont(font)
    if len(labels) > 8:  # a label per week or day: slanted, so none is cut short
        x.setLabelsAngle(-45 if len(labels) <= 16 else -90)
    y = QValueAxis()
    y.setLabelFormat(label_format)
    low = min([*values, 0.0]) if minimum is None else minimum
    high = max([*values, low + 1.0]) if maximum is None else maximum
    if maximum is None:
        y.setRange(low, high + (high - low) * 0.08)
        y.applyNiceNumbers()
    else:
        y.setRange(low, high)
        y.setTickCount(int(high - low) + 1 if (high - low) <= 10 else 6)
    axes: tuple[QAbstractAxis, ...] = (x, y)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        for axis in axes:
            series.attachAxis(axis)


def _thinned(labels: Sequence[str], most: int = 16) -> list[str]:
    """At most about ``most`` readable labels: the others are blank. Categories must be
    unique, so a blank one is made of a different number of zero-width spaces."""
    step = max(1, -(-len(labels) // most))
    return [text if i % step == 0 else "\u200b" * (i + 1) for i, text in enumerate(labels)]
