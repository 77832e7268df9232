"""The top and bottom of a receipt as the printer prints them, for the profile's preview.

The lines come from the receipt's own layout (``hardware.printing.layout.lay_out``) at
the paper's columns (58 mm: 32, 80 mm: 48; a CJK character takes two), so what the
screen shows is what the paper gets.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.receipt_text import Language, text
from app.receipts import header_lines
from app.restaurant_profile.profile import RestaurantProfile
from hardware.printing.document import ReceiptDocument
from hardware.printing.escpos_render import columns_for
from hardware.printing.layout import Align, PrintLine, display_width, lay_out
from hardware.urls import DEFAULT_PROFILES

PAPER_WIDTHS = (58, 80)


@dataclass(frozen=True)
class PreviewLine:
    text: str
    """Placed as on paper: a centred line starts with the spaces the printer leaves."""
    bold: bool = False
    large: bool = False


@dataclass(frozen=True)
class ReceiptPreview:
    columns: int
    head: tuple[PreviewLine, ...]
    """The restaurant's name, header and tax line: every receipt starts with these."""
    foot: tuple[PreviewLine, ...]
    """The footer lines (the till's thanks when the footer is empty)."""


def receipt_preview(
    profile: RestaurantProfile, width_mm: int, language: Language
) -> ReceiptPreview:
    settings = profile.settings()
    columns = paper_columns(width_mm)
    doc = ReceiptDocument(
        title=profile.name.strip(),
        header=header_lines(settings),
        footer=(settings["receipt_footer"] or text("thanks", language),),
    )
    lines = lay_out(doc, columns)
    rules = [i for i, line in enumerate(lines) if line.text == "-" * columns]
    head, foot = lines[: rules[0]], lines[rules[-1] + 1 :]
    return ReceiptPreview(
        columns,
        tuple(_placed(line, columns) for line in head),
        tuple(_placed(line, columns) for line in foot),
    )


def paper_columns(width_mm: int) -> int:
    return columns_for(DEFAULT_PROFILES[width_mm])


def _placed(line: PrintLine, columns: int) -> PreviewLine:
    room = columns - display_width(line.text)
    indent = room // 2 if line.align is Align.CENTER and room > 0 else 0
    return PreviewLine(" " * indent + line.text, line.bold, line.large)
