"""Choose an exercise: each with the trainee's best score so far (their progress)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.training.coach import ExerciseCoach
from app.training.report import summaries


class ExercisePicker(QDialog):
    def __init__(
        self, coach: ExerciseCoach, username: str, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exercisePicker")
        self.setWindowTitle(self.tr("Training exercises"))
        self.resize(620, 480)
        self.chosen: str | None = None
        mine = [s for s in summaries(coach.attempts()) if s.username == username]
        best = mine[0].best_scores if mine else {}
        passed = set(mine[0].passed) if mine else set()
        self.list = QListWidget(objectName="exerciseList")
        for exercise in coach.exercises:
            mark = "✔" if exercise.exercise_id in passed else "·"
            score = best.get(exercise.exercise_id)
            suffix = self.tr("best %1").replace("%1", str(score)) if score is not None else ""
            item = QListWidgetItem(f"{mark} {exercise.title(language)}    {suffix}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, exercise.exercise_id)
            item.setSizeHint(QSize(0, 48))  # a row a finger can pick
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.start())
        progress = self.tr("Passed %1 of %2 exercises.")
        summary = progress.replace("%1", str(len(passed))).replace("%2", str(len(coach.exercises)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        start = buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setObjectName("startExerciseButton")
        for button in buttons.buttons():
            button.setMinimumSize(88, 48)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary, objectName="exerciseProgress"))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def choose(self, exercise_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == exercise_id:
                self.list.setCurrentRow(row)

    def start(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
