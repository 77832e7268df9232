"""Receipts drawn from their ESC/POS bytes, as the paper shows them.

The bytes are decoded (``hardware.printing.escpos_decode``) and every character is drawn
on the printer's dot grid: 12 dots a column (384 dots for 32 columns on 58 mm paper, 576
for 48 on 80 mm), a character sent in Chinese mode two columns wide, images (the QR
code) dot for dot. Faint lines mark the paper's printable edges, so a line that would
run over shows.

    python -m tests.slip_png OUTDIR     # every case of tests/receipt_cases, 58 and 80 mm
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from hardware.printing.escpos_decode import LineStyle, Raster, decode_escpos
from hardware.printing.escpos_render import render_escpos
from hardware.printing.font_files import FONT_PATHS
from hardware.urls import DEFAULT_PROFILES

DOT_PER_COLUMN = 12
LINE = 30
MARGIN = 16
PAPER = (255, 253, 245)
INK = (32, 32, 32)
EDGE = (210, 200, 180)


def draw_slip(data: bytes, columns: int, target: Path) -> Image.Image:
    """Draw the slip ``data`` prints on paper ``columns`` wide into ``target`` (PNG)."""
    slip = decode_escpos(data, strict=True)
    last_raster = max((r.before_line for r in slip.rasters), default=0)
    rows = len(slip.lines)
    while rows > last_raster and not slip.lines[rows - 1].strip():  # the feed before the cut
        rows -= 1
    width = columns * DOT_PER_COLUMN
    height = sum(_height(slip.styles[row]) for row in range(rows))
    height += sum(r.height + 8 for r in slip.rasters)
    image = Image.new("RGB", (width + 2 * MARGIN, height + 2 * MARGIN), PAPER)
    draw = ImageDraw.Draw(image)
    for x in (MARGIN - 1, MARGIN + width):
        draw.line([(x, 0), (x, image.height)], fill=EDGE)
    font = ImageFont.truetype(_font_path(), 22, index=0)
    y = MARGIN
    for row in range(rows + 1):
        for raster in (r for r in slip.rasters if r.before_line == row):
            y = _draw_raster(image, raster, y, width)
        if row < rows:
            style = slip.styles[row]
            strip = _line_image(font, slip.lines[row], slip.cells[row], style, width)
            image.paste(strip, (0, y))
            y += strip.height
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(target, optimize=True)
    return image


def _height(style: LineStyle) -> int:
    return 2 * LINE if style.tall else LINE


def _line_image(
    font: ImageFont.FreeTypeFont, text: str, cells: list[int], style: LineStyle, width: int
) -> Image.Image:
    strip = Image.new("RGB", (width + 2 * MARGIN, LINE), PAPER)
    draw = ImageDraw.Draw(strip)
    for edge in (MARGIN - 1, MARGIN + width):
        draw.line([(edge, 0), (edge, LINE)], fill=EDGE)
    x = MARGIN + ((width - sum(cells) * DOT_PER_COLUMN) // 2 if style.centred else 0)
    for char, span in zip(text, cells, strict=True):
        left = x + (span * DOT_PER_COLUMN - draw.textlength(char, font=font)) / 2
        for dx in (0, 1) if style.bold else (0,):
            draw.text((left + dx, 3), char, fill=INK, font=font)
        x += span * DOT_PER_COLUMN
    return strip.resize((strip.width, 2 * LINE)) if style.tall else strip


def _draw_raster(image: Image.Image, raster: Raster, y: int, width: int) -> int:
    dots = raster.width_bytes * 8
    left = MARGIN + max(width - dots, 0) // 2
    pixels = image.load()
    assert pixels is not None
    for row in range(raster.height):
        for column in range(dots):
            byte = raster.bits[row * raster.width_bytes + column // 8]
            if byte & (0x80 >> (column % 8)) and left + column < image.width:
                pixels[left + column, y + row] = INK
    return y + raster.height + 8


def _font_path() -> str:
    return next(path for path in FONT_PATHS if Path(path).exists())


def columns_of(width_mm: int) -> int:
    return {58: 32, 80: 48}[width_mm]


def draw_case(case: str, language: str, width_mm: int, folder: Path) -> Path:
    from tests.receipt_cases import document

    data = render_escpos(document(case, language), DEFAULT_PROFILES[width_mm])  # type: ignore[arg-type]
    target = folder / f"{case}-{language}-{width_mm}mm.png"
    draw_slip(data, columns_of(width_mm), target)
    return target


def main(argv: list[str]) -> int:
    from tests.receipt_cases import CASES, LANGUAGES

    folder = Path(argv[0] if argv else ".")
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        for language in LANGUAGES:
            for width_mm in (58, 80):
                print(draw_case(case, language, width_mm, folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
