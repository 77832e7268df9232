"""Run blocking work (device I/O) on a thread pool; results come back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _JobSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _JobSignals) -> None:
        super().__init__()
        self._work, self.signals = work, signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI thread, never lost
            log.warning("background job failed: %s", exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class BackgroundRunner(QObject):
    """Owns a small pool; ``submit`` never blocks the caller.

    Signals:
        busy_changed(bool): whether any job is running.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._in_flight: set[_JobSignals] = set()

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        signals = _JobSignals(self)
        self._in_flight.add(signals)
        signals.succeeded.connect(on_success)
        signals.failed.connect(on_failure)
        signals.succeeded.connect(lambda _result: self._finished(signals))
        signals.failed.connect(lambda _error: self._finished(signals))
        self.busy_changed.emit(True)
        self._pool.start(_Job(work, signals))

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return bool(self._pool.waitForDone(msecs))

    def _finished(self, signals: _JobSignals) -> None:
        self._in_flight.discard(signals)
        signals.deleteLater()
        self.busy_changed.emit(bool(self._in_flight))
