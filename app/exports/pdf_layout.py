"""Geometry and text fitting for PDF exports: page size, column widths, wrapped cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.money import Currency, format_money
from app.exports.model import Cell, Column, ColumnKind, Language, iso

MARGIN = 14 * mm
BODY_SIZE = 8.0
LEADING = BODY_SIZE * 1.3
CELL_PAD = 3.0
MAX_CELL_LINES = 3
PORTRAIT_MAX_COLUMNS = 7
"""More columns than this turn the page to A4 landscape."""

DEFAULT_WIDTHS = {
    ColumnKind.TEXT: 2.0,
    ColumnKind.MONEY: 1.2,
    ColumnKind.INTEGER: 0.8,
    ColumnKind.DATE: 1.1,
    ColumnKind.DATETIME: 1.6,
}

LABELS: dict[str, dict[Language, str]] = {
    "page": {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"},
    "generated": {"zh": "生成时间 {at}  生成人 {by}", "en": "Generated {at} by {by}"},
    "no_rows": {"zh": "（无数据）", "en": "(no rows)"},
}


def page_size(tables_columns: Sequence[int]) -> tuple[float, float]:
    """A4 portrait, or landscape when any table has many columns."""
    width, height = landscape(A4) if max(tables_columns, default=0) > PORTRAIT_MAX_COLUMNS else A4
    return float(width), float(height)


def column_widths(columns: Sequence[Column], total: float) -> list[float]:
    weights = [column.width or DEFAULT_WIDTHS[column.kind] for column in columns]
    scale = total / sum(weights)
    return [weight * scale for weight in weights]


def pdf_cell(kind: ColumnKind, value: Cell, currency: Currency) -> str:
    """What a person reads: money with its symbol (``¥12.50``), dates ISO."""
    if value is None:
        return ""
    if kind is ColumnKind.MONEY and isinstance(value, int):
        return format_money(value, currency)
    if not isinstance(value, str) and not isinstance(value, int):
        return iso(value)
    if isinstance(value, int):
        return f"{value:,}" if kind is ColumnKind.INTEGER else str(value)
    return value


@dataclass(frozen=True)
class Fitter:
    """Breaks cell text into lines that fit a width, in one font and size."""

    font: str
    size: float = BODY_SIZE

    def width(self, text: str) -> float:
        return float(stringWidth(text, self.font, self.size))

    def lines(self, text: str, width: float, max_lines: int = MAX_CELL_LINES) -> list[str]:
        """At most ``max_lines`` lines; text that does not fit ends with an ellipsis.

        Lines break at a space where there is one (Latin text), anywhere in CJK text.
        """
        room = width - 2 * CELL_PAD
        if "\n" not in text and self.width(text) <= room:
            return [text]
        out: list[str] = []
        for paragraph in text.splitlines() or [""]:
            out.extend(self._wrap(paragraph, room))
        if len(out) > max_lines:
            out = out[:max_lines]
            out[-1] = self._ellipsis(out[-1] + "…", room)
        return out

    def _wrap(self, text: str, room: float) -> list[str]:
        lines: list[str] = []
        current = ""
        for char in text:
            if self.width(current + char) <= room or not current:
                current += char
                continue
            head, space, tail = current.rpartition(" ")
            if space and head:
                lines.append(head)
                current = tail + char
            else:
                lines.append(current)
                current = char.lstrip()
        lines.append(current)
        return lines

    def _ellipsis(self, text: str, room: float) -> str:
        while len(text) > 1 and self.width(text) > room:
            text = text[:-2] + "…"
        return text
