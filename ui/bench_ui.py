"""Keystroke-to-paint: from a key press in the till's search box to its painted result list,
through the path the cashier window takes (the search on the counter's pool, the result
handed back to the GUI thread), against the same searches run on the GUI thread."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from time import perf_counter_ns

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.benchmark.lookup import KEYSTROKE, Timing, timing
from app.services.members import Identification
from ui.background import BackgroundRunner
from ui.cashier.counter_jobs import CounterJobs
from ui.cashier.member_search_box import MemberSearchBox

OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints"


class Typist:
    """Types into a search box and times each query's last key until its results list is
    painted; ``waiting()`` is true while a search's result has not come back."""

    def __init__(self, box: MemberSearchBox, waiting: Callable[[], bool]) -> None:
        self._application = _application()
        self.box, self._waiting = box, waiting

    def keystroke_ns(self, text: str) -> tuple[int, bool]:
        """Type ``text``, all but its last character untimed (each runs its own search, as
        when a cashier types, and is let finish); time the last key until the results list
        is painted. Returns the nanoseconds and whether anything was listed."""
        self.box.clear()
        for char in text[:-1]:
            _type(self.box.edit, char)
        self.settle()
        started = perf_counter_ns()
        _type(self.box.edit, text[-1])
        self.settle()  # the result arrives as an event; the list is filled on this thread
        self.box.results.repaint()
        elapsed = perf_counter_ns() - started
        return elapsed, self.box.results.count() > 0

    def settle(self) -> None:
        while self._waiting():
            self._application.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        self._application.processEvents()


class SearchBench(Typist):
    """A real ``MemberSearchBox`` searching as ``CashierWindow._search`` does: each keystroke's
    search is work for a ``CounterJobs`` pool (threads kept: a connection per thread), only
    the latest search's result comes back, and only while its text is still in the box.
    ``synchronous`` searches on the GUI thread instead (the path before the pool)."""

    def __init__(self, search: Callable[[str], Identification], language: str = "zh") -> None:
        application = _application()
        self._previous = qInstallMessageHandler(_quiet_offscreen)
        self._service_search = search
        self.synchronous = False
        box = MemberSearchBox(self._search, language)
        self._jobs = CounterJobs(box, BackgroundRunner(box, keep_threads=True))
        super().__init__(box, lambda: self._jobs.busy)
        box.resize(640, 480)
        box.show()
        QTest.qWaitForWindowExposed(box)
        application.processEvents()

    def close(self) -> None:
        self.settle()
        self.box.close()
        self.box.deleteLater()
        self._application.processEvents()
        qInstallMessageHandler(self._previous)

    def _search(self, text: str) -> Identification | None:
        if self.synchronous:
            return self._service_search(text)
        service, found = self._service_search, partial(self._searched, text)
        self._jobs.latest("search", lambda: service(text), found, self._failed)
        return None

    def _searched(self, text: str, found: Identification) -> None:
        if self.box.edit.text() == text:
            self.box.show_candidates(found)

    def _failed(self, error: Exception) -> None:
        print(f"search failed: {error}", file=sys.stderr)


def measure_keystroke_to_paint(
    search: Callable[[str], Identification], queries: Sequence[str], language: str = "zh"
) -> Timing:
    """Each query typed through the window's path, and again with the search on the GUI
    thread (the baseline), alternately: the ratio is what the pool costs or saves."""
    bench = SearchBench(search, language)
    durations: list[int] = []
    baseline: list[int] = []
    hits = 0
    try:
        for text in queries:
            bench.synchronous = False
            elapsed, hit = bench.keystroke_ns(text)
            durations.append(elapsed)
            hits += hit
            bench.synchronous = True
            baseline.append(bench.keystroke_ns(text)[0])
    finally:
        bench.close()
    return timing(KEYSTROKE, durations, hits, baseline)


def keystrokes_while(
    bench: Typist, queries: Iterable[str], going: Callable[[], bool]
) -> tuple[list[int], int]:
    """Type ``queries`` through the window's path, round and round, while ``going()``;
    returns the durations and how many listed something."""
    durations: list[int] = []
    hits = 0
    while True:
        for text in queries:
            if not going():
                return durations, hits
            elapsed, hit = bench.keystroke_ns(text)
            durations.append(elapsed)
            hits += hit


def _application() -> QCoreApplication:
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication.instance() or QApplication(sys.argv[:1])


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages on stderr, less the offscreen platform's note on every list resize."""
    if OFFSCREEN_NOTE not in message:
        print(message, file=sys.stderr)


def _type(edit: QLineEdit, char: str) -> None:
    """A key press for ASCII; Chinese arrives as an input method's commit, as it does live."""
    if char.isascii():
        QTest.keyClick(edit, char)  # the stubs lack this str form: see [tool.mypy.overrides]
        return
    commit = QInputMethodEvent()
    commit.setCommitString(char)
    QApplication.sendEvent(edit, commit)
