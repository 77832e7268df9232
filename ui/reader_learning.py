"""Settings' "Learn my reader": the cashier reads a card twice, the till works out the rest."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.card_readers.learning import (
    READS_NEEDED,
    Keystroke,
    LearnedReader,
    LearningProblem,
    learn,
)
from app.domain.card_formats import ReadFormat
from ui.widgets import Standard, confirm_buttons, error_label

QUIET_MS = 400  # a read is over when the reader has typed nothing for this long
_KEY_CHARS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
_KEY_NAMES = {"\r": "Enter", "\n": "LF", "\t": "Tab", " ": "Space"}


def key_names(text: str) -> str:
    """Keys as a person reads them: ``Enter``, ``Tab``, ``0x02``, or the character."""
    return " ".join(_KEY_NAMES.get(c, c if c.isprintable() else f"0x{ord(c):02X}") for c in text)


class ReaderLearningDialog(QDialog):
    """Hears every key while open (before the till's own reader filter does) and learns
    the keyboard reader from two reads. ``learned`` is set once they agree.

    Signals:
        read_heard(int): a read ended; how many have been heard.
    """

    read_heard = Signal(int)

    def __init__(
        self,
        fmt: ReadFormat,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readerLearningDialog")
        self.setWindowTitle(self.tr("Learn my reader"))
        self.setMinimumWidth(440)
        self._fmt, self._clock = fmt, clock
        self._reads: list[list[Keystroke]] = []
        self._keys: list[Keystroke] = []
        self.learned: LearnedReader | None = None
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._end_read)
        intro = QLabel(
            self.tr("Read the same card twice with the reader, a moment apart."),
            objectName="learnIntro",
        )
        intro.setWordWrap(True)
        self.status = QLabel(objectName="learnStatus")
        self.outcome = QLabel(objectName="learnResult")
        self.outcome.setWordWrap(True)
        self.error = error_label("learnError")
        again = QPushButton(self.tr("Start again"), objectName="learnAgainButton")
        again.clicked.connect(self.start_again)
        self.buttons = confirm_buttons(self, "useLearnedButton", self._use, self.tr("Use these"))
        layout = QVBoxLayout(self)
        for widget in (intro, self.status, self.outcome, self.error, again, self.buttons):
            layout.addWidget(widget)
        self.start_again()
        app = QCoreApplication.instance()
        assert app is not None
        self._app = app
        app.installEventFilter(self)  # last installed, first asked: before the wedge filter

    def start_again(self) -> None:
        self._reads, self._keys, self.learned = [], [], None
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is not QApplication.focusWidget() or not self.isActiveWindow():
            return False  # each press once, and only while this dialog has the keys
        char = _KEY_CHARS.get(Qt.Key(event.key()), event.text())
        if len(char) != 1 or event.isAutoRepeat():
            return False  # Shift (held for capitals), Esc, arrows: not the reader's text
        if len(self._reads) < READS_NEEDED:
            self._keys.append(Keystroke(char, self._clock()))
            self._quiet.start(QUIET_MS)
        return True

    def _end_read(self) -> None:
        if self._keys:
            self._reads.append(self._keys)
            self._keys = []
        if len(self._reads) == READS_NEEDED:
            outcome = learn(self._reads, self._fmt)
            if isinstance(outcome, LearningProblem):
                self._reads = []
                self.error.setText(self._problem_text(outcome))
            else:
                self.learned = outcome
        self._show()
        self.read_heard.emit(len(self._reads))

    def _show(self) -> None:
        self.status.setText(
            self.tr("Reads heard: %1 of %2")
            .replace("%1", str(len(self._reads)))
            .replace("%2", str(READS_NEEDED))
        )
        use = self.buttons.button(Standard.Ok)
        use.setEnabled(self.learned is not None)
        if self.learned is None:
            self.outcome.clear()
            return
        self.error.clear()
        none = self.tr("none")
        self.outcome.setText(
            self.tr("Before each card: %1 · after it: %2 · keys at most %3 ms apart")
            .replace("%1", key_names(self.learned.prefix) or none)
            .replace("%2", key_names(self.learned.suffix))
            .replace("%3", str(self.learned.gap_ms))
        )

    def _problem_text(self, problem: LearningProblem) -> str:
        return {
            LearningProblem.NO_CARD: self.tr("No card number was in that read: try again."),
            LearningProblem.NO_END_KEY: self.tr(
                "The reader ends a read with no Enter or Tab: set it to send Enter."
            ),
            LearningProblem.PREFIX_LOOKS_LIKE_SWIPE: self.tr(
                "The reader types % or ; before each card, which starts a card swipe:"
                " set it to add nothing before the card."
            ),
            LearningProblem.READS_DISAGREE: self.tr(
                "The two reads differed around the card: read the same card twice again."
            ),
        }[problem]

    def _use(self) -> None:
        if self.learned is not None:
            self.accept()

    def done(self, result: int) -> None:
        self._app.removeEventFilter(self)
        self._quiet.stop()
        super().done(result)
