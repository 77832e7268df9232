"""How a till in training looks and what it adds: an unmistakable banner and colour,
the exercises, the trainer report, and the way out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.clock import Clock
from app.domain.staff import Permission, StaffMember, role_allows
from app.exports.model import Language
from app.training.coach import ExerciseCoach
from ui.cashier.window import CashierWindow
from ui.fit import TOUCH
from ui.training.banner import TRAINING_BACKGROUND, TRAINING_COLOUR, banner_label
from ui.training.exercise_panel import ExercisePanel
from ui.training.exercise_picker import ExercisePicker
from ui.training.trainer_report import TrainerReportDialog

translate = QCoreApplication.translate


class TrainingBar(QWidget):
    leave_requested = Signal()
    reset_requested = Signal()

    def __init__(
        self,
        cashier: StaffMember,
        coach: ExerciseCoach,
        clock: Clock,
        language: str,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBar")
        self._cashier, self._coach, self._clock, self._language = cashier, coach, clock, language
        strip = QWidget(objectName="trainingStrip")
        strip.setStyleSheet(f"QWidget#trainingStrip {{ background: {TRAINING_COLOUR}; }}")
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 6, 0)
        row.addWidget(banner_label(), 1)
        buttons = [
            ("exercisesButton", translate("TrainingBar", "Exercises…"), self.choose_exercise),
            (
                "resetSandboxButton",
                translate("TrainingBar", "Reset sandbox…"),
                self.reset_requested.emit,
            ),
            (
                "leaveTrainingButton",
                translate("TrainingBar", "Leave training…"),
                self.leave_requested.emit,
            ),
        ]
        if role_allows(cashier.role, Permission.VIEW_REPORTS):
            report = (
                "trainerReportButton",
                translate("TrainingBar", "Trainer report…"),
                self.show_report,
            )
            buttons.insert(1, report)
        for name, text, handler in buttons:
            button = QPushButton(text, objectName=name)
            button.setMinimumHeight(TOUCH)
            button.clicked.connect(handler)
            row.addWidget(button)
        self.panel = ExercisePanel(coach, language, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(strip)
        layout.addWidget(self.panel)

    def choose_exercise(self) -> None:
        if self.panel.run is not None:
            self.panel.stop()
        cashier = self._cashier
        picker = ExercisePicker(self._coach, cashier.username, self._language, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None:
            self.panel.start(self._coach.start(cashier, picker.chosen))

    def show_report(self) -> None:
        cashier = self._cashier
        language: Language = "zh" if self._language == "zh" else "en"
        TrainerReportDialog(
            self._coach, language, cashier.display_name, self._clock.now(), self
        ).exec()


def dress_for_training(window: CashierWindow, coach: ExerciseCoach, clock: Clock) -> TrainingBar:
    title = translate("TrainingBar", "[TRAINING] %1").replace("%1", window.windowTitle())
    window.setWindowTitle(title)
    window.setStyleSheet(
        window.styleSheet() + f" QMainWindow#cashierWindow {{ background: {TRAINING_BACKGROUND};"
        f" border: 6px solid {TRAINING_COLOUR}; }}"
    )
    bar = TrainingBar(window.presenter.cashier, coach, clock, window.language, window)
    window.add_banner(bar)
    return bar
