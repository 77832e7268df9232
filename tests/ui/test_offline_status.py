"""The status bar's offline state on a hand-written counter and probe, with no database:
the switch to the copy, the count of sales waiting, the way back, and a resync that fails
said once and tried again until it goes through."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.offline import JournalEntry
from app.domain.storage import StorageUnavailable
from app.offline.counter import CounterSide
from app.services.spooler import JobState
from ui.cashier.offline_status import OfflineStatus
from ui.cashier.server_link import ServerLink

SINCE = datetime(2026, 11, 22, 14, 2, 9)
ENTRY = JournalEntry("checkout", "key", SINCE, 1, {})


class Probe:
    def __init__(self) -> None:
        self.answering = False

    def ping(self) -> None:
        if not self.answering:
            raise StorageUnavailable("connection refused")


class Counter:
    """A copy that is built; ``failures`` resyncs fail before one goes through, the
    second waiting for ``go_on``."""

    def __init__(self, waiting: int, failures: int, built: bool = True) -> None:
        self.side = CounterSide()
        self.waiting, self.failures, self.built = waiting, failures, built
        self.resyncs = 0
        self.go_on = threading.Event()

    def ready(self) -> bool:
        return self.built

    def pending(self) -> int:
        return self.waiting

    def resync(self, after_each: Callable[[JournalEntry], None] | None = None) -> object:
        self.resyncs += 1
        if self.resyncs == 2:
            assert self.go_on.wait(20)
        if self.failures:
            self.failures -= 1
            raise LookupError("staff 3 is not on the server")
        while self.waiting:
            self.waiting -= 1
            if after_each is not None:
                after_each(ENTRY)
        return None

    def add_print_listener(self, listener: Callable[[JobState], None]) -> None:
        return None

    def remove_print_listener(self, listener: Callable[[JobState], None]) -> None:
        return None


def make(counter: Counter, retry_ms: int = 50) -> tuple[ServerLink, OfflineStatus, Probe, QWidget]:
    host, probe = QWidget(), Probe()
    link = ServerLink(probe, lambda: SINCE, host, every_ms=20)
    return link, OfflineStatus(counter, link, host, retry_ms=retry_ms), probe, host


def test_the_counter_goes_to_its_copy_and_back_and_a_failed_resync_is_said_once(
    qtbot: QtBot, qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    counter = Counter(waiting=3, failures=2)
    link, status, probe, host = make(counter)
    link.failed(StorageUnavailable("connection refused"))
    assert status.active and counter.side.offline and link.label.isHidden()
    qtbot.waitUntil(lambda: status.pending == 3, timeout=20_000)
    assert status.label.text() == "Offline since 14:02 — 3 sales waiting"
    assert not status.label.isHidden()

    with caplog.at_level(logging.WARNING, logger="ui.cashier.offline_status"):
        probe.answering = True
        qtbot.waitUntil(lambda: link.reachable, timeout=20_000)
        assert not counter.side.offline  # the next sale goes to the server
        qtbot.waitUntil(lambda: counter.resyncs == 2, timeout=20_000)  # the retry waits
        assert status.label.text() == "Back online — 3 offline sales not synced yet: retrying"
        counter.go_on.set()
        qtbot.waitUntil(lambda: status.label.isHidden(), timeout=20_000)
    assert counter.resyncs == 3 and status.pending == 0 and counter.waiting == 0
    said = [r for r in caplog.records if "not resynced" in r.getMessage()]
    assert len(said) == 1  # said once, tried until it went through
    link.stop()
    status.stop()
    host.deleteLater()


def test_a_till_without_a_built_copy_says_unreachable_as_before(
    qtbot: QtBot, qapp: QApplication
) -> None:
    counter = Counter(waiting=0, failures=0, built=False)
    link, status, _probe, host = make(counter)
    link.failed(StorageUnavailable("connection refused"))
    assert not status.active and not counter.side.offline
    assert not link.label.isHidden() and status.label.isHidden()
    link.stop()
    status.stop()
    host.deleteLater()
