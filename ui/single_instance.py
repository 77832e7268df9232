"""One till per machine and database: a second launch hands over to the running till,
which comes to the front, and exits."""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

CONNECT_TIMEOUT_MS = 1000
RAISE = b"raise\n"


def instance_name(database_url: str) -> str:
    """Per user and database, short enough for every platform's socket names."""
    key = f"{getpass.getuser()}\n{database_url}".encode()
    return "membership-till-" + hashlib.sha256(key).hexdigest()[:20]


def wake_running_till(name: str) -> bool:
    """True when a till already listens under ``name`` and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class RunningTill(QObject):
    """The running till's end: ``woken`` fires when a second launch asks for it."""

    woken = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            QLocalServer.removeServer(name)  # left behind by a till that crashed
            self._server.listen(name)
        self._server.newConnection.connect(self._answer)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _answer(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            # the caller writes as soon as it connects: a short wait, never a long one
            if socket.bytesAvailable() or socket.waitForReadyRead(CONNECT_TIMEOUT_MS):
                woken = bytes(socket.readAll().data()).startswith(RAISE.strip())
            else:
                woken = False
            socket.abort()
            socket.deleteLater()
            if woken:
                self.woken.emit()

    def close(self) -> None:
        self._server.close()


def bring_forward() -> QWidget | None:
    """Shows, un-minimises and activates the till's front window (a dialog over the window
    when one is open)."""
    shown = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    active = QApplication.activeModalWidget() or QApplication.activeWindow()
    front = active if active is not None else (shown[-1] if shown else None)
    if front is None:
        return None
    front.setWindowState(front.windowState() & ~Qt.WindowState.WindowMinimized)
    front.show()
    front.raise_()
    front.activateWindow()
    return front
