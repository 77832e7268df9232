"""The What-if results as a PDF or CSV through ``app.exports`` (the reports' writers):
the tab's own tables, one after the other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from app.domain.money import Currency
from app.domain.staff import StaffMember
from app.exports import write_csv, write_pdf
from app.exports.model import ColumnKind, Document, Language, Table
from app.services.report_types import ExportDone, ExportFormat
from ui.manager.report_export import ExportJob
from ui.manager.whatif_sections import Section, kind_of, translate


def results_document(
    parts: Sequence[Section],
    period: tuple[date, date],
    staff: StaffMember,
    language: Language,
    currency: Currency,
    now: datetime,
) -> Document:
    first, last = period
    subtitle = translate(
        "WhatIf", "Paid orders of %1 to %2, replayed under the rules in force and the draft"
    )
    subtitle = subtitle.replace("%1", first.isoformat()).replace("%2", last.isoformat())
    tables = [table for part in parts for table in _tables(part, currency, language)]
    return Document(
        translate("WhatIf", "What-if simulation"),
        tables,
        subtitle,
        now,
        staff.display_name,
        language,
    )


def _tables(part: Section, currency: Currency, language: Language) -> list[Table]:
    """The summary mixes amounts and counts row by row; a table's column has one kind, so
    it goes out as two tables (amounts, then counts), each with real numbers."""
    if part.name != "summary":
        return [Table(part.title, part.columns, part.rows, currency=currency, language=language)]
    tables = []
    for kind, title in (
        (ColumnKind.MONEY, translate("WhatIf", "Amounts")),
        (ColumnKind.INTEGER, translate("WhatIf", "Counts")),
    ):
        columns = [part.columns[0], *(replace(c, kind=kind) for c in part.columns[1:])]
        rows = [row for r, row in enumerate(part.rows) if kind_of(part, r, 1) is kind]
        tables.append(Table(f"{part.title}: {title}", columns, rows, currency=currency,
                            language=language))  # fmt: skip
    return tables


def export_results(
    parts: Sequence[Section],
    period: tuple[date, date],
    staff: StaffMember,
    language: Language,
    currency: Currency,
    now: datetime,
    path: Path,
    format: ExportFormat,
) -> Callable[[ExportJob], ExportDone]:
    """The work to run on a pool thread (built on the GUI thread: it translates)."""
    document = results_document(parts, period, staff, language, currency, now)
    write = write_csv if format is ExportFormat.CSV else write_pdf

    def work(job: ExportJob) -> ExportDone:
        return ExportDone(path, write(document, path, job.progress), format)

    return work
