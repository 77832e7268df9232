"""One export in the background: its cancel flag and its progress, marshalled to the GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.exports import ExportCancelled
from app.services.reports import ExportDone


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
