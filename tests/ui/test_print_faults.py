from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from hardware.printing.escpos_decode import decode_escpos
from tests.fake_printer import FakeNetworkPrinter, Mode
from tests.ui.conftest import click, open_cashier, pay_exact_cash
from ui.app import TillApp
from ui.cashier.window import CashierWindow


class PrinterConnections:
    """The threads that open a connection to a port, from Python's audit events (a hook
    cannot be removed: it records only while a test watches)."""

    watching: ClassVar[PrinterConnections | None] = None
    hooked: ClassVar[bool] = False

    def __init__(self, port: int) -> None:
        self.port = port
        self.threads: list[int] = []
        if not PrinterConnections.hooked:
            sys.addaudithook(PrinterConnections._event)
            PrinterConnections.hooked = True
        PrinterConnections.watching = self

    @staticmethod
    def _event(event: str, args: tuple[object, ...]) -> None:
        watch = PrinterConnections.watching
        if watch is not None and event == "socket.connect" and args[1] == ("127.0.0.1", watch.port):
            watch.threads.append(threading.get_ident())

    def stop(self) -> None:
        PrinterConnections.watching = None


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
    # The till waits longer than the test holds the printer, but for a stalled printer,
    # where its wait running out is the fault.
    url = printer.url if mode is Mode.STALL else printer.url.replace("timeout=2", "timeout=10")
    (tmp_path / "settings.json").write_text(json.dumps({"printer_url": url}))
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    sell_rice(qtbot, window)  # the printer shows that it answers status
    qtbot.waitUntil(lambda: "T1-20261122-0001 printed" in status(window), timeout=8000)

    printer.set_mode(mode)
    connections = PrinterConnections(printer.port)
    printer.hold()
    sell_rice(qtbot, window)
    if mode is not Mode.REFUSE:  # a refused connection has nothing to hang on
        # The till's connection hangs on the printer, and this wait runs on the GUI
        # thread: the cashier goes on with the next order meanwhile.
        qtbot.waitUntil(lambda: printer.held >= 1, timeout=8000)
        click(qtbot, window, "category_STAPLE")
        click(qtbot, window, "item_STAPLE-01")
        table = window.findChild(QTableWidget, "orderTable")
        qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=8000)
        assert "NOT printed" not in status(window)
    printer.release()
    qtbot.waitUntil(lambda: "NOT printed" in status(window), timeout=8000)
    assert headline in status(window)
    assert window.devices.retry_print_button.isEnabled()
    connections.stop()
    main = threading.main_thread().ident
    assert connections.threads, "the till never tried the printer"
    assert main not in connections.threads, "the GUI thread talked to the printer"

    printer.set_mode(Mode.HEALTHY)
    click(qtbot, window, "retryPrintButton")
    qtbot.waitUntil(lambda: "T1-20261122-0002 printed" in status(window), timeout=8000)
    qtbot.wait(300)
    slips = [decode_escpos(job).text for job in printer.printed]
    assert sum("T1-20261122-0002" in slip for slip in slips) == 1
