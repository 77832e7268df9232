"""How a back-office form runs its database work: at the counter off the GUI thread through
the window's ``ServerWork`` (the status bar hears of the server, and the engine's statement
and connect timeouts bound the wait); ``InlineJobs`` where no pool is at hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

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
