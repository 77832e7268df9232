"""The Campaigns tab of the manager's workspace: start an offer's campaign holding back a
control group, every campaign's figures in a table, the chosen one's uplift in words and
two small charts, and the table as CSV or PDF. Every database call runs in the
background (``BackgroundRunner``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.campaigns.desk import (
    DEFAULT_COUPON_DAYS,
    CampaignDesk,
    CampaignRefused,
    StartedCampaign,
)
from app.domain.campaigns import MAX_HOLDOUT_BP, CampaignResult
from app.domain.money import Currency
from app.domain.staff import StaffMember
from app.exports import write_csv, write_pdf
from app.exports.model import Cell, Column, ColumnKind, Document, Language, Table
from app.services.report_types import ExportDone, ExportFormat
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.manager.campaign_words import (
    column_titles,
    compared_label,
    export_titles,
    header_tips,
    method_text,
    offer_name,
    per_member,
    refusal_text,
    row_texts,
    started_text,
    window_text,
)
from ui.manager.kpi_charts import bar_chart
from ui.manager.report_export import (
    ExportJob,
    ask_export_path,
    export_failed_text,
    exported_text,
)

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FileChooser = Callable[[QWidget, str, ExportFormat], Path | None]
"""(parent, suggested name, format) -> the path, or ``None`` (cancelled)."""


class CampaignsTab(QWidget):
    """Every campaign the restaurant started, newest first, with its results."""

    def __init__(
        self,
        desk: CampaignDesk,
        staff: StaffMember,
        language: str,
        currency: Currency,
        now: Callable[[], datetime],
        choose_file: FileChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsTab")
        self._desk, self._staff, self._currency, self._now = desk, staff, currency, now
        self._language: Language = "zh" if language.startswith("zh") else "en"
        self.choose_file = choose_file or ask_export_path
        self.runner = BackgroundRunner(self, threads=1)
        self.results: list[CampaignResult] = []

        self.offer_combo = QComboBox(objectName="campaignOffer")
        self.offer_combo.setMinimumContentsLength(16)
        self.offer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.holdout_spin = QDoubleSpinBox(objectName="campaignHoldout", suffix=" %")
        self.holdout_spin.setRange(0.0, MAX_HOLDOUT_BP / 100)
        self.holdout_spin.setDecimals(0)
        self.coupon_days_spin = QSpinBox(objectName="campaignCouponDays")
        self.coupon_days_spin.setRange(1, 366)
        self.coupon_days_spin.setValue(DEFAULT_COUPON_DAYS)
        self.start_button = self._button("startCampaignButton", self.tr("Start campaign"),
                                         self.start)  # fmt: skip
        self.refresh_button = self._button("refreshCampaignsButton", self.tr("Refresh"),
                                           self.refresh)  # fmt: skip
        self.csv_button = self._button("campaignsCsvButton", self.tr("Export CSV…"),
                                       lambda: self.export(ExportFormat.CSV))  # fmt: skip
        self.pdf_button = self._button("campaignsPdfButton", self.tr("Export PDF…"),
                                       lambda: self.export(ExportFormat.PDF))  # fmt: skip
        self.status = QLabel(objectName="campaignsStatus")
        self.status.setWordWrap(True)

        start_row = QHBoxLayout()
        for label, field in (
            (self.tr("Offer"), self.offer_combo),
            (self.tr("Hold back"), self.holdout_spin),
            (self.tr("Coupons valid (days)"), self.coupon_days_spin),
        ):
            start_row.addWidget(QLabel(label))
            start_row.addWidget(field, 1 if field is self.offer_combo else 0)
        start_row.addWidget(self.start_button)
        hint = QLabel(
            self.tr("Members held back are drawn at random; they are never offered it, so "
                    "what it changed can be measured against them."),
            objectName="campaignHoldoutHint",
        )  # fmt: skip
        hint.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.status, 1)
        for button in (self.refresh_button, self.csv_button, self.pdf_button):
            tools.addWidget(button)

        self.table = QTableWidget(0, len(column_titles()), objectName="campaignsTable")
        self.table.setHorizontalHeaderLabels(column_titles())
        for column, tip in enumerate(header_tips()):
            self.table.horizontalHeaderItem(column).setToolTip(tip)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)  # a row is tapped to open it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.title = QLabel(objectName="campaignTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.window_label = QLabel(objectName="campaignWindow")
        self.method = QLabel(objectName="campaignMethod")
        self.method.setWordWrap(True)
        self.visits_chart = self._chart_view("campaignVisitsChart")
        self.spend_chart = self._chart_view("campaignSpendChart")
        charts = QHBoxLayout()
        charts.addWidget(self.visits_chart)
        charts.addWidget(self.spend_chart)
        layout = QVBoxLayout(self)
        layout.addLayout(start_row)
        layout.addWidget(hint)
        layout.addWidget(self.table, 3)
        layout.addLayout(tools)
        for label in (self.title, self.window_label, self.method):
            layout.addWidget(label)
        layout.addLayout(charts, 2)

        self.table.itemSelectionChanged.connect(self._show_selected)
        self._set_busy(False)
        self.runner.submit(self._desk.offers, self._offers_read, self._failed)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(44)
        button.clicked.connect(slot)
        return button

    def _chart_view(self, name: str) -> QChartView:
        view: QChartView = QChartView(objectName=name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(180)
        return view

    def _offers_read(self, offers: Sequence[tuple[str, str, str]]) -> None:
        self.offer_combo.clear()
        for code, zh, en in offers:
            self.offer_combo.addItem(f"{zh if self._language == 'zh' else en} ({code})", code)

    # reading

    def refresh(self) -> None:
        self._set_busy(True)
        self.status.setText(self.tr("Reading the campaigns…"))
        staff = self._staff
        self.runner.submit(lambda: self._desk.campaigns(staff), self._read, self._failed)

    def _read(self, results: list[CampaignResult]) -> None:
        self.results = results
        self._set_busy(False)
        self.table.setRowCount(len(results))
        for row, result in enumerate(results):
            texts = row_texts(result, self._language, self._currency, short=True)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(offer_name(result, self._language))
                if column > 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if results:
            self.status.setText(self.tr("%1 campaigns.").replace("%1", str(len(results))))
            self.table.clearSelection()  # row 0 again is a new campaign: show it afresh
            self.table.selectRow(0)
        else:
            self.status.setText(self.tr("No campaign yet: choose an offer and start one."))
            self._show(None)

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show(self.results[rows[0].row()] if rows else None)

    def _show(self, result: CampaignResult | None) -> None:
        for label in (self.title, self.window_label, self.method):
            label.setText("")
        self.visits_chart.setVisible(result is not None)
        self.spend_chart.setVisible(result is not None)
        if result is None:
            return
        self.title.setText(offer_name(result, self._language))
        self.window_label.setText(window_text(result))
        self.method.setText(method_text(result))
        (given_visits, other_visits), (given_spend, other_spend) = per_member(result)
        labels = [self.tr("Given it"), compared_label(result)]
        for view, title, values, label_format in (
            (self.visits_chart, self.tr("Visits per member"), (given_visits, other_visits), "%.2f"),
            (self.spend_chart, self.tr("Spend per member (yuan)"), (given_spend, other_spend),
             "%.0f"),
        ):  # fmt: skip
            chart = bar_chart(title, labels, [(title, list(values))], label_format=label_format)
            chart.legend().setVisible(False)  # one series: the title says what it is
            view.setChart(chart)

    # starting

    def start(self) -> None:
        code = self.offer_combo.currentData()
        if code is None:
            self.status.setText(self.tr("There is no active offer to start a campaign for."))
            return
        holdout = round(self.holdout_spin.value() * 100)
        days, staff = self.coupon_days_spin.value(), self._staff
        self._set_busy(True)
        self.status.setText(self.tr("Drawing the audience…"))
        self.runner.submit(
            lambda: self._desk.start(code, holdout, staff=staff, coupon_days=days),
            self._started,
            self._failed,
        )

    def _started(self, started: StartedCampaign) -> None:
        self.refresh()
        self.status.setText(started_text(started))

    # exports

    def document(self) -> Document:
        titles = export_titles()
        kinds = [ColumnKind.TEXT, ColumnKind.TEXT, *[ColumnKind.INTEGER] * 5, ColumnKind.TEXT,
                 ColumnKind.MONEY, ColumnKind.MONEY, ColumnKind.TEXT, ColumnKind.TEXT]  # fmt: skip
        columns = [
            Column(f"c{n}", title, kind, 2.2 if n == 0 else 0.0)
            for n, (title, kind) in enumerate(zip(titles, kinds, strict=True))
        ]
        rows = [_export_row(r, self._language, self._currency) for r in self.results]
        notes = [
            [offer_name(r, self._language), window_text(r), method_text(r)] for r in self.results
        ]
        how = Table(
            self.tr("How each uplift was measured"),
            [Column("offer", titles[0], width=1.0), Column("window", self.tr("Window"), width=1.2),
             Column("method", self.tr("Method"), width=3.0)],
            notes,
            language=self._language,
        )  # fmt: skip
        return Document(
            self.tr("Campaign results"),
            [Table(self.tr("Campaigns"), columns, rows, language=self._language), how],
            "",
            self._now(),
            self._staff.display_name,
            self._language,
        )

    def export(self, format: ExportFormat) -> None:
        if not self.results:
            return
        path = self.choose_file(self, f"campaigns.{format.value}", format)
        if path is None:
            return
        document = self.document()
        write = write_csv if format is ExportFormat.CSV else write_pdf
        job = ExportJob(self)

        def work(job: ExportJob) -> ExportDone:
            return ExportDone(path, write(document, path, job.progress), format)

        self._set_busy(True)
        self.runner.submit(job.work(work), self._exported, self._export_failed)

    def _exported(self, done: ExportDone) -> None:
        self._set_busy(False)
        self.status.setText(exported_text(done))

    def _export_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.status.setText(export_failed_text(error))

    # state

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, CampaignRefused):
            self.status.setText(refusal_text(error.kind))
        else:
            self.status.setText(describe_error(error))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.start_button, self.refresh_button):
            button.setEnabled(not busy)
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(not busy and bool(self.results))


def _export_row(result: CampaignResult, language: str, currency: Currency) -> list[Cell]:
    """The table's row with counts and money as numbers (a spreadsheet sums them)."""
    texts: list[Cell] = list(row_texts(result, language, currency))
    facts = result.facts
    texts[2:7] = [facts.targeted, facts.held_back, facts.coupons_issued, facts.reached,
                  facts.redeemed]  # fmt: skip
    texts[8:10] = [facts.discount, facts.revenue]
    return texts
