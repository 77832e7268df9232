"""Lay a receipt out in fixed columns, counting CJK characters as two columns wide."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

from hardware.printing.document import ReceiptDocument


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


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


NO_LINE_START = set("。，、；：？！）」』】》〉.,;:?!)%")
"""Punctuation that Chinese (and Latin) typesetting never puts at the start of a line."""


def wrap(text: str, columns: int) -> list[str]:
    """Break ``text`` into lines of at most ``columns`` display columns.

    A closing punctuation mark never starts a line: the character before it moves
    down with it.
    """
    lines: list[str] = []
    current, used = "", 0
    for char in text:
        width = char_width(char)
        if used + width > columns:
            carried = ""
            if char in NO_LINE_START and len(current) > 1:
                current, carried = current[:-1], current[-1]
            lines.append(current.rstrip())
            current, used = carried, display_width(carried)
            if char == " " and not carried:
                continue
        current += char
        used += width
    if current or not lines:
        lines.append(current.rstrip())
    return lines


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """``left`` and ``right`` on one line, right-aligned; wrap ``left`` when too long."""
    right_width = display_width(right)
    room = columns - right_width - 1
    if room < 4:
        return [*wrap(left, columns), " " * (columns - right_width) + right]
    lefts = wrap(left, room)
    last = lefts[-1]
    gap = columns - display_width(last) - right_width
    return [*lefts[:-1], last + " " * gap + right]


def lay_out(doc: ReceiptDocument, columns: int) -> list[PrintLine]:
    """The receipt as physical lines for paper ``columns`` wide."""
    rule = PrintLine("-" * columns)
    out: list[PrintLine] = []
    if doc.banner:
        out.append(PrintLine(doc.banner, Align.CENTER, bold=True))
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
        out.append(PrintLine(doc.reference, Align.CENTER))
    if doc.banner:
        out.append(PrintLine(doc.banner, Align.CENTER, bold=True))
    return out
