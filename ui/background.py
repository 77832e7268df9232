"""Run blocking work (device I/O) on a thread pool; results come back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class BackgroundRunner(QObject):
    """Owns a small pool; ``submit`` never blocks the caller.

    The pool runs a plain function: no Python ``QRunnable`` and no per-job ``QObject``
    (a runnable auto-deleted on the pool thread, taking a GUI-thread object with it, has
    crashed parallel test runs). Results come back through this object's own signals,
    queued to the GUI thread, and each job's callbacks are looked up by its number.

    Signals:
        busy_changed(bool): whether any job is running.
    """

    busy_changed = Signal(bool)
    _succeeded = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._next_job = count(1)
        self._in_flight: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._succeeded.connect(self._deliver_success)
        self._failed.connect(self._deliver_failure)

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        job = next(self._next_job)
        self._in_flight[job] = (on_success, on_failure)
        succeeded, failed = self._succeeded, self._failed

        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # reported to the GUI thread, never lost
                log.warning("background job failed: %s", exc)
                _emit(failed, job, exc)
            else:
                _emit(succeeded, job, result)

        self.busy_changed.emit(True)
        self._pool.start(run)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, object)
    def _deliver_success(self, job: int, result: object) -> None:
        callbacks = self._in_flight.pop(job, None)
        if callbacks is not None:
            callbacks[0](result)
        self.busy_changed.emit(bool(self._in_flight))

    @Slot(int, object)
    def _deliver_failure(self, job: int, error: object) -> None:
        callbacks = self._in_flight.pop(job, None)
        if callbacks is not None and isinstance(error, Exception):
            callbacks[1](error)
        self.busy_changed.emit(bool(self._in_flight))


def _emit(signal: Any, job: int, value: object) -> None:
    try:
        signal.emit(job, value)
    except RuntimeError:  # the runner was deleted while the job ran: nobody to tell
        log.info("background job %d finished after its window closed", job)
