"""Keystroke-to-paint: from a key press in the till's search box to its painted result list."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from time import perf_counter_ns

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.benchmark.lookup import KEYSTROKE, Timing, timing
from app.services.members import Identification
from ui.cashier.member_search_box import MemberSearchBox

OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints"


def measure_keystroke_to_paint(
    search: Callable[[str], Identification], queries: Sequence[str], language: str = "zh"
) -> Timing:
    """Type each query into a real ``MemberSearchBox``; time only its last key.

    All but the last character are typed untimed (each runs its own search, as when a
    cashier types). The clock runs from just before the last key until the result list
    has been repainted: the search runs synchronously on this thread and ``repaint()``
    paints at once, so the interval covers the whole path a cashier waits for.
    """
    application = _application()
    previous = qInstallMessageHandler(_quiet_offscreen)
    box = MemberSearchBox(search, language)
    box.resize(640, 480)
    box.show()
    QTest.qWaitForWindowExposed(box)
    durations: list[int] = []
    hits = 0
    try:
        for text in queries:
            box.clear()
            for char in text[:-1]:
                _type(box.edit, char)
            application.processEvents()
            started = perf_counter_ns()
            _type(box.edit, text[-1])
            box.results.repaint()
            durations.append(perf_counter_ns() - started)
            hits += box.results.count() > 0
    finally:
        box.close()
        box.deleteLater()
        application.processEvents()
        qInstallMessageHandler(previous)
    return timing(KEYSTROKE, durations, hits)


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
