"""The KPIs tab of the manager's workspace: a date range and period, tiles with the latest
period's figures against the one before, trend charts, and CSV/PDF export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.kpi import KpiRow, PeriodKind, default_range, hundredths_text, is_whole
from app.domain.money import Currency, format_money
from app.domain.staff import StaffMember
from app.exports.model import Language
from app.reports.kpi import KpiFigures, period_label
from app.reports.model import ALL_TILLS, ParamValue
from app.services.reports import ExportDone, ExportFormat, ReportService
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.manager.kpi_charts import KpiChartBoard, clear_grid
from ui.manager.report_export import (
    ExportJob,
    ask_export_path,
    export_failed_text,
    exported_text,
)
from ui.manager.scope_picker import ScopePicker

PathChooser = Callable[["KpiTab", str, ExportFormat], Path | None]


class KpiTab(QWidget):
    """A thin view over ``ReportService.kpi`` and ``export``: both run on ``runner``.

    ``choose_path`` asks where to save an export (a save dialog unless given).
    ``board.charts`` maps each chart's name to its view once the figures arrived.
    """

    def __init__(
        self,
        service: ReportService,
        staff: StaffMember,
        language: str,
        *,
        till_id: str,
        currency: Currency,
        today: date,
        choose_path: PathChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTab")
        self._service = service
        self._staff, self._till_id = staff, till_id
        self._language: Language = "zh" if language.startswith("zh") else "en"
        self._currency = currency
        self.choose_path = choose_path or ask_export_path
        self.runner = BackgroundRunner(self, threads=1)
        self.figures: KpiFigures | None = None

        first, last = default_range(today)
        self.from_edit = _date_edit("kpiFrom", first)
        self.to_edit = _date_edit("kpiTo", last)
        self.period_combo = QComboBox(objectName="kpiPeriod")
        for kind, text in (
            (PeriodKind.DAY, self.tr("By day")),
            (PeriodKind.WEEK, self.tr("By week")),
            (PeriodKind.MONTH, self.tr("By month")),
        ):
            self.period_combo.addItem(text, kind.value)
        self.period_combo.setCurrentIndex(1)
        self.till_combo = QComboBox(objectName="kpiTill")
        self.till_combo.addItem(self.tr("All tills"), ALL_TILLS)
        self.till_combo.addItem(
            self.tr("This till ({till})").format(till=self._till_id), self._till_id
        )
        self.scope_picker = ScopePicker(service.scope_choices(staff))
        self.refresh_button = self._button("kpiRefresh", self.tr("Show"), self.refresh)
        self.csv_button = self._button(
            "kpiExportCsv", self.tr("Export CSV…"), lambda: self._export(ExportFormat.CSV)
        )
        self.pdf_button = self._button(
            "kpiExportPdf", self.tr("Export PDF…"), lambda: self._export(ExportFormat.PDF)
        )
        self.status = QLabel(objectName="kpiStatus")
        self.status.setWordWrap(True)

        controls = QHBoxLayout()
        for label, widget in (
            (self.tr("From"), self.from_edit),
            (self.tr("To"), self.to_edit),
            (self.tr("Period"), self.period_combo),
            (self.tr("Till"), self.till_combo),
        ):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        actions = QHBoxLayout()  # a row of its own: one row would not fit 1024 px in English
        actions.addWidget(QLabel(self.tr("Scope")))
        actions.addWidget(self.scope_picker)
        for button in (self.refresh_button, self.csv_button, self.pdf_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.tiles = QGridLayout()
        self.tiles.setSpacing(8)
        self.board = KpiChartBoard()
        body = QWidget(objectName="kpiBody")
        inner = QVBoxLayout(body)
        self.latest = QLabel(objectName="kpiLatest")
        inner.addWidget(self.latest)
        inner.addLayout(self.tiles)
        inner.addWidget(self.board)
        inner.addStretch(1)
        scroll = QScrollArea(objectName="kpiScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self._asked = False

    def showEvent(self, event: QShowEvent) -> None:
        """The figures are read when the tab is first shown, not when the workspace opens."""
        super().showEvent(event)
        if not self._asked:
            self.refresh()

    def values(self) -> dict[str, ParamValue]:
        return {
            "from": _day(self.from_edit),
            "to": _day(self.to_edit),
            "period": str(self.period_combo.currentData()),
            "till": str(self.till_combo.currentData()),
            **self.scope_picker.values(),
        }

    def refresh(self) -> None:
        values = self.values()
        self._asked = True
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Loading…"))
        self.runner.submit(
            lambda: self._service.kpi(values, self._staff, self._language),
            self._show,
            self._failed,
        )

    # results (GUI thread) -----------------------------------------------------

    def _show(self, result: Any) -> None:
        figures, parameters = cast(tuple[KpiFigures, str], result)
        self.figures = figures
        self.refresh_button.setEnabled(True)
        self.status.setText(parameters)
        self._fill_tiles(figures)
        self.board.show_figures(figures, self._language)

    def _failed(self, error: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(describe_error(error))

    def _fill_tiles(self, figures: KpiFigures) -> None:
        clear_grid(self.tiles)
        rows = figures.rows
        # A week or month so far would compare a few days with a whole period: the tiles
        # show the last whole one (the charts still show the part).
        if len(rows) > 2 and not is_whole(rows[-1].period, figures.kind):
            rows = rows[:-1]
        latest = rows[-1]
        previous = rows[-2] if len(rows) > 1 else None
        shown = period_label(latest.period, figures.kind)
        if previous is None:
            self.latest.setText(self.tr("Latest period: {latest}").format(latest=shown))
        else:
            before = period_label(previous.period, figures.kind)
            text = self.tr("Latest period: {latest}, compared with {previous}")
            self.latest.setText(text.format(latest=shown, previous=before))

        def money(fen: int) -> str:
            return format_money(fen, self._currency)

        def pct(bp: int) -> str:
            return f"{bp / 100:.1f}%"

        def points(bp: int) -> str:
            return self.tr("{points} pts").format(points=f"{bp / 100:+.1f}")

        Tile = tuple[str, str, Callable[[KpiRow], int], Callable[[int], str], bool]
        tiles: list[Tile] = [
            ("active", self.tr("Active members"), lambda r: r.active_end, "{:,}".format, False),
            (
                "signups",
                self.tr("Sign-ups per staff-day (target {target})").format(
                    target=hundredths_text(figures.target)
                ),
                lambda r: r.signups_per_staff_day,
                hundredths_text,
                False,
            ),
            ("renewal", self.tr("Renewal rate"), lambda r: r.renewal_rate_bp, pct, True),
            ("churn", self.tr("Churn"), lambda r: r.churn_bp, pct, True),
            (
                "member_spend",
                self.tr("Member avg spend"),
                lambda r: r.member_avg_spend,
                money,
                False,
            ),
            (
                "guest_spend",
                self.tr("Non-member avg spend"),
                lambda r: r.guest_avg_spend,
                money,
                False,
            ),
            ("discount", self.tr("Tier discounts"), lambda r: r.tier_discount_total, money, False),
            ("overdue", self.tr("Overdue complaints"), lambda r: r.overdue, str, False),
            (
                "satisfaction",
                self.tr("Avg satisfaction"),
                lambda r: r.satisfaction,
                hundredths_text,
                False,
            ),
        ]
        for index, (name, title, value, show, is_rate) in enumerate(tiles):
            now, change = value(latest), ""
            if previous is not None:
                delta = value(latest) - value(previous)
                sign = "+" if delta >= 0 else "-"
                shown = points(delta) if is_rate else sign + show(abs(delta))
                change = self.tr("{change} vs previous").format(change=shown)
            self.tiles.addWidget(_tile(name, title, show(now), change), index // 5, index % 5)

    # export -------------------------------------------------------------------

    def _export(self, format: ExportFormat) -> None:
        values = self.values()
        suggested = f"kpi-{values['from']}-{values['to']}.{format.value}"
        path = self.choose_path(self, suggested, format)
        if path is None:
            return
        job = ExportJob(self)
        self._set_exporting(True)
        self.status.setText(self.tr("Exporting…"))

        def export(job: ExportJob) -> ExportDone:
            return self._service.export(
                "kpi", values, format, path, self._staff, self._language, progress=job.progress
            )

        self.runner.submit(job.work(export), self._exported, self._export_failed)

    def _exported(self, result: Any) -> None:
        done = cast(ExportDone, result)
        self._set_exporting(False)
        self.status.setText(exported_text(done))

    def _export_failed(self, error: Exception) -> None:
        self._set_exporting(False)
        self.status.setText(export_failed_text(error))

    def _set_exporting(self, exporting: bool) -> None:
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(not exporting)

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(40)
        button.clicked.connect(slot)
        return button


def _date_edit(name: str, value: date) -> QDateEdit:
    edit: QDateEdit = QDateEdit(QDate(value.year, value.month, value.day), objectName=name)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumHeight(36)
    return edit


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


def _tile(name: str, title: str, value: str, change: str) -> QFrame:
    frame = QFrame(objectName=f"kpiTile_{name}")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    heading = QLabel(title)
    heading.setWordWrap(True)
    figure = QLabel(value, objectName="kpiTileValue")
    font = figure.font()
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setBold(True)
    figure.setFont(font)
    layout.addWidget(heading)
    layout.addWidget(figure)
    layout.addWidget(QLabel(change, objectName="kpiTileChange"))
    return frame
