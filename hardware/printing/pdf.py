"""Receipts as PDF files (``pdf:///folder``): the same slip, CJK font embedded.

Text is placed on the paper's column grid (CJK two cells), so the PDF lines up exactly
like the printed slip. The font is WenQuanYi Micro Hei, whose TrueType outlines
reportlab can embed (Noto CJK's PostScript outlines it cannot).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from hardware.errors import DeviceOffline, HardwareError
from hardware.printing.charset import DEFAULT_COVERAGE, FontCoverage
from hardware.printing.document import ReceiptDocument
from hardware.printing.fonts import register_cjk_font
from hardware.printing.layout import Align, banner_lines, char_width, display_width, lay_out
from hardware.printing.status import PrinterStatus
from hardware.printing.transports import Delivery

COLUMNS = {58: 32, 80: 48}
PRINTABLE_MM = {58: 48.0, 80: 72.0}
MARGIN_MM = 4.0
QR_MM = 24.0


class PdfPrinter:
    """Writes each slip to ``folder/<reference>.pdf``; never overwrites an earlier file."""

    def __init__(self, folder: str, width_mm: int, font: FontCoverage = DEFAULT_COVERAGE) -> None:
        self._folder, self._width, self._font = Path(folder), width_mm, font

    def describe(self) -> str:
        return f"PDF receipts in {self._folder}"

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        try:
            self._folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = self._free_name(doc.reference or "receipt")
            # A receipt names the member: owner-only from the start (0600).
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            render_pdf(doc, target, self._width, self._font)
        except OSError as exc:
            raise DeviceOffline(f"{self.describe()}: {exc.strerror or exc}") from exc
        return Delivery.CONFIRMED

    def probe(self) -> PrinterStatus | None:
        register_cjk_font()
        existing = next((p for p in (self._folder, *self._folder.parents) if p.exists()), None)
        if existing is None or not os.access(existing, os.W_OK):
            raise DeviceOffline(f"{self.describe()}: the folder cannot be written")
        return None

    def kick_drawer(self) -> Delivery:
        raise HardwareError("a PDF printer has no cash drawer")

    def _free_name(self, reference: str) -> Path:
        stem = re.sub(r"[^\w.-]+", "_", reference)
        candidate, copy = self._folder / f"{stem}.pdf", 1
        while candidate.exists():
            copy += 1
            candidate = self._folder / f"{stem}-{copy}.pdf"
        return candidate


def render_pdf(
    doc: ReceiptDocument,
    target: Path,
    width_mm: int,
    font_coverage: FontCoverage = DEFAULT_COVERAGE,
) -> None:
    font = register_cjk_font()
    columns = COLUMNS[width_mm]
    cell = PRINTABLE_MM[width_mm] * mm / columns
    size = cell * 1.9  # CJK glyphs fill two cells
    leading = size * 1.35
    lines = lay_out(doc, columns, font_coverage)
    banner = len(banner_lines(doc, columns, font_coverage))
    opening_banner, lines = lines[:banner], lines[banner:]
    closing_banner, lines = lines[len(lines) - banner :], lines[: len(lines) - banner]
    qr_height = QR_MM * mm + leading if doc.reference else 0
    logo = _logo(doc.logo, PRINTABLE_MM[width_mm] * mm * 0.7)
    logo_height = logo[2] + leading if logo else 0
    page_width = (PRINTABLE_MM[width_mm] + 2 * MARGIN_MM) * mm
    page_height = (
        2 * MARGIN_MM * mm
        + leading * (len(lines) + 2 * len(closing_banner))
        + qr_height
        + logo_height
    )
    canvas = Canvas(str(target), pagesize=(page_width, page_height))
    canvas.setTitle(doc.reference or doc.title)
    y = page_height - MARGIN_MM * mm - size
    for line in opening_banner:
        _draw_line(canvas, line.text, line.align, True, font, size, cell, columns, y)
        y -= leading
    if logo:
        path, width, height = logo
        canvas.drawImage(path, (page_width - width) / 2, y - height + size, width, height)
        y -= logo_height
    for line in lines:
        _draw_line(canvas, line.text, line.align, line.bold, font, size, cell, columns, y)
        y -= leading
    if doc.reference:
        widget = QrCodeWidget(doc.reference)
        left, bottom, right, top = widget.getBounds()
        scale = QR_MM * mm / max(right - left, top - bottom)
        drawing = Drawing(QR_MM * mm, QR_MM * mm, transform=[scale, 0, 0, scale, 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, (page_width - QR_MM * mm) / 2, y - QR_MM * mm + size)
        y -= qr_height
    for line in closing_banner:
        _draw_line(canvas, line.text, line.align, line.bold, font, size, cell, columns, y)
    canvas.showPage()
    canvas.save()


def _logo(path: str, max_width: float) -> tuple[str, float, float] | None:
    """The logo scaled to fit ``max_width``, or ``None`` (missing files are skipped)."""
    if not path or not Path(path).is_file():
        return None
    try:
        reader = ImageReader(path)
        pixel_width, pixel_height = reader.getSize()
    except OSError:
        return None
    width = min(max_width, pixel_width * 0.25 * mm)
    return path, width, width * pixel_height / pixel_width


def _draw_line(
    canvas: Canvas,
    text: str,
    align: Align,
    bold: bool,
    font: str,
    size: float,
    cell: float,
    columns: int,
    y: float,
) -> None:
    canvas.setFont(font, size)
    column = 0
    if align is Align.CENTER:
        column = max(columns - display_width(text), 0) // 2
    for char in text:
        x = MARGIN_MM * mm + column * cell
        canvas.drawString(x, y, char)
        if bold:
            canvas.drawString(x + 0.25, y, char)  # the font has no bold face: overstrike
        column += char_width(char)
