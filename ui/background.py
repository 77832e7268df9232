"""Run blocking work (device I/O) on a thread pool; results come back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)


class _Dispatcher(QObject):
    """Lives in the GUI thread for the whole run: pool threads report through it."""

    finished = Signal(int, bool, object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self.deliver)

    @Slot(int, bool, object)
    def deliver(self, job: int, succeeded: bool, outcome: object) -> None:
        _work, runner, on_success, on_failure = _jobs.pop(job)
        if not isValid(runner):  # its window closed while the job ran
            return
        if succeeded:
            on_success(outcome)
        elif isinstance(outcome, Exception):
            on_failure(outcome)
        runner.job_done(job)


_Job = tuple[
    Callable[[], Any], "BackgroundRunner", Callable[[Any], None], Callable[[Exception], None]
]
_jobs: dict[int, _Job] = {}
"""Each job in flight: its work, runner and callbacks. Only the GUI thread adds and removes
entries, so the last reference to a job's work (and to any Qt object its closure holds) is
always dropped there: a Qt wrapper released on a pool thread has crashed the process
(PySide defers its deletion to the main thread, which then calls through a null pointer)."""
_next_job = count(1)
_dispatcher: _Dispatcher | None = None


_retired: list[QThreadPool] = []
"""Pools whose runner was deleted, kept until their last job has ended (``_retire``)."""
RELEASE_EVERY_MS = 200


def _retire(pool: QThreadPool) -> None:
    """Keep ``pool`` until it is idle. Deleting a pool waits for its jobs, and a runner is
    deleted with its window, from the wrapper of a Python class, which holds the GIL
    meanwhile: a job still starting or ending needs the GIL, so the two waited for each
    other for ever (seen when a signed-out cashier window was deleted while its offline
    status read was starting)."""
    _retired.append(pool)
    if len(_retired) == 1:
        QTimer.singleShot(RELEASE_EVERY_MS, _release_idle)


def _release_idle() -> None:
    """On the GUI thread: let go of the retired pools whose jobs have all ended."""
    _retired[:] = [pool for pool in _retired if not pool.waitForDone(0)]
    if _retired:
        QTimer.singleShot(RELEASE_EVERY_MS, _release_idle)


def _run_job(job: int) -> None:
    """On a pool thread: holds no reference to the work once it is done."""
    work = _jobs[job][0]
    try:
        outcome: object = work()
        succeeded = True
    except Exception as exc:  # reported to the GUI thread, never lost
        log.warning("background job failed: %s", exc)
        exc.__traceback__ = None  # its frames hold the work's objects: not released here
        outcome, succeeded = exc, False
    del work
    assert _dispatcher is not None
    _dispatcher.finished.emit(job, succeeded, outcome)


def _dispatch() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class BackgroundRunner(QObject):
    """Owns a small pool; ``submit`` never blocks the caller.

    Signals:
        busy_changed(bool): whether any job is running.
    """

    busy_changed = Signal(bool)

    def __init__(
        self, parent: QObject | None = None, threads: int = 2, keep_threads: bool = False
    ) -> None:
        super().__init__(parent)
        pool = self._pool = QThreadPool()  # no parent: deleted once idle (``_retire``)
        pool.setMaxThreadCount(threads)
        self.destroyed.connect(lambda *_: _retire(pool))
        if keep_threads:  # work that keeps a connection per thread (the till's search)
            pool.setExpiryTimeout(-1)
        self._in_flight: set[int] = set()

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        _dispatch()
        job = next(_next_job)
        _jobs[job] = (work, self, on_success, on_failure)
        self._in_flight.add(job)
        self.busy_changed.emit(True)
        self._pool.start(partial(_run_job, job))

    @property
    def busy(self) -> bool:
        """Some job's result has not been delivered yet."""
        return bool(self._in_flight)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return bool(self._pool.waitForDone(msecs))

    def job_done(self, job: int) -> None:
        self._in_flight.discard(job)
        self.busy_changed.emit(bool(self._in_flight))
