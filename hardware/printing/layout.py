"""Lay a receipt out in fixed columns, as wide as the printer prints each character.

Widths and the characters the font has come from ``hardware.printing.charset``; lines
break where Unicode's line-breaking rules allow (UAX #14, through ``uniseg``): between
English words, between Chinese characters, never before closing punctuation such as
``，`` or ``）``. Only a word wider than the paper is cut, at a character.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from hardware.printing.charset import (
    DEFAULT_COVERAGE,
    FontCoverage,
    char_width,
    display_width,
    printable,
)
from hardware.printing.document import ReceiptDocument, ReceiptItem, ReceiptTotal

__all__ = [
    "Align",
    "PrintLine",
    "char_width",
    "display_width",
    "lay_out",
    "two_columns",
    "wrap",
]


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"


@dataclass(frozen=True)
class PrintLine:
    """One physical line: ``text`` is already padded to the paper's columns."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    large: bool = False


def wrap(text: str, columns: int) -> list[str]:
    """Break ``text`` into lines of at most ``columns`` printed columns.

    A line feed in ``text`` starts a new line. Spaces where a line breaks are dropped;
    nothing else is.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, columns))
    return lines


def _wrap_paragraph(text: str, columns: int) -> list[str]:
    if display_width(text.rstrip()) <= columns:
        return [text.rstrip()]  # most lines: no need to look for breaks
    from uniseg.linebreak import line_break_units  # 40 ms: on the first slip, not at start

    lines: list[str] = []
    current = ""
    for unit in line_break_units(text):
        if display_width((current + unit).rstrip()) <= columns:
            current += unit
            continue
        if current.strip():
            lines.append(current.rstrip())
        while display_width(unit.rstrip()) > columns:  # a word wider than the paper
            head, unit = _cut(unit, columns)
            lines.append(head)
        current = unit
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _cut(word: str, columns: int) -> tuple[str, str]:
    """The longest head of ``word`` that fits (at least one character), and the rest."""
    from uniseg.graphemecluster import grapheme_clusters

    head, used = "", 0
    for cluster in grapheme_clusters(word):
        width = display_width(cluster)
        if head and used + width > columns:
            break
        head += cluster
        used += width
    return head, word[len(head) :]


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """``left`` and ``right`` on one line, ``right`` ending at the paper's edge.

    A long ``left`` wraps within the room ``right`` leaves, and ``right`` stands on its
    last line; a ``right`` too wide to share a line goes below, right-aligned.
    """
    right_width = display_width(right)
    room = columns - right_width - 1
    if right_width > columns or room < min(display_width(left), 4):
        rights = wrap(right, columns)
        return [
            *(line for line in wrap(left, columns) if line),
            *(" " * (columns - display_width(line)) + line for line in rights),
        ]
    lefts = wrap(left, room)
    last = lefts[-1]
    gap = columns - display_width(last) - right_width
    return [*lefts[:-1], last + " " * gap + right]


def lay_out(
    doc: ReceiptDocument, columns: int, font: FontCoverage = DEFAULT_COVERAGE
) -> list[PrintLine]:
    """The receipt as physical lines for paper ``columns`` wide and the printer's ``font``."""
    doc = printable_document(doc, font)
    rule = PrintLine("-" * columns)
    out: list[PrintLine] = banner_lines(doc, columns, font)
    # Wrapped here, as the footer is: the printer would break a long line anywhere,
    # through a CJK character, and the set-up's preview shows these very lines.
    out.extend(PrintLine(t, Align.CENTER, bold=True, large=True) for t in wrap(doc.title, columns))
    out.extend(PrintLine(t, Align.CENTER) for line in doc.header for t in wrap(line, columns))
    out.append(rule)
    for label, value in doc.facts:
        out.extend(PrintLine(t) for t in two_columns(label, value, columns))
    out.append(rule)
    for item in doc.items:
        out.extend(PrintLine(t) for t in two_columns(item.name, item.amount, columns))
        if item.detail:
            out.extend(PrintLine("  " + t) for t in wrap(item.detail, columns - 2))
        if item.note:
            out.extend(PrintLine("! " + t, bold=True) for t in wrap(item.note, columns - 2))
    out.append(rule)
    for total in doc.totals:
        out.extend(
            PrintLine(t, bold=total.emphasised)
            for t in two_columns(total.label, total.amount, columns)
        )
    for label, value in doc.payments:
        out.extend(PrintLine(t) for t in two_columns(label, value, columns))
    if doc.member:
        out.append(rule)
        for label, value in doc.member:
            out.extend(PrintLine(t) for t in two_columns(label, value, columns))
    for line in doc.extra:
        out.extend(PrintLine(t) for t in wrap(line, columns))
    if doc.footer:
        out.append(rule)
        for line in doc.footer:
            out.extend(PrintLine(t, Align.CENTER) for t in wrap(line, columns))
    if doc.reference:
        out.extend(PrintLine(t, Align.CENTER) for t in wrap(doc.reference, columns))
    return out + banner_lines(doc, columns, font)


def banner_lines(
    doc: ReceiptDocument, columns: int, font: FontCoverage = DEFAULT_COVERAGE
) -> list[PrintLine]:
    """The banner (a TRAINING or DUPLICATE mark) as printed at the top and at the bottom."""
    if not doc.banner:
        return []
    banner = printable(doc.banner, font)
    return [PrintLine(t, Align.CENTER, bold=True) for t in wrap(banner, columns)]


def printable_document(doc: ReceiptDocument, font: FontCoverage) -> ReceiptDocument:
    """Every text of ``doc`` in characters ``font`` has (``charset.printable``)."""

    def fit(text: str) -> str:
        return printable(text, font)

    def pairs(rows: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return tuple((fit(a), fit(b)) for a, b in rows)

    return replace(
        doc,
        title=fit(doc.title),
        header=tuple(fit(t) for t in doc.header),
        facts=pairs(doc.facts),
        items=tuple(
            ReceiptItem(fit(i.name), fit(i.amount), fit(i.detail), fit(i.note)) for i in doc.items
        ),
        totals=tuple(ReceiptTotal(fit(t.label), fit(t.amount), t.emphasised) for t in doc.totals),
        payments=pairs(doc.payments),
        member=pairs(doc.member),
        footer=tuple(fit(t) for t in doc.footer),
        banner=fit(doc.banner),
        reference=fit(doc.reference),
        extra=tuple(fit(t) for t in doc.extra),
    )
