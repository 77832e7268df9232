"""One export in the background (its cancel flag and its progress, marshalled to the GUI),
the save dialog that starts it and the words that end it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.exports import ExportCancelled
from app.services.reports import ExportDone, ExportFormat
from ui.errors import describe_error


class ExportJob(QObject):
    """Bridges an export running on a worker thread and the widgets that show it.

    ``progress(done)`` and ``expected(count)`` are called by the export on the worker
    thread; they only emit signals, which Qt queues to the GUI thread. ``cancel()``
    is called on the GUI thread; the export notices at its next progress call (every
    few hundred rows, and at the end) and stops, leaving no file.

    Signals:
        advanced(int): rows written so far.
        sized(object): the row count the export expects (``int``), or ``None``.
    """

    advanced = Signal(int)
    sized = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def progress(self, done: int) -> bool:
        self.advanced.emit(done)
        return not self._cancelled.is_set()

    def expected(self, count: int | None) -> None:
        self.sized.emit(count)

    def work(self, export: Callable[[ExportJob], ExportDone]) -> Callable[[], ExportDone]:
        """The function to run on the pool: it honours a cancel made before it started."""

        def run() -> ExportDone:
            if self.cancelled:
                raise ExportCancelled("export cancelled before it started")
            return export(self)

        return run


translate = QCoreApplication.translate


def ask_export_path(parent: QWidget, suggested: str, format: ExportFormat) -> Path | None:
    """A save dialog for an export; ``None`` when the manager cancels it."""
    if format is ExportFormat.CSV:
        pattern = translate("ReportExport", "CSV files (*.csv)")
    else:
        pattern = translate("ReportExport", "PDF files (*.pdf)")
    name, _filter = QFileDialog.getSaveFileName(
        parent, translate("ReportExport", "Save report as"), suggested, pattern
    )
    return Path(name) if name else None


def exported_text(done: ExportDone) -> str:
    text = translate("ReportExport", "Exported {rows} rows to {path}.")
    return text.format(rows=f"{done.rows:,}", path=done.path)


def export_failed_text(error: Exception) -> str:
    if isinstance(error, ExportCancelled):
        return translate("ReportExport", "Export cancelled: no file was written.")
    return describe_error(error)
