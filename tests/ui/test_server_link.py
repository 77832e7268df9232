"""The status bar's "server unreachable" state on a hand-written probe: set by a
connection failure (not by a server that answered "busy"), cleared by the probe in the
background once the server answers, with no database involved."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.storage import StorageBusy, StorageUnavailable
from app.errors import TillError
from ui.cashier.server_link import ServerLink

SINCE = datetime(2026, 11, 22, 12, 30, 5)


class Probe:
    """Answers once ``answering`` is set; counts the questions."""

    def __init__(self) -> None:
        self.answering = False
        self.asked = 0

    def ping(self) -> None:
        self.asked += 1
        if not self.answering:
            raise StorageUnavailable("connection refused")


def make_link(qapp: QApplication) -> tuple[ServerLink, Probe, QWidget]:
    host = QWidget()
    probe = Probe()
    return ServerLink(probe, lambda: SINCE, host, every_ms=20), probe, host


def test_a_connection_failure_marks_the_server_unreachable_until_the_probe_hears_it(
    qtbot: QtBot, qapp: QApplication
) -> None:
    link, probe, host = make_link(qapp)
    changes: list[bool] = []
    link.reachable_changed.connect(changes.append)
    link.failed(StorageUnavailable("connection refused"))
    assert not link.reachable and link.since == SINCE
    assert "12:30:05" in link.label.text() and not link.label.isHidden()
    assert isinstance(link.unreachable_error(), StorageUnavailable)
    qtbot.waitUntil(lambda: probe.asked >= 2, timeout=20_000)  # keeps asking, off the GUI
    assert not link.reachable
    probe.answering = True
    qtbot.waitUntil(lambda: link.reachable, timeout=20_000)
    assert link.label.isHidden() and link.unreachable_error() is None
    assert changes == [False, True]
    link.stop()
    host.deleteLater()


def test_a_busy_answer_or_a_refusal_says_nothing_about_the_server(
    qtbot: QtBot, qapp: QApplication
) -> None:
    link, probe, host = make_link(qapp)
    link.failed(StorageBusy("canceling statement due to lock timeout"))
    link.failed(TillError("refused"))
    assert link.reachable and link.label.isHidden() and probe.asked == 0
    link.stop()
    host.deleteLater()
