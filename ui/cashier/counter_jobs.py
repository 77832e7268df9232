"""The counter's database work off the GUI thread: searches as the cashier types, member
lookups and checkouts.

Each kind has a ticket: only the latest search's and the latest lookup's results are
handed back (an older one arriving late would show a stale list or attach the wrong
member), and nothing is handed to a window that was deleted meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ui.background import BackgroundRunner

Result = TypeVar("Result")


class CounterJobs:
    def __init__(self, owner: QWidget, runner: BackgroundRunner | None = None) -> None:
        self._owner = owner
        self._runner = runner or BackgroundRunner(owner, keep_threads=True)
        self._tickets = {"search": 0, "lookup": 0}

    @property
    def busy(self) -> bool:
        """A result has not come back yet."""
        return self._runner.busy

    def run(
        self,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        """Every result is handed back (a checkout)."""

        def alive(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            return lambda outcome: callback(outcome) if isValid(self._owner) else None

        self._runner.submit(work, alive(on_success), alive(on_failure))

    def latest(
        self,
        kind: str,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        """Only the result of the latest job of ``kind`` ("search", "lookup") is handed
        back; an earlier one still running is dropped when it ends."""
        self._tickets[kind] += 1
        ticket = self._tickets[kind]

        def current() -> bool:
            return self._tickets[kind] == ticket

        self.run(
            work,
            lambda result: on_success(result) if current() else None,
            lambda error: on_failure(error) if current() else None,
        )
