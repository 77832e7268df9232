"""How large a PDF export may be. A report of hundreds of thousands of rows would take
minutes and gigabytes as a PDF (624,865 tenure rows: 172 s and about 1 GB), so it is
refused before the first row is read, and the refusal offers CSV, which streams. (Kept
out of ``app.exports``, whose import loads the PDF library: the UI's error texts need
this error at start.)"""

from __future__ import annotations

from app.errors import TillError

PDF_ROW_LIMIT = 20_000
"""About 500 A4 pages: more is not read on paper, and the writer keeps finished pages."""


class TooLargeForPdf(TillError):
    """An export refused as a PDF for its size; the same export as CSV goes ahead."""

    def __init__(self, rows: int, limit: int = PDF_ROW_LIMIT) -> None:
        super().__init__(
            f"{rows:,} rows are too many for a PDF (at most {limit:,}): export it as CSV"
        )
        self.rows, self.limit = rows, limit


def refuse_large_pdf(expected_rows: int | None, limit: int = PDF_ROW_LIMIT) -> None:
    """Raises ``TooLargeForPdf`` when the rows to write (if known) exceed ``limit``."""
    if expected_rows is not None and expected_rows > limit:
        raise TooLargeForPdf(expected_rows, limit)
