"""Bringing back the order kept when the till stopped, off the GUI thread.

The counter waits for it (nothing is rung up over an order about to come back); a
failure is said in one sentence, the kept order stays on disk, and it is asked for
again as soon as the server answers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.domain.draft_snapshot import RestoredOrder
from ui.cashier.kept_order import KeptOrder
from ui.cashier.presenter import Resumed
from ui.cashier.server_link import ServerLink
from ui.cashier.server_work import ServerWork


class KeptOrderRestore(QObject):
    """``hold(True)`` while the order is read back, ``hold(False)`` once it is back
    (``back`` then gets it, or ``None``); ``failed`` hears of each failure."""

    def __init__(
        self,
        kept: KeptOrder,
        work: ServerWork,
        server: ServerLink,
        window: QWidget,
        hold: Callable[[bool], None],
        back: Callable[[RestoredOrder | None], None],
        failed: Callable[[Exception], None],
    ) -> None:
        super().__init__(window)
        self._kept, self._work, self._window = kept, work, window
        self._hold, self._back, self._failed = hold, back, failed
        self.pending = False
        server.reachable_changed.connect(self._server_back)

    def start(self) -> None:
        job = self._kept.resume_job()
        if job is None:
            self._back(None)
            return
        self.pending = True
        self._hold(True)
        self._work.run(self._window, job, self._resumed, self._failed)

    def _resumed(self, found: Resumed) -> None:
        self.pending = False
        self._hold(False)
        self._back(self._kept.resumed(found))

    def _server_back(self, reachable: bool) -> None:
        if reachable and self.pending:
            self.start()
