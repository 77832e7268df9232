"""What an export is made of: typed columns, streamed rows, tables and documents."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from app.domain.money import CNY, Currency

Cell = str | int | date | datetime | None
"""One value: text, an integer (money in minor units for MONEY columns), a date or time."""

Progress = Callable[[int], bool]
"""Called with the rows written so far; returning ``False`` cancels the export."""

Language = Literal["zh", "en"]


class ColumnKind(enum.Enum):
    """How a column's cells are formatted and aligned (numbers right, text left)."""

    TEXT = "text"
    MONEY = "money"
    """An ``int`` in the currency's minor unit (fen)."""
    INTEGER = "integer"
    DATE = "date"
    DATETIME = "datetime"

    @property
    def numeric(self) -> bool:
        return self in (ColumnKind.MONEY, ColumnKind.INTEGER)


@dataclass(frozen=True)
class Column:
    """``key`` is a stable identifier; ``title`` is the header people read.

    ``width`` is the column's share of the page width in a PDF, relative to the other
    columns; 0 picks one from the kind.
    """

    key: str
    title: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float = 0.0


@dataclass(frozen=True)
class Table:
    """A titled table whose rows are streamed once, in column order.

    ``rows`` may be a generator over a database cursor: the writers read it once, row by
    row, and never keep it. ``expected_rows`` (if known) lets a progress bar show a
    fraction. ``generated_at``/``generated_by`` are printed under a PDF's title when the
    table is exported on its own.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]
    subtitle: str = ""
    expected_rows: int | None = None
    currency: Currency = CNY
    generated_at: datetime | None = None
    generated_by: str = ""
    language: Language = "zh"


@dataclass(frozen=True)
class Document:
    """Several tables in one export (a report made of sections, such as the Z report)."""

    title: str
    tables: Sequence[Table]
    subtitle: str = ""
    generated_at: datetime | None = None
    generated_by: str = ""
    language: Language = "zh"

    @property
    def expected_rows(self) -> int | None:
        counts = [table.expected_rows for table in self.tables]
        if any(count is None for count in counts):
            return None
        return sum(count or 0 for count in counts)


def as_document(content: Table | Document) -> Document:
    """A table on its own is a document of one section with the table's own title."""
    if isinstance(content, Document):
        return content
    return Document(
        title=content.title,
        tables=(content,),
        subtitle=content.subtitle,
        generated_at=content.generated_at,
        generated_by=content.generated_by,
        language=content.language,
    )


class ExportCancelled(Exception):
    """The progress callback returned ``False``; no file was left behind."""


def plain_money(amount: int, currency: Currency) -> str:
    """Minor units as a plain decimal for spreadsheets: ``1250`` -> ``12.50``, no symbol."""
    sign = "-" if amount < 0 else ""
    if currency.minor_digits == 0:
        return f"{sign}{abs(amount)}"
    whole, minor = divmod(abs(amount), 10**currency.minor_digits)
    return f"{sign}{whole}.{minor:0{currency.minor_digits}d}"


def iso(value: date | datetime) -> str:
    """Dates as ``2026-11-22``, times as ``2026-11-22 12:30:00`` (ISO 8601, space-separated)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value.isoformat()
