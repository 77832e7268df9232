"""Missed daily work never runs before the sign-in window: the window shows with
yesterday's balances, and the daily jobs catch up on the background thread after it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.members import MemberId
from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.fakes import FakeClock
from tests.ui.conftest import ready
from ui.app import LaunchOptions, TillApp
from ui.login import LoginDialog

POINTS_LIFE = timedelta(days=731)  # the demo's opening points, given on day 0, expire


class SeenAtSignIn(QObject):
    """Member 1's points and whether the daily jobs exist, as the sign-in window shows."""

    def __init__(self, till_app: TillApp) -> None:
        super().__init__()
        self._till_app = till_app
        self.points: list[int] = []
        self.jobs_running: list[bool] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, LoginDialog) and event.type() == QEvent.Type.Show:
            till = self._till_app.till
            assert till is not None
            self.points.append(till.members.load(MemberId(1)).points)
            self.jobs_running.append(self._till_app.daily_jobs is not None)
        return False


def open_till(qapp: QApplication, tmp_path: Path, clock: FakeClock) -> TillApp:
    options = LaunchOptions(f"sqlite:///{tmp_path / 'till.db'}", DEMO_MEMBERS, "en")
    return TillApp(qapp, options, TillSettingsService(tmp_path / "settings.json"), clock)


def test_the_first_start_after_missed_days_shows_sign_in_before_the_daily_work(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> None:
    yesterday = open_till(qapp, tmp_path, clock)
    yesterday.start()
    jobs = yesterday.daily_jobs
    assert jobs is not None
    qtbot.waitUntil(lambda: len(jobs.segments_changed) == 1, timeout=20_000)  # today's done
    yesterday.shut_down()

    clock.advance(POINTS_LIFE)  # the till stayed closed while the points' life ran out
    till_app = open_till(qapp, tmp_path, clock)
    seen = SeenAtSignIn(till_app)
    qapp.installEventFilter(seen)
    try:
        till_app.start()
    finally:
        qapp.removeEventFilter(seen)
    try:
        ready(till_app)
        assert till_app.login is not None and till_app.login.isVisible()
        assert seen.points == [1280]  # the window showed before any point expired
        assert seen.jobs_running == [False]
        jobs = till_app.daily_jobs
        assert jobs is not None
        qtbot.waitUntil(lambda: len(jobs.expired_points) == 1, timeout=20_000)
        assert jobs.expired_points[0] >= 1280  # caught up in the background afterwards
        assert len(jobs.tiers_moved) == 1 and len(jobs.segments_changed) == 1
        assert till_app.till is not None
        assert till_app.till.members.load(MemberId(1)).points == 0
    finally:
        till_app.shut_down()
