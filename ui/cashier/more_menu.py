"""The "More" button of the till's top bar: the secondary actions (refund, no sale, print
jobs, settings, …) in a pop-up list of big buttons, so they never widen the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

TOUCH_HEIGHT = 48


class MoreMenu(QPushButton):
    """A button that pops up a column of action buttons under itself.

    Each action is a real ``QPushButton`` with its own objectName (the key map and the
    tests find it by name); a tap closes the pop-up, then runs the action.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("moreButton")
        self.setMinimumHeight(TOUCH_HEIGHT)
        self.popup = QFrame(self, objectName="moreMenu")
        self.popup.setWindowFlags(Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self._column = QVBoxLayout(self.popup)
        self._column.setContentsMargins(6, 6, 6, 6)
        self.clicked.connect(self.open)

    def add(self, name: str, text: str, handler: Callable[[], object]) -> QPushButton:
        button: QPushButton = QPushButton(text, self.popup, objectName=name)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setStyleSheet("text-align: left; padding: 0 16px;")

        def run() -> None:
            self.popup.hide()
            handler()

        button.clicked.connect(run)
        self._column.addWidget(button)
        return button

    def open(self) -> None:
        """Show the actions under the button, kept on the window's screen."""
        self.popup.adjustSize()
        size = self.popup.sizeHint()
        below = self.mapToGlobal(QPoint(self.width() - size.width(), self.height()))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() - size.width()))
        y = max(screen.top(), min(below.y(), screen.bottom() - size.height()))
        self.popup.move(x, y)
        self.popup.show()
