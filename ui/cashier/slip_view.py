"""A receipt preview drawn on the paper's column grid, CJK two cells wide, like the printer."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from app.devices import char_width

PAPER = QColor("#fffdf5")
INK = QColor("#202020")


def receipt_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(10)
    return font


class _Paper(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.setFont(receipt_font())
        metrics = QFontMetricsF(self.font())
        self._cell = metrics.horizontalAdvance("M")
        self._line = metrics.lineSpacing()
        self._ascent = metrics.ascent()

    def set_lines(self, lines: list[str]) -> None:
        self.lines = lines
        columns = max((sum(char_width(c) for c in line) for line in lines), default=32)
        self.setFixedSize(self._size(columns, len(lines)))
        self.update()

    def _size(self, columns: int, rows: int) -> QSize:
        return QSize(int(self._cell * (columns + 2)), int(self._line * (rows + 1)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        painter.setPen(INK)
        for row, line in enumerate(self.lines):
            column = 1
            baseline = self._line * (row + 0.5) + self._ascent
            for char in line:
                painter.drawText(QPointF(self._cell * column, baseline), char)
                column += char_width(char)
        painter.end()


class SlipView(QScrollArea):
    """Shows the last slip; ``toPlainText()`` returns its text for tests and automation."""

    def __init__(self) -> None:
        super().__init__(objectName="receiptPreview")
        self._paper = _Paper()
        self.setWidget(self._paper)
        self.setMinimumWidth(200)  # narrower than the slip on a small screen: it scrolls

    def set_text(self, text: str) -> None:
        self._paper.set_lines(text.splitlines())

    def toPlainText(self) -> str:
        return "\n".join(self._paper.lines)
