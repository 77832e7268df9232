"""CSV exports that Excel in China opens correctly: UTF-8 with a byte-order mark."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.domain.money import Currency
from app.exports.files import Ticker, replaced_atomically
from app.exports.model import (
    Cell,
    Column,
    ColumnKind,
    Document,
    Progress,
    Table,
    as_document,
    iso,
    plain_money,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these would run as a formula in a spreadsheet."""


def write_csv(content: Table | Document, path: Path | str, progress: Progress | None = None) -> int:
    """Write ``content`` to ``path`` and return the number of data rows written.

    One table: a header row of column titles, then the rows. Several tables (a
    document): one after the other in the same file, each as a row with its title, its
    header row, its rows and a blank row. Raises ``ExportCancelled`` when ``progress``
    returns ``False`` (no file is left).
    """
    document = as_document(content)
    sections = len(document.tables) > 1
    ticker = Ticker(progress)
    with replaced_atomically(Path(path)) as temporary:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            for table in document.tables:
                if sections:
                    writer.writerow([safe_text(table.title)])
                writer.writerow([safe_text(column.title) for column in table.columns])
                for row in table.rows:
                    writer.writerow(csv_row(table.columns, row, table.currency))
                    ticker.tick()
                if sections:
                    writer.writerow([])
        ticker.report()
    return ticker.done


def csv_row(columns: Sequence[Column], row: Sequence[Cell], currency: Currency) -> list[str]:
    if len(row) != len(columns):
        raise ValueError(f"a row has {len(row)} cells for {len(columns)} columns")
    return [
        csv_cell(column.kind, cell, currency) for column, cell in zip(columns, row, strict=True)
    ]


def csv_cell(kind: ColumnKind, value: Cell, currency: Currency) -> str:
    """Money as plain decimal yuan (``12.50``), dates ISO, text made formula-safe."""
    if value is None:
        return ""
    if kind is ColumnKind.MONEY and isinstance(value, int):
        return plain_money(value, currency)
    if isinstance(value, date):
        return iso(value)
    if kind.numeric and isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would take for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
