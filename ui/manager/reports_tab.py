"""The Reports tab of the manager's workspace: pick a report, set its parameters, preview
its first rows, export it to CSV or PDF in the background, print the Z report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.staff import StaffMember
from app.exports.model import Language
from app.reports.model import ParamValue
from app.reports.pareto import PARETO, ParetoFigures
from app.services.reports import (
    ExportDone,
    ExportFormat,
    PreviewSection,
    ReportInfo,
    ReportPreview,
    ReportService,
)
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.manager.pareto_chart import ParetoChart
from ui.manager.report_export import (
    ExportJob,
    ask_export_path,
    export_failed_text,
    exported_text,
)
from ui.manager.report_form import ReportParamForm
from ui.manager.scope_picker import ScopePicker
from ui.needs_server import refused_offline, workspace_title

SCOPE_PARAMS = ("store", "region")

PathChooser = Callable[["ReportsTab", str, ExportFormat], Path | None]


class ReportsTab(QWidget):
    """A thin view over the till's ``ReportService``: every call runs on ``runner``'s pool.

    ``choose_path`` asks where to save (a save dialog unless given, so tests can answer);
    it returns ``None`` when the manager cancels.
    """

    def __init__(
        self,
        service: ReportService,
        staff: StaffMember,
        language: str,
        choose_path: PathChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self._service = service
        self._staff = staff
        self._language: Language = "zh" if language.startswith("zh") else "en"
        self.choose_path = choose_path or ask_export_path
        self._reports: list[ReportInfo] = self._service.catalogue(self._language)
        self._job: ExportJob | None = None
        self.runner = BackgroundRunner(self, threads=2)

        self.report_combo = QComboBox(objectName="reportCombo")
        self.report_combo.addItems([report.title for report in self._reports])
        self.report_combo.setMinimumHeight(40)
        self.form = ReportParamForm()
        self.scope_label = QLabel(self.tr("Scope"))
        self.scope_picker = ScopePicker(service.scope_choices(staff))
        self.preview_button = self._button("previewButton", self.tr("Preview"), self._preview)
        self.csv_button = self._button(
            "exportCsvButton", self.tr("Export CSV…"), lambda: self._export(ExportFormat.CSV)
        )
        self.pdf_button = self._button(
            "exportPdfButton", self.tr("Export PDF…"), lambda: self._export(ExportFormat.PDF)
        )
        self.print_button = self._button(
            "printZButton", self.tr("Print on receipt printer"), self._print
        )
        self.cancel_button = self._button("cancelExportButton", self.tr("Cancel"), self._cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(objectName="exportProgress")
        self.progress.setVisible(False)
        self.status = QLabel(objectName="reportStatus")
        self.status.setWordWrap(True)
        self.sections = QTabWidget(objectName="previewSections")

        controls = QVBoxLayout()
        controls.addWidget(QLabel(self.tr("Report")))
        controls.addWidget(self.report_combo)
        controls.addWidget(self.form)
        controls.addWidget(self.scope_label)
        controls.addWidget(self.scope_picker)
        for button in (self.preview_button, self.csv_button, self.pdf_button, self.print_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.progress)
        controls.addWidget(self.cancel_button)
        side = QWidget()
        side.setLayout(controls)
        side.setFixedWidth(320)
        right = QVBoxLayout()
        right.addWidget(self.sections, 1)
        right.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.addWidget(side)
        layout.addLayout(right, 1)

        self.report_combo.currentIndexChanged.connect(self._report_changed)
        self._report_changed(0)

    # actions ------------------------------------------------------------------

    @property
    def report(self) -> ReportInfo:
        return self._reports[max(self.report_combo.currentIndex(), 0)]

    def _report_changed(self, _index: int) -> None:
        params = self.report.params
        scoped = any(param.name in SCOPE_PARAMS for param in params)
        self.form.set_params([param for param in params if param.name not in SCOPE_PARAMS])
        self.scope_label.setVisible(scoped)
        self.scope_picker.setVisible(scoped)
        self.print_button.setVisible(self.report.printable)
        self.sections.clear()
        self.status.clear()

    def values(self) -> dict[str, ParamValue]:
        """The form's values, and the scope picker's for a report of stores."""
        values = self.form.values()
        if any(param.name in SCOPE_PARAMS for param in self.report.params):
            values |= self.scope_picker.values()
        return values

    def _preview(self) -> None:
        if refused_offline(self, workspace_title()):
            return
        name, values = self.report.name, self.values()
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Loading…"))

        def preview() -> tuple[ReportPreview, ParetoFigures | None]:
            shown = self._service.preview(name, values, self._staff, self._language)
            if name != PARETO.name:
                return shown, None
            return shown, self._service.pareto(values, self._staff, self._language)

        self.runner.submit(preview, self._show_preview, self._preview_failed)

    def _export(self, format: ExportFormat) -> None:
        if refused_offline(self, workspace_title()):
            return
        report, values = self.report, self.values()
        days = [str(value) for value in values.values() if isinstance(value, date)]
        suggested = "-".join([report.name, *days]) + f".{format.value}"
        path = self.choose_path(self, suggested, format)
        if path is None:
            return
        job = self._job = ExportJob(self)
        job.advanced.connect(self._advanced)
        job.sized.connect(self._sized)
        self._set_exporting(True)
        self.status.setText(self.tr("Exporting…"))

        def export(job: ExportJob) -> ExportDone:
            return self._service.export(
                report.name,
                values,
                format,
                path,
                self._staff,
                self._language,
                progress=job.progress,
                on_expected=job.expected,
            )

        self.runner.submit(job.work(export), self._exported, self._export_failed)

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _print(self) -> None:
        if refused_offline(self, workspace_title()):
            return
        values = self.values()
        self.print_button.setEnabled(False)
        self.runner.submit(
            lambda: self._service.print_z_report(values, self._staff),
            self._printed,
            self._print_failed,
        )

    # results (GUI thread) -----------------------------------------------------

    def _show_preview(self, result: Any) -> None:
        preview, chart_figures = cast(tuple[ReportPreview, ParetoFigures | None], result)
        self.preview_button.setEnabled(True)
        self.sections.clear()
        for section in preview.sections:
            self.sections.addTab(_section_table(section), section.title)
        if chart_figures is not None:
            chart = ParetoChart()
            chart.show_figures(chart_figures.concentration)
            self.sections.addTab(chart, self.tr("Chart"))
        first = preview.sections[0] if preview.sections else None
        if first is not None and first.total is not None and first.total > len(first.rows):
            text = self.tr("Showing the first {shown} of {total} rows.")
            self.status.setText(text.format(shown=len(first.rows), total=f"{first.total:,}"))
        else:
            self.status.setText(preview.parameters)

    def _preview_failed(self, error: Exception) -> None:
        self.preview_button.setEnabled(True)
        self.status.setText(describe_error(error))

    def _sized(self, count: object) -> None:
        self.progress.setRange(0, count if isinstance(count, int) and count > 0 else 0)

    def _advanced(self, done: int) -> None:
        if self.progress.maximum():
            self.progress.setValue(min(done, self.progress.maximum()))
        self.status.setText(self.tr("Exporting… {rows} rows").format(rows=f"{done:,}"))

    def _exported(self, result: Any) -> None:
        done = cast(ExportDone, result)
        self._set_exporting(False)
        self.status.setText(exported_text(done))

    def _export_failed(self, error: Exception) -> None:
        self._set_exporting(False)
        self.status.setText(export_failed_text(error))

    def _printed(self, _job_id: Any) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("Sent to the receipt printer."))

    def _print_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(describe_error(error))

    # helpers ------------------------------------------------------------------

    def _set_exporting(self, exporting: bool) -> None:
        for button in (self.csv_button, self.pdf_button, self.report_combo):
            button.setEnabled(not exporting)
        self.cancel_button.setEnabled(exporting)
        self.progress.setVisible(exporting)
        if exporting:
            self.progress.setRange(0, 0)  # busy until the count is known
        else:
            self._job = None

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(44)
        button.clicked.connect(slot)
        return button


def _section_table(section: PreviewSection) -> QTableWidget:
    table: QTableWidget = QTableWidget(
        len(section.rows), len(section.columns), objectName="previewTable"
    )
    table.setHorizontalHeaderLabels(list(section.columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for r, row in enumerate(section.rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if section.numeric[c]:
                item.setTextAlignment(right)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table
