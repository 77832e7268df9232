"""The What-if tab's results: the figures side by side (current, draft, difference) with
a bar chart, then per tier, segment and store, the members changing tier and the
orders the replay could not reproduce, one sub-tab each."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import Currency, format_money
from app.exports.model import Cell, ColumnKind
from app.whatif.figures import Comparison
from ui.manager.kpi_charts import bar_chart
from ui.manager.whatif_sections import Section, chart_labels, chart_values, kind_of, translate

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
STRETCHED = {"moves": 1, "missed": 2}
DELTA_COLUMNS = {"delta", "discount_delta", "points_delta"}


def shown(value: Cell, kind: ColumnKind, currency: Currency, signed: bool = False) -> str:
    if not isinstance(value, int):
        return "" if value is None else str(value)
    if kind is ColumnKind.MONEY:
        text = format_money(abs(value), currency)
        return ("-" if value < 0 else "+" if signed and value else "") + text
    return f"{value:+,}" if signed and value else f"{value:,}"


class ResultsView(QTabWidget):
    """``show_results`` fills every sub-tab; ``tables`` maps a section's name to its table."""

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfResults")
        self._currency = currency
        self.tables: dict[str, QTableWidget] = {}
        self.chart_view = QChartView(objectName="whatIfChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)

    def show_results(self, comparison: Comparison, sections: Sequence[Section]) -> None:
        while self.count():
            self.removeTab(0)
        self.tables = {}
        for section in sections:
            table = self._table(section)
            self.tables[section.name] = table
            if section.name == "summary":
                page = QWidget()
                layout = QVBoxLayout(page)
                layout.setContentsMargins(0, 0, 0, 0)
                layout.addWidget(table, 3)
                layout.addWidget(self.chart_view, 2)
                self.addTab(page, section.title)
            else:
                self.addTab(table, f"{section.title} ({len(section.rows)})")
        self.chart_view.setChart(
            bar_chart(
                translate("WhatIf", "Current rules and draft (yuan)"),
                chart_labels(),
                [
                    (translate("WhatIf", "Current rules"), chart_values(comparison.current)),
                    (translate("WhatIf", "Draft"), chart_values(comparison.draft)),
                ],
            )
        )

    def _table(self, section: Section) -> QTableWidget:
        table = QTableWidget(len(section.rows), len(section.columns))
        table.setObjectName(f"whatIf_{section.name}")
        table.setHorizontalHeaderLabels([column.title for column in section.columns])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for r, row in enumerate(section.rows):
            for c, value in enumerate(row):
                kind = kind_of(section, r, c)
                signed = section.columns[c].key in DELTA_COLUMNS
                item = QTableWidgetItem(shown(value, kind, self._currency, signed))
                if isinstance(value, int):
                    item.setTextAlignment(RIGHT)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        stretched = STRETCHED.get(section.name, 0)  # a name or a text, never a sum
        header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        return table
