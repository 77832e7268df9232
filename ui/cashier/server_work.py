"""A counter action's or dialog's database work off the GUI thread, with the status bar's
server link told how it went.

``run`` says at once that the server cannot be reached while it is known to be down
(instead of waiting for another timeout), hands the work to the counter's pool and,
back on the GUI thread, tells the server link (an answer clears "server unreachable", a
connection error or timeout sets it) before calling back. A widget deleted meanwhile
is handed nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from app.errors import TillError
from ui.cashier.counter_jobs import CounterJobs
from ui.cashier.server_link import ServerLink
from ui.errors import describe_error, headline

Result = TypeVar("Result")


def failure_text(error: Exception) -> str:
    """One sentence in the cashier's language (a service's refusal keeps its detail)."""
    return describe_error(error) if isinstance(error, TillError) else headline(error)


class _Relay(QObject):
    """A child of the form: its connection goes when the form is deleted."""

    def __init__(self, owner: QObject, slot: Callable[[], None]) -> None:
        super().__init__(owner)
        self._slot = slot

    @Slot(bool)
    def heard(self, reachable: bool) -> None:
        if reachable:
            self._slot()


class ServerWork:
    def __init__(
        self,
        jobs: CounterJobs,
        server: ServerLink,
        selling_offline: Callable[[], bool] | None = None,
    ) -> None:
        """``selling_offline``: the counter sells on the local copy (``OfflineStatus``)."""
        self._jobs, self._server = jobs, server
        self._selling_offline = selling_offline or (lambda: False)

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    @property
    def selling_offline(self) -> bool:
        """The counter sells on the local copy (the server is gone)."""
        return self._selling_offline()

    def on_copy(self) -> ServerWork:
        """This work for a form whose every call the local copy can serve while the
        counter sells there (the refund of an offline sale): ``run(..., offline=True)``."""
        return _OnCopy(self._jobs, self._server, self._selling_offline)

    def when_back(self, owner: QObject, slot: Callable[[], None]) -> None:
        """``slot`` is called each time the server answers again after it was unreachable,
        while ``owner`` lives: a form re-reads what it could not."""
        self._server.reachable_changed.connect(_Relay(owner, slot).heard)

    def run(
        self,
        owner: QWidget,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
        *,
        offline: bool = False,
    ) -> None:
        """``on_failure`` may be called before this returns (the server is known down).
        ``offline``: the work can be done on the local copy while the counter sells there
        (an enrolment); it runs then, and its success says nothing of the server."""
        on_copy = offline and self._selling_offline()
        unreachable = self._server.unreachable_error()
        if unreachable is not None and not on_copy:
            on_failure(unreachable)
            return
        server = self._server

        def succeeded(result: Result) -> None:
            if not on_copy:
                server.answered()
            if isValid(owner):
                on_success(result)

        def failed(error: Exception) -> None:
            server.failed(error)
            if isValid(owner):
                on_failure(error)

        self._jobs.run(work, succeeded, failed)


class _OnCopy(ServerWork):
    def run(
        self,
        owner: QWidget,
        work: Callable[[], Result],
        on_success: Callable[[Result], None],
        on_failure: Callable[[Exception], None],
        *,
        offline: bool = True,
    ) -> None:
        super().run(owner, work, on_success, on_failure, offline=offline)
