"""The measuring process of ``pos bench daily`` (run by ``app.benchmark.daily``): the day's
work in the background of a till while a cashier types, as issue 19 sets it (done in
under a minute, keystroke-to-paint still ≤ 30 ms, resident memory ≤ 300 MB at every
moment).

``python -m ui.bench_daily URL SETTINGS QUERIES``: its memory is a till's: ``pos``
opened offscreen as it opens (its daily jobs start once the sign-in window shows:
backup, search keys, points expiry, tier review, segments), the demo cashier signed in
on the PIN keys, and the cashier window's own search box typed in, round and round,
until the daily work is done; then the queries once more on a quiet till (the
baseline). It prints one JSON line. A thread reads the resident set
(``/proc/self/statm``) every 10 ms; the kernel's high-water mark (``VmHWM``) is reported
too.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from app.benchmark.lookup import KEYSTROKE_DAILY, timing

if TYPE_CHECKING:
    from ui.app import TillApp
    from ui.cashier.window import CashierWindow

SAMPLE_S = 0.01


class RssSampler(threading.Thread):
    """The process's resident set, sampled until ``stop``; ``peak_mb`` the highest."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self._stop_event = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def run(self) -> None:
        with open("/proc/self/statm", encoding="ascii") as statm:
            while not self._stop_event.wait(SAMPLE_S):
                statm.seek(0)
                resident = int(statm.read().split()[1]) * self._page / 2**20
                self.peak_mb = max(self.peak_mb, resident)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


def resident_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(url: str, settings: str, queries: list[str]) -> dict[str, object]:
    """In the measuring process: ``pos`` opened on ``url`` (the daily work starts once its
    sign-in window shows), the demo cashier signed in, the cashier window's search box
    typed in until the work is done; the figures as a dict."""
    from ui.bench_ui import Typist, keystrokes_while
    from ui.cli import build_parser, open_gui

    sampler = RssSampler()
    sampler.start()
    args = build_parser(report_options=False).parse_args(["--db", url, "--settings", settings])
    opened = open_gui(args)
    if isinstance(opened, int):
        raise RuntimeError(f"pos did not open (exit {opened})")
    started = time.perf_counter()
    _qapp, till_app = opened
    window, sign_in_ms = _sign_in(till_app)
    typist = Typist(window.member_panel.search_box, lambda: window.waiting)
    signed_in_mb = resident_mb()
    jobs = till_app.daily_jobs
    assert jobs is not None
    during, hits = keystrokes_while(typist, queries, lambda: jobs.busy)
    seconds = time.perf_counter() - started
    done = {
        "backups": sum(jobs.backups_made),
        "expired_points": sum(jobs.expired_points),
        "tiers_moved": sum(jobs.tiers_moved),
        "segments_changed": sum(jobs.segments_changed),
    }
    quiet = [typist.keystroke_ns(text)[0] for text in queries]
    window.logout_requested.emit()  # Sign out, then in again with nothing in the background
    _, quiet_sign_in_ms = _sign_in(till_app)
    peak_mb = sampler.stop()
    measured = timing(KEYSTROKE_DAILY, during, hits, quiet)
    return {
        **measured.as_json(),
        "daily_work_s": round(seconds, 1),
        "sign_in_ms": round(sign_in_ms, 1),
        "quiet_sign_in_ms": round(quiet_sign_in_ms, 1),
        "done": done,
        "rss_signed_in_mb": round(signed_in_mb, 1),
        "rss_peak_sampled_mb": round(peak_mb, 1),
        "rss_high_water_mb": round(resident_mb("VmHWM"), 1),
    }


COUNTER_SERVICES = frozenset({"members", "checkout", "loyalty"})
"""What the till builds while the sign-in window waits for a PIN (``TillApp``)."""


def _sign_in(till_app: TillApp) -> tuple[CashierWindow, float]:
    """The demo cashier signs in on the PIN keys, as at the counter, once the till has
    warmed the counter up (a cashier takes longer than that to type a PIN); returns the
    window and the milliseconds from the Sign in tap to the window painted. The first
    sign-in is while the day's work starts, the second (after a sign-out) on a quiet till."""
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton

    from app.demo import DEMO_STAFF

    while till_app.login is None or not till_app.login.isVisible():  # after a sign-out
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    login, till = till_app.login, till_app.till
    assert login is not None and till is not None
    while login.waiting or not till.built() >= COUNTER_SERVICES:  # the staff list read too
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    username, pin = next((user, pin) for user, _, role, pin, _ in DEMO_STAFF if role == "cashier")
    listed = login.staff_combo.findData(username)
    if listed < 0:
        raise RuntimeError(f"{username} is not on the sign-in window: {login.error_label.text()}")
    login.staff_combo.setCurrentIndex(listed)
    sign_in = login.findChild(QPushButton, "loginButton")
    assert sign_in is not None
    for digit in pin:
        key = login.findChild(QPushButton, f"pinKey{digit}")
        assert key is not None
        QTest.mouseClick(key, Qt.MouseButton.LeftButton)
    started = time.perf_counter()
    QTest.mouseClick(sign_in, Qt.MouseButton.LeftButton)
    while till_app.window is None or not till_app.window.isVisible():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    till_app.window.repaint()
    return till_app.window, (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    url, settings_file, queries_file = sys.argv[1:4]
    typed = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    print(json.dumps(child(url, settings_file, typed)), flush=True)
    os._exit(0)  # the figures are out: no waiting for Qt's and the pools' teardown
