"""The What-if tab of the manager's workspace: a draft of the loyalty rules (from the live
ones or a file), a period, the replay in the background with progress and cancel, the
results side by side, their PDF and CSV export, and "Apply draft" through the loyalty
editor's service (permission-checked and audited change by change)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import Currency
from app.domain.staff import StaffMember
from app.exports.model import Language
from app.services.report_types import ExportFormat
from app.whatif.changes import RuleEdit
from app.whatif.desk import Applied, PartlyApplied, WhatIfDesk
from app.whatif.draft import DraftRules, dump_draft
from app.whatif.figures import Comparison
from app.whatif.period import last_month, last_quarter
from app.whatif.replay import ReplayCancelled
from app.whatif.run import read_draft
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.manager.report_export import ExportJob, export_failed_text, exported_text
from ui.manager.whatif_draft import DraftPanel
from ui.manager.whatif_export import export_results
from ui.manager.whatif_results import ResultsView
from ui.manager.whatif_sections import sections
from ui.manager.whatif_words import edit_text
from ui.widgets import picked_date

FileChooser = Callable[[QWidget, str, bool], Path | None]
"""(parent, kind: "draft" / "csv" / "pdf", saving) -> the path, or ``None`` (cancelled)."""
Confirm = Callable[[QWidget, str], bool]
translate = QCoreApplication.translate


class ReplayJob(QObject):
    """The replay's progress and cancel flag between the worker thread and the GUI.

    Signals:
        advanced(int, int): orders replayed, of how many.
    """

    advanced = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def progress(self, done: int, total: int) -> None:
        self.advanced.emit(done, total)


class WhatIfTab(QWidget):
    """Every database call runs on ``runner``; the window keeps answering."""

    def __init__(
        self,
        desk: WhatIfDesk,
        staff: StaffMember,
        language: str,
        currency: Currency,
        choose_file: FileChooser | None = None,
        confirm: Confirm | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfTab")
        self._desk, self._staff, self._currency = desk, staff, currency
        self._language: Language = "zh" if language.startswith("zh") else "en"
        self.choose_file = choose_file or ask_file
        self.confirm = confirm or ask_confirm
        self.runner = BackgroundRunner(self, threads=2)
        self.comparison: Comparison | None = None
        self._job: ReplayJob | None = None
        self._export: ExportJob | None = None
        self._period: tuple[date, date] | None = None

        self.draft = DraftPanel(desk.categories(), currency, self._language)
        self.results = ResultsView(currency)
        self.pages = QTabWidget(objectName="whatIfPages")
        self.pages.addTab(self.draft, self.tr("Draft rules"))
        self.pages.addTab(self.results, self.tr("Results"))

        self.live_button = self._button("draftFromLiveButton", self.tr("Start from the live rules"),
                                        self.load_live)  # fmt: skip
        self.import_button = self._button("importDraftButton", self.tr("Import draft…"),
                                          self._import)  # fmt: skip
        self.export_draft_button = self._button("exportDraftButton", self.tr("Export draft…"),
                                                self._export_draft)  # fmt: skip
        self.period_combo = QComboBox(objectName="whatIfPeriod")
        self.period_combo.addItems([self.tr("Last month"), self.tr("Last quarter"),
                                    self.tr("Custom dates")])  # fmt: skip
        self.from_edit = QDateEdit(objectName="whatIfFrom", calendarPopup=True)
        self.to_edit = QDateEdit(objectName="whatIfTo", calendarPopup=True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumHeight(36)
        self.run_button = self._button("runWhatIfButton", self.tr("Replay the period"), self.run)
        self.progress = QProgressBar(objectName="whatIfProgress")
        self.progress.setVisible(False)
        self.cancel_button = self._button("cancelWhatIfButton", self.tr("Cancel"), self.cancel)
        self.cancel_button.setEnabled(False)
        self.csv_button = self._button("whatIfCsvButton", self.tr("Export CSV…"),
                                       lambda: self._export_results(ExportFormat.CSV))  # fmt: skip
        self.pdf_button = self._button("whatIfPdfButton", self.tr("Export PDF…"),
                                       lambda: self._export_results(ExportFormat.PDF))  # fmt: skip
        self.apply_button = self._button("applyDraftButton", self.tr("Apply draft…"),
                                         self.apply_draft)  # fmt: skip
        self.status = QLabel(objectName="whatIfStatus")
        self.status.setWordWrap(True)

        side = QVBoxLayout()
        for button in (self.live_button, self.import_button, self.export_draft_button):
            side.addWidget(button)
        dates = QFormLayout()
        dates.addRow(self.tr("Period"), self.period_combo)
        dates.addRow(self.tr("From"), self.from_edit)
        dates.addRow(self.tr("To"), self.to_edit)
        side.addLayout(dates)
        for widget in (self.run_button, self.progress, self.cancel_button, self.csv_button,
                       self.pdf_button, self.apply_button, self.status):  # fmt: skip
            side.addWidget(widget)
        side.addStretch(1)
        column = QWidget(objectName="whatIfControls")
        column.setLayout(side)
        column.setFixedWidth(260)
        layout = QHBoxLayout(self)
        layout.addWidget(column)
        layout.addWidget(self.pages, 1)

        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        self.draft.draft_changed.connect(self._draft_changed)
        self._period_chosen(0)
        self._set_busy(False)
        self.load_live()

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(40)
        button.clicked.connect(slot)
        return button

    # the draft

    def load_live(self) -> None:
        self.status.setText(self.tr("Reading the live rules…"))
        self.runner.submit(
            lambda: self._desk.live_draft(self._staff),
            lambda draft: self.draft.set_draft(draft, self.tr("Draft made from the live rules.")),
            self._failed,
        )

    def _import(self) -> None:
        path = self.choose_file(self, "draft", False)
        if path is None:
            return
        try:
            draft = read_draft(path)
        except Exception as error:  # a refused file: said in one sentence, nothing changes
            self._failed(error)
            return
        self.draft.set_draft(draft, self.tr("Draft imported from %1.").replace("%1", path.name))

    def _export_draft(self) -> None:
        path = self.choose_file(self, "draft", True)
        if path is None:
            return
        try:
            path.write_text(dump_draft(self.draft.draft), encoding="utf-8")
        except OSError as error:
            self._failed(error)
            return
        self.status.setText(self.tr("Draft saved to %1.").replace("%1", str(path)))

    def _draft_changed(self) -> None:
        self.status.setText("")
        if self.comparison is not None:
            self.status.setText(self.tr("The draft changed: replay the period again."))

    # the period and the replay

    def _period_chosen(self, index: int) -> None:
        today = self._desk.today()
        custom = index == 2
        if not custom:
            first, last = (last_month if index == 0 else last_quarter)(today)
            self.from_edit.setDate(QDate(first.year, first.month, first.day))
            self.to_edit.setDate(QDate(last.year, last.month, last.day))
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)

    def period(self) -> tuple[date, date]:
        return picked_date(self.from_edit), picked_date(self.to_edit)

    def run(self) -> None:
        first, last = self.period()
        if last < first:
            self.status.setText(self.tr("The period ends before it starts."))
            return
        job = self._job = ReplayJob(self)
        job.advanced.connect(self._advanced)
        draft, staff = self.draft.draft, self._staff
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Reading the period's orders…"))
        self._set_busy(True)
        self.runner.submit(
            lambda: self._desk.replay(draft, first, last, staff, job.progress, job.cancelled),
            lambda result: self._replayed(result, (first, last)),
            self._replay_failed,
        )

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
        if self._export is not None:
            self._export.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Stopping…"))

    def _advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = self.tr("Replaying order %1 of %2…")
        self.status.setText(text.replace("%1", f"{done:,}").replace("%2", f"{total:,}"))

    def _replayed(self, comparison: Comparison, period: tuple[date, date]) -> None:
        self._job = None
        self._set_busy(False)
        self.comparison, self._period = comparison, period
        self.results.show_results(comparison, self.sections())
        self.pages.setCurrentWidget(self.results)
        missed = len(comparison.not_reproduced)
        text = self.tr("%1 orders replayed; %2 could not be reproduced under the rules in force.")
        self.status.setText(text.replace("%1", f"{comparison.current.orders:,}")
                            .replace("%2", f"{missed:,}"))  # fmt: skip
        self._set_busy(False)

    def _replay_failed(self, error: Exception) -> None:
        self._job = None
        self._set_busy(False)
        if isinstance(error, ReplayCancelled):
            self.status.setText(self.tr("Replay cancelled: nothing was changed."))
        else:
            self._failed(error)

    def sections(self) -> list[Any]:
        assert self.comparison is not None
        names = {}
        for entry in self.draft.draft.tiers:
            tier = entry.tier
            names[tier.code] = tier.name_zh if self._language == "zh" else tier.name_en
        return sections(self.comparison, names)

    # exports

    def _export_results(self, format: ExportFormat) -> None:
        if self.comparison is None or self._period is None:
            return
        path = self.choose_file(self, format.value, True)
        if path is None:
            return
        job = self._export = ExportJob(self)
        work = export_results(self.sections(), self._period, self._staff, self._language,
                              self._currency, self._desk.now(), path, format)  # fmt: skip
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.runner.submit(job.work(work), self._exported, self._export_failed)

    def _exported(self, done: Any) -> None:
        self._export = None
        self._set_busy(False)
        self.status.setText(exported_text(done))

    def _export_failed(self, error: Exception) -> None:
        self._export = None
        self._set_busy(False)
        self.status.setText(export_failed_text(error))

    # apply

    def apply_draft(self) -> None:
        draft = self.draft.draft
        self.status.setText(self.tr("Comparing the draft with the live rules…"))
        self._set_busy(True, cancellable=False)
        self.runner.submit(
            lambda: self._desk.edits(draft), lambda edits: self._confirm(draft, edits), self._failed
        )

    def _confirm(self, draft: DraftRules, edits: list[RuleEdit]) -> None:
        self._set_busy(False)
        if not edits:
            self.status.setText(self.tr("The draft is the same as the live rules."))
            return
        listed = "\n".join(f"• {edit_text(edit)}" for edit in edits)
        question = self.tr("Make the draft the live rules? These changes take effect at every "
                           "till at once, each recorded in the audit trail:")  # fmt: skip
        if not self.confirm(self, f"{question}\n\n{listed}"):
            self.status.setText(self.tr("Nothing was applied."))
            return
        self._set_busy(True, cancellable=False)
        staff = self._staff
        self.runner.submit(lambda: self._desk.apply(draft, staff), self._applied, self._not_applied)

    def _applied(self, applied: Applied) -> None:
        self._set_busy(False)
        text = self.tr("Draft applied: %1 changes made, each recorded in the audit trail.")
        self.status.setText(text.replace("%1", str(len(applied.edits))))

    def _not_applied(self, error: Exception) -> None:
        if not isinstance(error, PartlyApplied):
            self._failed(error)
            return
        self._set_busy(False)
        text = self.tr("%1 of %2 changes were made, then one was refused: %3")
        refusal = describe_error(error.refusal)
        self.status.setText(
            text.replace("%1", str(error.made))
            .replace("%2", str(error.total))
            .replace("%3", refusal)
        )

    # state

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.status.setText(describe_error(error))

    def _set_busy(self, busy: bool, cancellable: bool = True) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setEnabled(busy and cancellable)
        for button in (self.run_button, self.live_button, self.import_button, self.apply_button):
            button.setEnabled(not busy)
        has_results = self.comparison is not None
        self.csv_button.setEnabled(not busy and has_results)
        self.pdf_button.setEnabled(not busy and has_results)


def ask_file(parent: QWidget, kind: str, saving: bool) -> Path | None:
    patterns = {
        "draft": translate("WhatIfTab", "Rules drafts (*.json)"),
        "csv": translate("WhatIfTab", "CSV files (*.csv)"),
        "pdf": translate("WhatIfTab", "PDF files (*.pdf)"),
    }
    suggested = {"draft": "rules-draft.json", "csv": "what-if.csv", "pdf": "what-if.pdf"}[kind]
    if saving:
        name, _ = QFileDialog.getSaveFileName(parent, translate("WhatIfTab", "Save as"), suggested,
                                              patterns[kind])  # fmt: skip
    else:
        name, _ = QFileDialog.getOpenFileName(
            parent, translate("WhatIfTab", "Open"), "", patterns[kind]
        )
    return Path(name) if name else None


def ask_confirm(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, translate("WhatIfTab", "Apply draft"), question)
    return answer == QMessageBox.StandardButton.Yes
