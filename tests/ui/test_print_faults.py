from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hardware.printing.escpos_decode import decode_escpos
from tests.fake_printer import FakeNetworkPrinter, Mode
from tests.ui.conftest import click, open_cashier, pay_exact_cash
from ui.app import TillApp
from ui.cashier.window import CashierWindow

MAX_EVENT_LOOP_GAP_S = 0.100


class LoopWatch:
    """Records the longest pause of the GUI event loop, from a 10 ms timer, less the time
    the GUI thread stood ready but had no CPU (other test processes on a shared machine):
    what is left is the till's own blocking."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._schedstat = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")
        self._last, self._last_queued = time.monotonic(), self._queued()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _queued(self) -> float:
        """Seconds this thread has waited for a CPU (Linux; 0 where not known)."""
        try:
            return int(self._schedstat.read_text().split()[1]) / 1e9
        except (OSError, IndexError, ValueError):
            return 0.0

    def _tick(self) -> None:
        now, queued = time.monotonic(), self._queued()
        self.longest = max(self.longest, (now - self._last) - (queued - self._last_queued))
        self._last, self._last_queued = now, queued

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter()
    yield fake
    fake.close()


def status(window: CashierWindow) -> str:
    return window.findChild(QLabel, "printerStatus").text()


def sell_rice(qtbot: QtBot, window: CashierWindow) -> None:
    click(qtbot, window, "category_STAPLE")
    click(qtbot, window, "item_STAPLE-01")

    pay_exact_cash(qtbot, window)


@pytest.mark.parametrize(
    ("mode", "headline"),
    [
        (Mode.REFUSE, "offline"),
        (Mode.STALL, "did not answer"),
        (Mode.DROP, "offline"),
        (Mode.PAPER_OUT, "out of paper"),
    ],
    ids=["refused", "stalled", "dropped", "paper-out"],
)
def test_the_till_stays_responsive_through_a_printer_fault_and_prints_once(
    qtbot: QtBot,
    make_app: Callable[[str], TillApp],
    tmp_path: Path,
    printer: FakeNetworkPrinter,
    mode: Mode,
    headline: str,
) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"printer_url": printer.url}))
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    sell_rice(qtbot, window)  # the printer shows that it answers status
    qtbot.waitUntil(lambda: "T1-20261122-0001 printed" in status(window), timeout=8000)

    printer.set_mode(mode)
    watch = LoopWatch()
    sell_rice(qtbot, window)
    qtbot.waitUntil(lambda: "NOT printed" in status(window), timeout=8000)
    assert headline in status(window)
    assert window.devices.retry_print_button.isEnabled()
    qtbot.wait(300)  # keep watching while the till is in the fault
    watch.stop()
    print(f"{mode.value}: longest event-loop pause {watch.longest * 1000:.1f} ms")
    assert watch.longest < MAX_EVENT_LOOP_GAP_S, f"GUI froze for {watch.longest * 1000:.0f} ms"

    printer.set_mode(Mode.HEALTHY)
    click(qtbot, window, "retryPrintButton")
    qtbot.waitUntil(lambda: "T1-20261122-0002 printed" in status(window), timeout=8000)
    qtbot.wait(300)
    slips = [decode_escpos(job).text for job in printer.printed]
    assert sum("T1-20261122-0002" in slip for slip in slips) == 1
