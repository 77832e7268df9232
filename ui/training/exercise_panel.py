"""An exercise under way: its brief, its steps ticked off as the till sees them done,
the mistakes seen, the time, and the score at the end."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.training.coach import Attempt, ExerciseCoach, Progress, Run
from ui.fit import TOUCH

CHECK_EVERY_MS = 1000
BODY_HEIGHT = 130


class ExercisePanel(QWidget):
    """Checks the trainee's work every second; records the attempt when every step is
    done or the trainee gives up. ``finished(Attempt)`` then."""

    finished = Signal(object)

    def __init__(self, coach: ExerciseCoach, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exercisePanel")
        self.setStyleSheet(
            "QWidget#exercisePanel { background: #fffde7; border: 2px solid #e65100; }"
        )
        self._coach, self._language = coach, language
        self.run: Run | None = None
        self.title = QLabel(objectName="exerciseTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.brief = QLabel(objectName="exerciseBrief")
        self.brief.setWordWrap(True)
        self.steps = QLabel(objectName="exerciseSteps")
        self.steps.setWordWrap(True)
        self.mistakes = QLabel(objectName="exerciseMistakes")
        self.mistakes.setStyleSheet("color: #b71c1c;")
        self.mistakes.setWordWrap(True)
        self.clock = QLabel(objectName="exerciseClock")
        self.result = QLabel(objectName="exerciseResult")
        self.result.setStyleSheet("font-size: 13pt; font-weight: bold; color: #1b5e20;")
        self.result.setWordWrap(True)
        self.give_up = QPushButton(self.tr("Give up"), objectName="giveUpExerciseButton")
        self.give_up.clicked.connect(self.stop)
        close = QPushButton(self.tr("Close"), objectName="closeExerciseButton")
        close.clicked.connect(self.hide)
        for button in (self.give_up, close):
            button.setMinimumSize(TOUCH, TOUCH)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.clock)
        top.addWidget(self.give_up)
        top.addWidget(close)
        layout.addLayout(top)
        # The brief and the steps scroll in a strip of their own: on a 768 px screen the
        # till below keeps its pay buttons in sight.
        body = QWidget(objectName="exerciseBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.brief, self.steps, self.mistakes, self.result):
            body_layout.addWidget(label)
        body_layout.addStretch(1)
        scroll = QScrollArea(objectName="exerciseScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setMaximumHeight(BODY_HEIGHT)
        layout.addWidget(scroll)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self.hide()

    def start(self, run: Run) -> None:
        self.run = run
        exercise = run.exercise
        self.title.setText(exercise.title(self._language))
        self.brief.setText(exercise.brief(self._language))
        self.result.clear()
        self.result.hide()
        self.give_up.setEnabled(True)
        self.show()
        self.check()
        self._timer.start()

    def check(self) -> None:
        if self.run is None:
            return
        progress = self._coach.check(self.run)
        self._show(progress)
        if progress.completed:
            self.stop()

    def stop(self) -> None:
        """Record the attempt (finished or not) and show its score."""
        run, self.run = self.run, None
        self._timer.stop()
        if run is None:
            return
        attempt = self._coach.finish(run)
        self.give_up.setEnabled(False)
        self.result.setText(self._result_text(attempt))
        self.result.show()
        self.finished.emit(attempt)

    def _show(self, progress: Progress) -> None:
        assert self.run is not None
        lines = [
            f"{'☑' if done else '☐'} {step.text(self._language)}"
            for step, done in zip(self.run.exercise.steps, progress.steps_done, strict=True)
        ]
        self.steps.setText("\n".join(lines))
        mistakes = [text(self._language) for text in progress.mistakes]
        self.mistakes.setText(
            self.tr("Mistakes: %1").replace("%1", "; ".join(mistakes)) if mistakes else ""
        )
        self.mistakes.setVisible(bool(mistakes))
        self.clock.setText(self.tr("%1 s").replace("%1", str(progress.seconds)))

    def _result_text(self, attempt: Attempt) -> str:
        if not attempt.completed:
            return self.tr("Not finished: score 0. Try again when you are ready.")
        text = (
            self.tr("Passed: score %1 in %2 s.")
            if attempt.passed
            else self.tr("Done, but not passed yet: score %1 in %2 s.")
        )
        return text.replace("%1", str(attempt.score)).replace("%2", str(attempt.seconds))
