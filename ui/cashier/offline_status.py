"""Selling on the local copy while the server is gone, as the status bar says it, and the
way back: the switch when the server stops answering, "Offline since 14:02 — 3 sales
waiting", and the journal's resync in the background once the probe hears the server.

``ServerLink`` notices the server going and coming back; this object turns its
``reachable_changed`` into the counter's side (``OfflineCounter.side``), which the
counter's services read at each call. A till without a built copy (an embedded SQLite
till, a copy not built yet) stays as it was: "Server unreachable" in red.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from app.domain.offline import JournalEntry
from app.domain.storage import StorageBusy, StorageUnavailable
from app.offline.counter import CounterSide
from app.services.spooler import JobState
from ui.background import BackgroundRunner
from ui.cashier.server_link import ServerLink

log = logging.getLogger(__name__)

RESYNC_RETRY_MS = 10_000
"""A resync that failed for another reason than the server going again is tried after
this (one connection failure puts the till offline, and the probe brings it back)."""


class OfflineCounting(Protocol):
    """What the status bar asks of the counter on the copy (``OfflineCounter``)."""

    side: CounterSide

    def ready(self) -> bool: ...

    def pending(self) -> int: ...

    def resync(self, after_each: Callable[[JournalEntry], None] | None = None) -> object: ...

    def add_print_listener(self, listener: Callable[[JobState], None]) -> None: ...

    def remove_print_listener(self, listener: Callable[[JobState], None]) -> None: ...


def _is_connection_failure(error: BaseException) -> bool:
    return isinstance(error, StorageUnavailable) and not isinstance(error, StorageBusy)


class OfflineStatus(QObject):
    """Signals:
    pending_changed(int): the journal's waiting entries were counted again.
    """

    pending_changed = Signal(int)
    _replayed = Signal()

    def __init__(
        self,
        counter: OfflineCounting | None,
        server: ServerLink,
        parent: QObject,
        retry_ms: int = RESYNC_RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self._counter, self._server = counter, server
        self.since: datetime | None = None
        """When the counter started selling on the copy; ``None`` while it sells online."""
        self.pending = 0
        self.label = QLabel(objectName="offlineStatus")
        self.label.setStyleSheet("color: black; background: #ffd479; padding: 2px 8px;")
        self.label.setVisible(False)
        self._runner = BackgroundRunner(self, threads=1)
        self._resyncing = False
        self._failure = ""
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self.resync)
        self._replayed.connect(self._one_replayed)
        server.reachable_changed.connect(self._reachable_changed)
        if counter is not None:  # a new window starts online, as its server link does
            counter.side.set_offline(False)

    def listen_to_prints(self, listener: Callable[[JobState], None], listening: bool) -> None:
        """The offline receipts' print jobs reach ``listener`` too (the status bar's
        printer state), or no longer."""
        counter = self._counter
        if counter is not None and listening:
            counter.add_print_listener(listener)
        elif counter is not None:
            counter.remove_print_listener(listener)

    @property
    def active(self) -> bool:
        """The counter sells on the local copy."""
        return self._counter is not None and self._counter.side.offline

    @property
    def busy(self) -> bool:
        """A count or a resync is running."""
        return self._runner.busy

    def start(self) -> None:
        """At the window's start: sales a stop left in the journal are resynced now."""
        if self._counter is not None and self._counter.ready():
            self.resync()

    def take_over(self, error: BaseException) -> bool:
        """A counter action failed: the server link hears of it. True when the counter
        now sells on the copy and the action failed for want of the server: do it again
        (it runs on the copy)."""
        self._server.failed(error)
        return self.active and _is_connection_failure(error)

    def sold(self) -> None:
        """An offline sale, enrolment or refund was journalled: count again."""
        self._count()

    def _reachable_changed(self, reachable: bool) -> None:
        counter = self._counter
        if counter is None:
            return
        if not reachable:
            if not counter.ready():
                return  # nothing to sell on: "server unreachable", as before
            counter.side.set_offline(True)
            self.since = self._server.since
            self._server.label.setVisible(False)
            self._paint()
            self._count()
            return
        counter.side.set_offline(False)
        self.since = None
        self._paint()
        self.resync()

    def _count(self) -> None:
        counter = self._counter
        if counter is not None:
            self._runner.submit(counter.pending, self._counted, self._not_counted)

    def _counted(self, pending: int) -> None:
        self.pending = pending
        self._paint()
        self.pending_changed.emit(pending)

    def _not_counted(self, error: Exception) -> None:
        log.warning("the offline journal was not counted: %s", error)

    def resync(self) -> None:
        """Replay the journal on the server, in the background (nothing while offline, or
        while a resync runs)."""
        counter = self._counter
        if counter is None or self._resyncing or self.active or not self._server.reachable:
            return
        self._resyncing = True
        self._count()  # first (one thread): the count the replayed entries come off
        replayed: Callable[[JournalEntry], None] = lambda _entry: self._replayed.emit()  # noqa: E731
        self._runner.submit(lambda: counter.resync(replayed), self._resynced, self._resync_failed)

    def _one_replayed(self) -> None:
        if self.pending:
            self._counted(self.pending - 1)

    def _resynced(self, _summary: object) -> None:
        self._resyncing = False
        self._failure = ""
        self._count()

    def _resync_failed(self, error: Exception) -> None:
        self._resyncing = False
        if _is_connection_failure(error):
            self._server.failed(error)  # offline again; the probe brings it back and resyncs
            return
        if not self._failure:  # said once; tried again until it goes through
            log.warning("the offline sales were not resynced: %s", error)
            self._failure = str(error) or type(error).__name__
            self._paint()
        self._retry.start()
        self._count()

    def _paint(self) -> None:
        if self.since is not None:
            text = self.tr("Offline since %1 — %2 sales waiting")
            text = text.replace("%1", self.since.strftime("%H:%M"))
        elif self.pending:
            text = self.tr("Back online — syncing %2 offline sales")
            if self._failure:
                text = self.tr("Back online — %2 offline sales not synced yet: retrying")
        else:
            self.label.setVisible(False)
            return
        self.label.setText(text.replace("%2", str(self.pending)))
        self.label.setVisible(True)

    def stop(self) -> None:
        self._retry.stop()
