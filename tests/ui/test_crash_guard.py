"""An error nothing handled: a report in the data folder and a message at the till."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.crash_report import report_folder
from tests.ui.conftest import on_next_modal
from ui.crash_guard import CrashGuard
from ui.i18n import Language, LanguageSwitcher


@pytest.fixture
def guard(tmp_path: Path) -> Iterator[CrashGuard]:
    crash_guard = CrashGuard(tmp_path)
    crash_guard.install()
    yield crash_guard
    crash_guard.remove()


def broken_slot() -> None:
    raise RuntimeError("member 13812345678 could not be shown")


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize(("language", "title"), [("zh", "出错了"), ("en", "Something went wrong")])
def test_an_unhandled_error_in_a_slot_writes_a_report_and_says_so(
    qtbot: QtBot,
    qapp: QApplication,
    guard: CrashGuard,
    tmp_path: Path,
    language: Language,
    title: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    switcher = LanguageSwitcher(qapp)
    switcher.apply(language)
    seen: list[tuple[str, str]] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append((dialog.windowTitle(), dialog.informativeText()))
        dialog.accept()

    on_next_modal(read_and_close)
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    switcher.apply("en")

    reports = list(report_folder(tmp_path).glob("crash-*.txt"))
    assert len(reports) == 1 and reports[0] == guard.last_report
    assert seen[0][0] == title
    assert str(reports[0]) in seen[0][1]
    text = reports[0].read_text()
    assert "in broken_slot" in text and "RuntimeError: member <11 digits>" in text
    assert "13812345678" not in text
    assert "RuntimeError" in capsys.readouterr().err  # still reaches the console too


def test_removing_the_guard_restores_the_previous_hook(tmp_path: Path) -> None:
    before = sys.excepthook
    crash_guard = CrashGuard(tmp_path)
    crash_guard.install()
    assert sys.excepthook == crash_guard.handle
    crash_guard.remove()
    assert sys.excepthook == before
