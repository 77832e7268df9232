"""How a back-office form runs its database work: at the counter off the GUI thread through
the window's ``ServerWork`` (the status bar hears of the server, and the engine's statement
and connect timeouts bound the wait); the sign-in window through ``RunnerJobs`` on the
application's pool (no counter, so no status bar yet); ``InlineJobs`` where no pool is at
hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ui.background import BackgroundRunner

Result = TypeVar("Result")


class Jobs(Protocol):
    @property
    def busy(self) -> bool: ...

    def run(
        self,
        owner: QWidget,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        """``work`` on a pool thread; the callbacks on the GUI thread while ``owner`` lives."""

    def when_back(self, owner: QObject, slot: Callable[[], None]) -> None:
        """``slot`` each time the server answers again after it was unreachable."""


class InlineJobs:
    """Jobs run at once on the caller's thread (a form opened where no pool is at hand:
    tests of the form itself)."""

    busy = False

    def run(
        self,
        owner: QWidget,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        try:
            result = work()
        except Exception as error:  # handed to the caller, as a pool's job would be
            on_failure(error)
            return
        on_success(result)

    def when_back(self, owner: QObject, slot: Callable[[], None]) -> None:
        pass


class RunnerJobs:
    """Jobs on a pool the application keeps (``TillApp``'s): a window deleted while its
    job was out is handed nothing. ``busy`` counts this window's jobs only."""

    def __init__(self, runner: BackgroundRunner) -> None:
        self._runner = runner
        self._out = 0

    @property
    def busy(self) -> bool:
        return self._out > 0

    def run(
        self,
        owner: QWidget,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        self._out += 1

        def succeeded(result: Result) -> None:
            self._out -= 1
            if isValid(owner):
                on_success(result)

        def failed(error: Exception) -> None:
            self._out -= 1
            if isValid(owner):
                on_failure(error)

        self._runner.submit(work, succeeded, failed)

    def when_back(self, owner: QObject, slot: Callable[[], None]) -> None:
        pass
