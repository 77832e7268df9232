"""PDF exports drawn row by row on a reportlab canvas, so huge tables stream.

Each row is drawn as it is read and then forgotten: only the finished pages (compressed
content streams) stay in memory until the file is saved. "Page x of y" needs the page
count on every page before it is known: each page draws its own number and then a
form XObject, "pages", that is defined once after the last page with the total. The
CJK font is embedded (``hardware.printing.fonts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.exports.files import Ticker, replaced_atomically
from app.exports.model import Document, Progress, Table, as_document, iso
from app.exports.pdf_layout import (
    BODY_SIZE,
    CELL_PAD,
    LABELS,
    LEADING,
    MARGIN,
    Fitter,
    column_widths,
    page_size,
    pdf_cell,
)
from hardware.printing.fonts import register_cjk_font

TITLE_SIZE, HEADING_SIZE, SMALL_SIZE = 13.0, 10.5, 7.5
HEADER_FILL, STRIPE_FILL, RULE_GREY = 0.86, 0.955, 0.55
PAGES_FORM = "pages"


def write_pdf(content: Table | Document, path: Path | str, progress: Progress | None = None) -> int:
    """Write ``content`` as a paginated PDF at ``path``; return the data rows written.

    Several tables follow one another, each under its title; a table that runs over a
    page repeats its header row. Raises ``ExportCancelled`` when ``progress`` returns
    ``False`` and ``HardwareError`` when the CJK font is missing; neither leaves a file.
    """
    document = as_document(content)
    ticker = Ticker(progress)
    with replaced_atomically(Path(path)) as temporary:
        renderer = _Renderer(document, temporary, register_cjk_font())
        for table in document.tables:
            renderer.draw_table(table, ticker)
        renderer.finish()
        ticker.report()
    return ticker.done


class _Renderer:
    def __init__(self, document: Document, target: Path, font: str) -> None:
        self.doc, self.font = document, font
        self.width, self.height = page_size([len(t.columns) for t in document.tables])
        self.canvas = Canvas(str(target), pagesize=(self.width, self.height), pageCompression=1)
        self.canvas.setTitle(document.title)
        self.canvas.setAuthor(document.generated_by)
        self.canvas.setCreator("membership till")
        self.fitter = Fitter(font)
        self.bottom = MARGIN + SMALL_SIZE * 2.5
        self.pages = 0
        self.y = 0.0
        self._start_page()

    # pages --------------------------------------------------------------------

    def _start_page(self) -> None:
        self.pages += 1
        c, top = self.canvas, self.height - MARGIN
        c.setFillGray(0)
        c.setFont(self.font, TITLE_SIZE)
        c.drawString(MARGIN, top - TITLE_SIZE, self.doc.title)
        y = top - TITLE_SIZE - 4
        c.setFont(self.font, SMALL_SIZE + 1)
        small = Fitter(self.font, SMALL_SIZE + 1)
        for line in small.lines(self.doc.subtitle, self.width - 2 * MARGIN, 2):
            if line:
                y -= SMALL_SIZE + 3
                c.drawString(MARGIN, y, line)
        if self.doc.generated_at is not None:
            y -= SMALL_SIZE + 3
            label = LABELS["generated"][self.doc.language]
            at = iso(self.doc.generated_at)[:16]
            c.drawString(MARGIN, y, label.format(at=at, by=self.doc.generated_by or "-"))
        self.y = y - 8
        self._draw_page_number()

    def _draw_page_number(self) -> None:
        c = self.canvas
        prefix = LABELS["page"][self.doc.language].split("{pages}")[0]
        text = prefix.format(page=self.pages)
        c.setFont(self.font, SMALL_SIZE)
        c.setFillGray(0.25)
        x = self.width / 2 - Fitter(self.font, SMALL_SIZE).width(text + "000")
        c.drawString(x, MARGIN, text)
        c.saveState()
        c.translate(x + Fitter(self.font, SMALL_SIZE).width(text), MARGIN)
        c.doForm(PAGES_FORM)
        c.restoreState()
        c.setFillGray(0)

    def _new_page(self) -> None:
        self.canvas.showPage()
        self._start_page()

    def finish(self) -> None:
        self.canvas.showPage()
        suffix = LABELS["page"][self.doc.language].split("{pages}")[1]
        c = self.canvas
        c.beginForm(PAGES_FORM)
        c.setFont(self.font, SMALL_SIZE)
        c.setFillGray(0.25)
        c.drawString(0, 0, f"{self.pages}{suffix}")
        c.endForm()
        c.save()

    # tables -------------------------------------------------------------------

    def draw_table(self, table: Table, ticker: Ticker) -> None:
        usable = self.width - 2 * MARGIN
        widths = column_widths(table.columns, usable)
        header = [
            self.fitter.lines(column.title, width, 2)
            for column, width in zip(table.columns, widths, strict=True)
        ]
        header_height = max(len(lines) for lines in header) * LEADING + 2 * CELL_PAD
        titled = len(self.doc.tables) > 1 or table.title != self.doc.title
        needed = header_height + LEADING * 2 + (HEADING_SIZE + 8 if titled else 0)
        if self.y - needed < self.bottom:
            self._new_page()
        if titled:
            self._draw_heading(table)
        right = [column.kind.numeric for column in table.columns]
        self._draw_header(header, widths, header_height, right)
        striped, drawn = False, 0
        for row in table.rows:
            if len(row) != len(table.columns):
                raise ValueError(f"a row has {len(row)} cells for {len(table.columns)} columns")
            cells = [
                self.fitter.lines(pdf_cell(col.kind, value, table.currency), width)
                for col, value, width in zip(table.columns, row, widths, strict=True)
            ]
            height = max(len(lines) for lines in cells) * LEADING + 2 * CELL_PAD
            if self.y - height < self.bottom:
                self._new_page()
                self._draw_header(header, widths, header_height, right)
                striped = False
            self._draw_row(cells, widths, height, right, striped)
            striped, drawn = not striped, drawn + 1
            ticker.tick()
        if not drawn:
            self._draw_cells([[LABELS["no_rows"][self.doc.language]]], [sum(widths)], [False])
            self.y -= LEADING + 2 * CELL_PAD
        self.y -= LEADING * 1.5

    def _draw_heading(self, table: Table) -> None:
        c = self.canvas
        c.setFont(self.font, HEADING_SIZE)
        self.y -= HEADING_SIZE + 2
        c.drawString(MARGIN, self.y, table.title)
        if table.subtitle and table.subtitle != self.doc.subtitle:
            c.setFont(self.font, SMALL_SIZE + 1)
            self.y -= SMALL_SIZE + 4
            c.drawString(MARGIN, self.y, table.subtitle)
        self.y -= 5

    def _draw_header(
        self, header: list[list[str]], widths: list[float], height: float, right: Sequence[bool]
    ) -> None:
        c = self.canvas
        c.setFillGray(HEADER_FILL)
        c.rect(MARGIN, self.y - height, sum(widths), height, stroke=0, fill=1)
        c.setFillGray(0)
        c.setStrokeGray(0)  # the bold glyphs are stroked too
        self._draw_cells(header, widths, right, bold=True)
        self.y -= height
        c.setStrokeGray(RULE_GREY)
        c.setLineWidth(0.6)
        c.line(MARGIN, self.y, MARGIN + sum(widths), self.y)

    def _draw_row(
        self,
        cells: list[list[str]],
        widths: list[float],
        height: float,
        right: Sequence[bool],
        striped: bool,
    ) -> None:
        if striped:
            self.canvas.setFillGray(STRIPE_FILL)
            self.canvas.rect(MARGIN, self.y - height, sum(widths), height, stroke=0, fill=1)
            self.canvas.setFillGray(0)
        self._draw_cells(cells, widths, right)
        self.y -= height

    def _draw_cells(
        self, cells: list[list[str]], widths: list[float], right: Sequence[bool], bold: bool = False
    ) -> None:
        c = self.canvas
        c.setFont(self.font, BODY_SIZE)
        c.setLineWidth(0.3)
        x = MARGIN
        for lines, width, align_right in zip(cells, widths, right, strict=True):
            baseline = self.y - CELL_PAD - BODY_SIZE * 0.9
            for line in lines:
                left = x + CELL_PAD
                if align_right:
                    left = x + width - CELL_PAD - self.fitter.width(line)
                # The font has no bold face: fill and stroke the glyphs (render mode 2).
                c.drawString(left, baseline, line, mode=2 if bold else None)
                baseline -= LEADING
            x += width
