"""Table exports to CSV and PDF: the one API every report and list export goes through.

Describe the data, then write it::

    from app.exports import Column, ColumnKind, Table, write_csv, write_pdf

    table = Table(
        title="Members expiring soon",
        subtitle="expiring within 90 days · Gold and above",
        columns=[
            Column("member_no", "Member no"),
            Column("spend", "Spend", ColumnKind.MONEY),      # int fen
            Column("expires", "Expires", ColumnKind.DATE),   # datetime.date
        ],
        rows=(row for row in cursor),   # streamed once, never kept
        expected_rows=count,            # optional, for a progress bar
        generated_at=now, generated_by="王经理", language="zh",
    )
    rows_written = write_csv(table, "members.csv", progress)
    write_pdf(table, "members.pdf", progress)

- ``Column(key, title, kind, width)``: ``kind`` is a ``ColumnKind`` (TEXT, MONEY in
  minor units, INTEGER, DATE, DATETIME) and sets formatting and alignment; ``width``
  is a relative PDF column width (0: from the kind).
- Rows are sequences of cells in column order: ``str``, ``int``, ``date``,
  ``datetime`` or ``None``. ``rows`` may be a generator over a database cursor; both
  writers read it exactly once, row by row.
- ``Document(title, tables, subtitle, generated_at, generated_by, language)`` holds
  several tables (a report of sections such as the Z report). In a PDF they follow one
  another, each under its title. In a CSV they follow one another in the same file:
  a row with the section title, the header row, the rows, a blank row. A single
  ``Table`` in a CSV is just the header row and the data rows, ready to re-import.
- ``progress(rows_done) -> bool`` is called every ``PROGRESS_EVERY`` rows and once at
  the end; returning ``False`` cancels: the writer raises ``ExportCancelled``. Both
  writers write to a temporary file beside the target and rename it into place, so a
  cancelled or failed export leaves no partial file (and an earlier file stays).
- CSV: UTF-8 with a byte-order mark (Excel in China opens Chinese correctly), money
  as plain decimal yuan (``12.50``), dates ISO (``2026-11-22``, ``2026-11-22
  12:30:00``), text cells starting with ``= + - @`` (or tab / CR) prefixed with an
  apostrophe so a spreadsheet never runs them as formulas.
- PDF: A4 (landscape above seven columns), WenQuanYi Micro Hei embedded, the header row
  repeated on every page, "page x of y" and the generated at/by line on every page,
  money as ``¥12.50`` right-aligned; long cells wrap to three lines. Rows are drawn as
  they are read, so memory holds finished pages, never the rows. Raises
  ``HardwareError`` when the CJK font is not installed.

The writers block: run them on a worker thread (the UI's ``BackgroundRunner``).
"""

from app.exports.csv_export import write_csv
from app.exports.files import PROGRESS_EVERY
from app.exports.model import (
    Cell,
    Column,
    ColumnKind,
    Document,
    ExportCancelled,
    Progress,
    Table,
    plain_money,
)
from app.exports.pdf_export import write_pdf

__all__ = [
    "PROGRESS_EVERY",
    "Cell",
    "Column",
    "ColumnKind",
    "Document",
    "ExportCancelled",
    "Progress",
    "Table",
    "plain_money",
    "write_csv",
    "write_pdf",
]
