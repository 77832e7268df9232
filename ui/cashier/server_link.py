"""The status bar's "server unreachable" state, and the probe that clears it by itself.

A counter action that meets ``StorageUnavailable`` (no connection, a timeout) marks the
database unreachable, with the time it started. From then on a light probe runs in the
background every ``PROBE_EVERY_MS`` until the server answers, and the counter's
searches and payments say at once that it cannot be reached instead of waiting for
another timeout.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from app.domain.storage import StorageBusy, StorageUnavailable
from app.server_link.probe import ServerProbe
from ui.background import BackgroundRunner

PROBE_EVERY_MS = 2000


class ServerLink(QObject):
    """Signals:
    reachable_changed(bool): the database stopped or started answering.
    """

    reachable_changed = Signal(bool)

    def __init__(
        self,
        probe: ServerProbe | None,
        now: Callable[[], datetime],
        parent: QObject,
        every_ms: int = PROBE_EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self._probe, self._now = probe, now
        self.since: datetime | None = None
        """When the database stopped answering; ``None`` while it answers."""
        self.label = QLabel(objectName="serverStatus")
        self.label.setStyleSheet("color: white; background: #a00000; padding: 2px 8px;")
        self.label.setVisible(False)
        self._runner = BackgroundRunner(self, threads=1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.probe_now)

    @property
    def reachable(self) -> bool:
        return self.since is None

    def failed(self, error: BaseException) -> None:
        """A counter action failed: a connection error or timeout marks the server
        unreachable (other failures say nothing about it)."""
        busy = isinstance(error, StorageBusy)  # the server answered: it is reachable
        if busy or not isinstance(error, StorageUnavailable) or self.since is not None:
            return
        self.since = self._now()
        text = self.tr("Server unreachable since %1: retrying by itself…")
        self.label.setText(text.replace("%1", self.since.strftime("%H:%M:%S")))
        self.label.setVisible(True)
        if self._probe is not None:
            self._timer.start()
        self.reachable_changed.emit(False)

    def answered(self) -> None:
        """The database answered a counter action or the probe."""
        if self.since is None:
            return
        self.since = None
        self._timer.stop()
        self.label.setVisible(False)
        self.reachable_changed.emit(True)

    def unreachable_error(self) -> StorageUnavailable | None:
        """What to say instead of trying, while the server is known to be unreachable."""
        return None if self.since is None else StorageUnavailable("server unreachable")

    def probe_now(self) -> None:
        if self._probe is None or self.since is None:
            return
        self._runner.submit(self._probe.ping, lambda _none: self.answered(), self._still_down)

    def stop(self) -> None:
        self._timer.stop()

    def _still_down(self, _error: Exception) -> None:
        if self.since is not None:
            self._timer.start()
