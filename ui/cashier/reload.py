"""A read the counter must not miss (the menu or the rules after the back office changed
them), off the GUI thread: when the server cannot answer, the till keeps selling with
what it has and reads again by itself when the server answers (the status bar says it is
unreachable meanwhile)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui.cashier.server_work import ServerWork

log = logging.getLogger(__name__)
Result = TypeVar("Result")


class Reload(QObject, Generic[Result]):
    def __init__(
        self,
        work: ServerWork,
        window: QWidget,
        job: Callable[[], Callable[[], Result]],
        apply: Callable[[Result], None],
    ) -> None:
        super().__init__(window)
        self._work, self._window, self._job, self._apply = work, window, job, apply
        self.pending = False
        """Asked for and not read yet: read again when the server answers."""
        work.when_back(self, self._again)

    def start(self) -> None:
        self.pending = True
        self._work.run(self._window, self._job(), self._read, self._failed)

    def _read(self, result: Result) -> None:
        self.pending = False
        self._apply(result)

    def _failed(self, error: Exception) -> None:
        log.warning("not read again yet (again when the server answers): %s", error)

    def _again(self) -> None:
        if self.pending:
            self.start()
