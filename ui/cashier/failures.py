"""One place at the counter where a failure becomes a sentence on screen.

A Qt slot that raises only prints to stderr and leaves the screen as it was, so the
cashier taps again. Here every failure of a counter action (a service's refusal, the
database gone or refusing a value, a device error, or a bug) is shown in the cashier's
language in a red notice; the order is left as it was (the presenter changes it only
after a service succeeds). ``guard`` wraps the actions the window runs; the safety net
catches whatever escapes a slot anywhere in the window or its dialogs.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.devices import HardwareError
from app.domain.storage import StorageRefused, StorageUnavailable, WriteConflict
from app.errors import TillError
from ui.errors import headline

log = logging.getLogger(__name__)

EXPECTED = (TillError, StorageUnavailable, StorageRefused, WriteConflict, HardwareError)
"""Failures a counter action may meet in normal operation (no stack trace is logged)."""

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class FailureNotice(QLabel):
    """A red line under the order: the last counter action that failed, and why.

    Signals:
        failure_shown(Exception): a failure was shown (the server link hears of it).
    """

    failure_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterFailure")
        self.setWordWrap(True)
        self.setStyleSheet(
            "background: #fde2e2; color: #a00000; font-weight: bold; padding: 6px;"
            " border: 1px solid #a00000;"
        )
        self.setVisible(False)

    def show_failure(self, error: BaseException) -> None:
        if isinstance(error, EXPECTED):
            log.warning("counter action failed: %s: %s", type(error).__name__, error)
        else:
            log.error("counter action failed", exc_info=error)
        text = headline(error) if isinstance(error, Exception) else headline(RuntimeError())
        self.setText(text)
        self.setVisible(True)
        if isinstance(error, Exception):
            self.failure_shown.emit(error)
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog is not self.window():
            box = QMessageBox(QMessageBox.Icon.Warning, dialog.windowTitle(), text, parent=dialog)
            box.setObjectName("counterFailureBox")
            box.open()  # not exec(): the dialog's own loop keeps running

    def clear(self) -> None:
        self.setText("")
        self.setVisible(False)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Run a counter action: on failure say why and swallow it (the caller's state
        changes only after the service succeeded, so the order is as it was)."""
        self.clear()
        try:
            yield
        except Exception as error:  # the counter's one net: never a silent no-op
            self.show_failure(error)


class SafetyNet:
    """While the window is open, an exception escaping any Qt slot is shown on its notice
    instead of only reaching stderr."""

    def __init__(self, notice: FailureNotice) -> None:
        self._notice = notice
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self._hook

    def remove(self) -> None:
        if self._previous is not None and sys.excepthook == self._hook:
            sys.excepthook = self._previous
        self._previous = None

    def _hook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if isinstance(error, Exception):
            self._notice.show_failure(error)
        if not isinstance(error, EXPECTED) and self._previous is not None:
            self._previous(kind, error, trace)  # a bug: still to stderr (and to a test)
