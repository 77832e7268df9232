"""Training mode through the real widgets: a trainee starts the till with `--training`,
completes two exercises (a stored-value payment, an allergy noted at the counter) and
sees the score; a manager sees the trainer report; leaving training needs approval."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.fakes import FakeClock
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    ready,
    save_screenshot,
    settle,
    wait_paid,
)
from tests.ui.test_loyalty_at_till import find_member, label
from ui.app import LaunchOptions, TillApp
from ui.cashier.window import CashierWindow
from ui.training.dress import TrainingBar


@pytest.fixture
def training_app(qapp: QApplication, tmp_path: Path, clock: FakeClock) -> Iterator[TillApp]:
    options = LaunchOptions(f"sqlite:///{tmp_path / 'till.db'}", DEMO_MEMBERS, "en", training=True)
    till_app = TillApp(qapp, options, TillSettingsService(tmp_path / "settings.json"), clock)
    till_app.start()
    ready(till_app)
    yield till_app
    till_app.shut_down()


def start_exercise(qtbot: QtBot, window: CashierWindow, exercise_title: str) -> None:
    def pick(dialog: QWidget) -> None:
        exercises = dialog.findChild(QListWidget, "exerciseList")
        titles = [exercises.item(row).text() for row in range(exercises.count())]
        row = next(i for i, title in enumerate(titles) if exercise_title in title)
        exercises.setCurrentRow(row)
        click(qtbot, dialog, "startExerciseButton")

    on_next_modal(pick)
    click(qtbot, window, "exercisesButton")


def result(window: CashierWindow) -> str:
    return label(window, "exerciseResult")


def test_a_trainee_completes_two_exercises_and_is_scored(
    qtbot: QtBot, training_app: TillApp, clock: FakeClock
) -> None:
    login = training_app.login
    assert login is not None and login.findChild(QLabel, "loginTrainingBanner") is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("zhaomin"))
    window = open_cashier(qtbot, training_app, pin="2222")
    assert window.findChild(TrainingBar) is not None
    assert "TRAINING" in window.windowTitle()
    assert window.findChild(QWidget, "trainingButton") is None  # no "switch to training" here
    save_screenshot(window, "training-banner-en")

    # Exercise 1: take a stored-value payment from 孙丽.
    start_exercise(qtbot, window, "stored-value payment")
    assert "孙丽" in label(window, "exerciseBrief")
    clock.advance(timedelta(seconds=40))
    find_member(qtbot, window, "136 0001 1122")
    click(qtbot, window, "item_HOT-02")
    save_screenshot(window, "training-exercise-in-progress-en")
    on_next_modal(lambda dialog: click(qtbot, dialog, "confirmPaymentButton"))
    click(qtbot, window, "payStoredValueButton")
    wait_paid(qtbot, window)
    qtbot.waitUntil(lambda: "Passed" in result(window), timeout=5000)
    assert result(window) == "Passed: score 100 in 40 s."
    assert label(window, "exerciseSteps").startswith("☑")

    # Exercise 2: note 覃海燕's peanut allergy, first on the wrong member.
    start_exercise(qtbot, window, "Record an allergy")
    clock.advance(timedelta(seconds=100))  # 25 s over the 75 s target: 5 points off

    def note_allergy(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "guestAllergiesEdit").setText("花生过敏 peanuts")
        click(qtbot, dialog, "saveGuestNoteButton")

    find_member(qtbot, window, "13300044455")
    on_next_modal(note_allergy)
    click(qtbot, window, "guestNoteButton")
    settle(window)  # the member is read again off the GUI thread
    qtbot.waitUntil(lambda: "Passed" in result(window), timeout=5000)
    assert result(window) == "Passed: score 95 in 100 s."
    assert label(window, "memberAllergies") == "花生过敏 peanuts"

    till = training_app.till
    assert till is not None and till.coach is not None
    scores = [(a.exercise_id, a.score, a.passed) for a in till.coach.attempts()]
    assert scores == [("stored-value", 100, True), ("allergy", 95, True)]

    def progress(dialog: QWidget) -> None:
        assert label(dialog, "exerciseProgress") == "Passed 2 of 11 exercises."
        dialog.reject()

    on_next_modal(progress)
    click(qtbot, window, "exercisesButton")


def test_a_manager_sees_the_trainer_report_and_leaves_training_with_approval(
    qtbot: QtBot, training_app: TillApp, clock: FakeClock, tmp_path: Path
) -> None:
    login = training_app.login
    assert login is not None
    login.staff_combo.setCurrentIndex(login.staff_combo.findData("zhaomin"))
    window = open_cashier(qtbot, training_app, pin="2222")
    start_exercise(qtbot, window, "last four digits")
    find_member(qtbot, window, "6688")
    click(qtbot, window, "giveUpExerciseButton")
    assert result(window).startswith("Not finished: score 0")
    click(qtbot, window, "logoutButton")
    assert ready(training_app).login is not None
    training_app.login.staff_combo.setCurrentIndex(1)
    window = open_cashier(qtbot, training_app, pin="9999")
    pdf = tmp_path / "trainer.pdf"

    def report(dialog: QWidget) -> None:
        board = dialog.findChild(QTableWidget, "trainerTable0")
        assert board.rowCount() == 1
        assert [board.item(0, c).text() for c in range(5)] == ["1", "赵敏", "0", "0", "1"]
        save_screenshot(dialog, "trainer-report-en")
        dialog.export_to(pdf)  # type: ignore[attr-defined]
        dialog.accept()

    on_next_modal(report)
    click(qtbot, window, "trainerReportButton")
    assert pdf.read_bytes().startswith(b"%PDF")

    def wrong_then_right(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("0000")
        click(qtbot, dialog, "approveButton")
        settle(dialog)  # the approval is checked off the GUI thread
        assert dialog.isVisible()
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    on_next_modal(wrong_then_right)
    click(qtbot, window, "leaveTrainingButton")
    qtbot.waitUntil(lambda: training_app.window is None, timeout=20_000)  # approved, rebuilt
    assert training_app.till is not None and not training_app.till.till_mode.training
    assert training_app.login is not None
    assert training_app.login.findChild(QLabel, "loginTrainingBanner") is None
