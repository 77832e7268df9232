"""One cold start for ``pos bench start``, in a process of its own: the real ``pos``
start-up (``ui.cli.gui.open_gui``) to the sign-in window, offscreen. It prints ``shown`` once
the window has been shown with its staff list (read off the GUI thread: the till is usable,
as the run log's "sign-in window shown" says) and painted, then ends at once, leaving any
background work undone (the daily jobs' watermarks stay where they were for the next start).

Usage: ``python -m ui.bench_start DATABASE_URL SETTINGS_FILE DAYS_AHEAD``; the clock runs
``DAYS_AHEAD`` days ahead of the wall clock (missed daily work).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta

from app.clock import Clock, SystemClock
from app.config import data_dir
from app.escpos_cache import keep_escpos_capabilities_in
from ui.cli import build_parser, open_gui


class AheadClock:
    """The wall clock moved ``days`` ahead: a till that has been closed that long."""

    def __init__(self, days: int) -> None:
        self._ahead = timedelta(days=days)

    def now(self) -> datetime:
        return SystemClock().now() + self._ahead


def main(argv: list[str]) -> int:
    url, settings, days = argv[0], argv[1], int(argv[2])
    keep_escpos_capabilities_in(data_dir() / "cache")  # as ui.cli.main does
    clock: Clock = AheadClock(days)
    args = build_parser(report_options=False).parse_args(["--db", url, "--settings", settings])
    opened = open_gui(args, clock)
    if isinstance(opened, int):
        return opened
    _qapp, till_app = opened
    login = till_app.login
    if login is None or not login.isVisible():
        print("the sign-in window did not open", file=sys.stderr, flush=True)
        return 1
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    if login.waiting:  # its staff list is still being read: a PIN cannot be typed yet
        loop = QEventLoop()
        till_app.sign_in_ready.connect(loop.quit)
        loop.exec()
    login.repaint()  # painted, as a cashier would see it
    QApplication.processEvents()
    print("shown", flush=True)
    os._exit(0)  # no waiting for the background jobs: the next start finds them undone


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
