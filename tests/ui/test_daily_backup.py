"""The open till backs its SQLite database up once a day off the GUI thread, and the
settings page says when and where the last backup is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.fakes import FakeClock
from tests.ui.conftest import click, on_next_modal, ready, sign_in
from ui.app import LaunchOptions, TillApp


def test_the_till_makes_todays_backup_and_settings_show_it(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "backups"
    options = LaunchOptions(
        f"sqlite:///{tmp_path / 'till.db'}", DEMO_MEMBERS, "en", backup_folder=folder
    )
    till_app = TillApp(qapp, options, TillSettingsService(tmp_path / "settings.json"), clock)
    till_app.start()
    ready(till_app)
    try:
        jobs = till_app.daily_jobs
        assert jobs is not None
        qtbot.waitUntil(lambda: jobs.backups_made == [1], timeout=20_000)
        [backup] = folder.glob("till-*-daily.db")
        assert backup.name == f"till-{clock.now():%Y%m%d-%H%M%S}-daily.db"
        sign_in(qtbot, till_app)
        assert till_app.window is not None
        shown: list[str] = []

        def read_backup_line(dialog: QWidget) -> None:
            shown.append(dialog.findChild(QLabel, "lastBackupLabel").text())
            dialog.reject()

        on_next_modal(read_backup_line)
        click(qtbot, till_app.window, "settingsButton")
        assert shown == [f"Last backup: {clock.now():%Y-%m-%d %H:%M}, in {folder}"]
    finally:
        till_app.shut_down()
