"""The receipt's head and foot drawn on the paper's column grid, as the printer prints them."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.devices import char_width
from app.restaurant_profile.preview import PreviewLine, ReceiptPreview
from ui.cashier.slip_view import INK, PAPER, receipt_font

GAP = QColor("#9a9a9a")
CJK_MONO = "WenQuanYi Micro Hei Mono"


class PaperPreview(QWidget):
    """One paper width: every character in its cells (CJK two), a large line twice as tall.

    ``lines()`` gives the text shown, for tests.
    """

    def __init__(self, columns: int, object_name: str) -> None:
        super().__init__(objectName=object_name)
        self.columns = columns
        self._preview = ReceiptPreview(columns, (), ())
        font = receipt_font()
        if CJK_MONO in QFontDatabase.families():  # its Han glyphs are two cells wide
            font = QFont(CJK_MONO)
        font.setPointSize(10)
        self.setFont(font)
        metrics = QFontMetricsF(font)
        self._cell = metrics.horizontalAdvance("M")
        self._line = metrics.lineSpacing()
        self._ascent = metrics.ascent()

    def set_preview(self, preview: ReceiptPreview) -> None:
        self._preview = preview
        self.setFixedSize(self.sizeHint())
        self.update()

    def lines(self) -> list[str]:
        return [line.text for line in self._rows() if line is not None]

    def _rows(self) -> list[PreviewLine | None]:
        """Head, a gap (``None``) where the order goes, foot."""
        return [*self._preview.head, None, *self._preview.foot]

    def sizeHint(self) -> QSize:
        rows = sum(2 if line is not None and line.large else 1 for line in self._rows())
        return QSize(int(self._cell * (self.columns + 2)), int(self._line * (rows + 1)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        top = self._line * 0.5
        for line in self._rows():
            if line is None:
                painter.setPen(GAP)
                painter.setFont(self.font())
                rule = "·" * self.columns
                painter.drawText(QPointF(self._cell, top + self._ascent), rule)
                top += self._line
                continue
            painter.setPen(INK)
            font = QFont(self.font())
            font.setBold(line.bold)
            painter.setFont(font)
            height = 2 if line.large else 1
            self._draw(painter, line.text, top, height)
            top += self._line * height
        painter.end()

    def _draw(self, painter: QPainter, text: str, top: float, height: int) -> None:
        painter.save()
        painter.translate(0, top)
        painter.scale(1, height)  # double height, as the printer's large text
        metrics = QFontMetricsF(painter.font())
        column = 1
        for char in text:
            cells = char_width(char)
            advance = metrics.horizontalAdvance(char)
            painter.save()
            painter.translate(self._cell * column, 0)
            if advance > 0 and cells:  # a glyph fills its cells, as the printer's font does
                painter.scale(self._cell * cells / advance, 1)
            painter.drawText(QPointF(0, self._ascent), char)
            painter.restore()
            column += cells
        painter.restore()
