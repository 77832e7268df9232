"""Bulk actions under the member list: export CSV, export for marketing, the call list
(PDF) and mark as contacted, on the selected members or on everyone the filter finds.
Exports run in the background with a progress bar and a Cancel button."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.domain.member_filters import MemberFilter
from app.domain.staff import StaffMember
from app.exports import ExportCancelled
from app.exports.model import Language
from app.services.member_list import ExportResult, ListExport, MemberListService
from ui.background import BackgroundRunner
from ui.manager.contact_dialog import ContactDialog
from ui.manager.report_export import ExportJob
from ui.needs_server import refused_offline, workspace_title

PathChooser = Callable[[QWidget, str, ListExport], Path | None]
SELECTED, EVERYONE = "selected", "everyone"
FILE_NAMES = {
    ListExport.CSV: "members.csv",
    ListExport.MARKETING_CSV: "members-marketing.csv",
    ListExport.CALL_LIST: "call-list.pdf",
}


class MemberActions(QWidget):
    """A row of buttons; asks ``current_filter`` and ``selected_ids`` what to work on.

    Signals:
        told(str): a sentence for the tab's status line (already translated).
        failed(object): the exception an action raised.
    """

    told = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        service: MemberListService,
        staff: StaffMember,
        language: Language,
        runner: BackgroundRunner,
        current_filter: Callable[[], MemberFilter],
        selected_ids: Callable[[], list[int]],
        choose_path: PathChooser | None = None,
    ) -> None:
        super().__init__()
        self._service, self._staff, self._language, self._runner = service, staff, language, runner
        self._current_filter, self._selected_ids = current_filter, selected_ids
        self.choose_path = choose_path or _ask_path
        self._job: ExportJob | None = None
        self.scope_combo = QComboBox(objectName="scopeCombo")
        self.scope_combo.addItem(self.tr("Selected members"), SELECTED)
        self.scope_combo.addItem(self.tr("Everyone in the list"), EVERYONE)
        self.export_button = self._button(
            "exportCsvButton", self.tr("Export CSV…"), lambda: self._export(ListExport.CSV)
        )
        self.marketing_button = self._button(
            "exportMarketingButton",
            self.tr("Export for marketing…"),
            lambda: self._export(ListExport.MARKETING_CSV),
        )
        self.call_list_button = self._button(
            "callListButton",
            self.tr("Call list (PDF)…"),
            lambda: self._export(ListExport.CALL_LIST),
        )
        self.contacted_button = self._button(
            "markContactedButton", self.tr("Mark contacted…"), self._mark_contacted
        )
        self.progress = QProgressBar(objectName="exportProgress")
        self.cancel_button = self._button("cancelExportButton", self.tr("Cancel"), self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Apply to")))
        layout.addWidget(self.scope_combo)
        for button in (
            self.export_button,
            self.marketing_button,
            self.call_list_button,
            self.contacted_button,
        ):
            layout.addWidget(button)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        layout.addStretch(0)
        self._set_exporting(False)

    def _target(self) -> tuple[bool, Collection[int] | None]:
        """(go on?, the selection, or ``None`` for everyone the filter finds)."""
        if self.scope_combo.currentData() == EVERYONE:
            return True, None
        chosen = self._selected_ids()
        if not chosen:
            self.told.emit(self.tr("Select members in the list first."))
            return False, None
        return True, chosen

    def _mark_contacted(self) -> None:
        if refused_offline(self, workspace_title()):
            return
        go, selection = self._target()
        if not go:
            return
        if selection is None:
            who = self.tr("Everyone in the list")
        elif len(selection) == 1:
            who = self.tr("1 selected member")
        else:
            who = self.tr("{count} selected members").format(count=len(selection))
        dialog = ContactDialog(who, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        channel, note = dialog.channel(), dialog.note()
        member_filter, service, staff = self._current_filter(), self._service, self._staff
        self.contacted_button.setEnabled(False)
        self._runner.submit(
            lambda: service.mark_contacted(staff, member_filter, selection, channel, note),
            self._contacted,
            self._contact_failed,
        )

    def _contacted(self, marked: object) -> None:
        self.contacted_button.setEnabled(True)
        count = cast(int, marked)
        if count == 1:
            self.told.emit(self.tr("1 member marked as contacted."))
        else:
            text = self.tr("{count} members marked as contacted.")
            self.told.emit(text.format(count=f"{count:,}"))

    def _contact_failed(self, error: Exception) -> None:
        self.contacted_button.setEnabled(True)
        self.failed.emit(error)

    def _export(self, kind: ListExport) -> None:
        if refused_offline(self, workspace_title()):
            return
        go, selection = self._target()
        if not go:
            return
        path = self.choose_path(self, FILE_NAMES[kind], kind)
        if path is None:
            return
        job = self._job = ExportJob(self)
        job.advanced.connect(self.progress.setValue)
        job.sized.connect(self._sized)
        self._set_exporting(True)
        self.told.emit(self.tr("Exporting…"))
        member_filter, service, staff = self._current_filter(), self._service, self._staff
        language = self._language

        def export() -> ExportResult:
            if job.cancelled:
                raise ExportCancelled("cancelled before it started")
            return service.export(
                staff, member_filter, selection, kind, path, job.progress, language, job.expected
            )

        self._runner.submit(export, self._exported, self._export_failed)

    def _sized(self, count: object) -> None:
        self.progress.setRange(0, max(cast(int | None, count) or 0, 1))

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)

    def _exported(self, result: object) -> None:
        done = cast(ExportResult, result)
        self._set_exporting(False)
        text = self.tr("{rows} members written to {path}.")
        self.told.emit(text.format(rows=f"{done.rows:,}", path=done.path))

    def _export_failed(self, error: Exception) -> None:
        self._set_exporting(False)
        if isinstance(error, ExportCancelled):
            self.told.emit(self.tr("Export cancelled; no file was written."))
        else:
            self.failed.emit(error)

    def _set_exporting(self, exporting: bool) -> None:
        self.progress.setVisible(exporting)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(exporting)
        self.cancel_button.setEnabled(exporting)
        for button in (self.export_button, self.marketing_button, self.call_list_button):
            button.setEnabled(not exporting)

    def _button(self, name: str, text: str, handler: Callable[[], Any]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(36)
        button.clicked.connect(handler)
        return button


def _ask_path(parent: QWidget, suggested: str, kind: ListExport) -> Path | None:
    pattern = "PDF (*.pdf)" if kind is ListExport.CALL_LIST else "CSV (*.csv)"
    title = QCoreApplication.translate("MemberActions", "Export")
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return Path(chosen) if chosen else None
