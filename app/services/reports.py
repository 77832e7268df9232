"""Reports for managers and scheduled jobs: list, preview, export, print the Z report.

Every call checks ``Permission.VIEW_REPORTS`` (a ``CommandLine`` requester is let in:
whoever runs ``pos report`` holds the database URL already) and every finished export
or printed Z report leaves an audit event: who, which report, parameters, row count.
Exports block for as long as the file takes: call them off the GUI thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Protocol

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.business_day import business_day
from app.domain.money import CNY, Currency
from app.domain.staff import Permission, StaffMember, may
from app.domain.store_scope import ScopeChoice, ScopeError, may_see, scope_choices, scope_of
from app.domain.stores import Store
from app.exports import Document, Progress, Table, write_csv, write_pdf
from app.exports.model import Language
from app.exports.pdf_layout import pdf_cell
from app.pdf_limits import PDF_ROW_LIMIT, refuse_large_pdf
from app.reports.eod import EOD, ZFigures, till_of
from app.reports.kpi import KPI, KpiFigures
from app.reports.model import (
    ParamValue,
    ReportContext,
    ReportParamError,
    ReportSpec,
    as_date,
    describe_params,
)
from app.reports.pareto import PARETO, ParetoFigures
from app.reports.registry import REPORTS, report_named
from app.reports.text import maybe_text
from app.reports.z_slip import build_z_slip
from app.services.report_types import (
    CommandLine,
    ExportDone,
    ExportFormat,
    ParamInfo,
    PreviewSection,
    ReportInfo,
    ReportPreview,
    ReportRefused,
    Requester,
    ScopeRefused,
)
from app.services.spooler import PrintSpooler
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory
from hardware.printing.document import document_to_json

PREVIEW_ROWS = 200

__all__ = [
    "CommandLine",
    "ExportDone",
    "ExportFormat",
    "ParamInfo",
    "PreviewSection",
    "ReportInfo",
    "ReportPreview",
    "ReportRefused",
    "ReportService",
    "ReportSource",
    "Requester",
    "ScopeRefused",
]


class ReportSource(Protocol):
    """What the reports read, each call in a read of its own (``app.reports.source``)."""

    def tables(
        self, spec: ReportSpec, values: Mapping[str, ParamValue], context: ReportContext
    ) -> AbstractContextManager[Sequence[Table]]:
        """The report's tables; their rows stream from the database inside the block."""

    def kpi(self, values: Mapping[str, ParamValue]) -> KpiFigures: ...

    def pareto(self, values: Mapping[str, ParamValue]) -> ParetoFigures: ...

    def z_figures(
        self, till: str | None, day: date, values: Mapping[str, ParamValue] | None = None
    ) -> ZFigures: ...

    def stores(self) -> list[Store]: ...


class ReportService:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        source: ReportSource,
        clock: Clock,
        till_id: str | None,
        currency: Currency = CNY,
        spooler: PrintSpooler | None = None,
        printer_url: str = "",
        receipt_language: Language = "zh",
        cutoff_hour: int = 0,
        store_id: int | None = None,
        pdf_row_limit: int = PDF_ROW_LIMIT,
    ) -> None:
        self._store_id = store_id  # this till's store: a store manager sees it only
        self._cutoff_hour = cutoff_hour  # business days start here (0: midnight)
        self._pdf_row_limit = pdf_row_limit
        self._units, self._source = units, source
        self._clock, self._till_id = clock, till_id
        self._currency = currency
        self._spooler, self._printer_url = spooler, printer_url
        self._receipt_language = receipt_language

    def business_day(self) -> date:
        """Today's business day (after midnight, before the cut-off: yesterday)."""
        return business_day(self._clock.now(), self._cutoff_hour)

    def catalogue(self, language: Language) -> list[ReportInfo]:
        """Every report with its parameters and their defaults for this till today."""
        context = self._context(language, "")
        return [
            ReportInfo(
                spec.name,
                spec.title(language),
                tuple(
                    ParamInfo(
                        p.name,
                        p.title(language),
                        p.kind,
                        p.default(context),
                        p.choices,
                        tuple(maybe_text(choice, language) for choice in p.choices),
                    )
                    for p in spec.params
                ),
                spec.printable,
                spec.member_data,
            )
            for spec in REPORTS
        ]

    def _check(self, who: Requester) -> None:
        """The command line (the machine's owner) may; a staff member as stored says."""
        if isinstance(who, StaffMember):
            with self._units() as uow:
                require_stored(uow.staff, who, Permission.VIEW_REPORTS, "view reports")

    def preview(
        self,
        name: str,
        given: Mapping[str, ParamValue | str],
        who: Requester,
        language: Language,
        limit: int = PREVIEW_ROWS,
    ) -> ReportPreview:
        """The report's first ``limit`` rows per table, formatted for reading."""
        self._check(who)
        spec = report_named(name)
        context = self._context(language, _name_of(who))
        values = spec.resolve(given, context)
        self._check_scope(who, spec, values)
        with self._source.tables(spec, values, context) as tables:
            sections = tuple(_preview(table, limit) for table in tables)
        return ReportPreview(spec.title(language), spec.describe(values, language), sections)

    def export(
        self,
        name: str,
        given: Mapping[str, ParamValue | str],
        format: ExportFormat,
        path: Path,
        who: Requester,
        language: Language,
        progress: Progress | None = None,
        on_expected: Callable[[int | None], None] | None = None,
    ) -> ExportDone:
        """Write the report to ``path``; raises ``ExportCancelled`` (no file) on a cancel,
        and ``TooLargeForPdf`` before it starts for a PDF of more than ``PDF_ROW_LIMIT`` rows.

        ``on_expected`` hears the row count (if known) before the first row is written,
        so a progress bar can show a fraction; like ``progress``, it runs on the
        calling thread.
        """
        self._check(who)
        spec = report_named(name)
        context = self._context(language, _name_of(who))
        values = spec.resolve(given, context)
        self._check_scope(who, spec, values)
        with self._source.tables(spec, values, context) as tables:
            document = self._document(spec, tables, values, context)
            if format is ExportFormat.PDF:
                refuse_large_pdf(document.expected_rows, self._pdf_row_limit)  # before a row
            if on_expected is not None:
                on_expected(document.expected_rows)
            write = write_csv if format is ExportFormat.CSV else write_pdf
            rows = write(document, path, progress)
        self._audit(who, "report_exported", spec, values, rows, format=format.value)
        return ExportDone(path, rows, format)

    def kpi(
        self, given: Mapping[str, ParamValue | str], who: Requester, language: Language
    ) -> tuple[KpiFigures, str]:
        """The KPI report's figures for charts, and its parameters as a title line shows
        them. Counts only, no member data: a view is not audited (an export is)."""
        self._check(who)
        values = KPI.resolve(given, self._context(language, _name_of(who)))
        self._check_scope(who, KPI, values)
        figures = self._source.kpi(values)
        return figures, KPI.describe(values, language)

    def pareto(
        self, given: Mapping[str, ParamValue | str], who: Requester, language: Language
    ) -> ParetoFigures:
        """The Pareto report's figures for its chart: totals only, no member data, so a
        view is not audited (an export is)."""
        self._check(who)
        values = PARETO.resolve(given, self._context(language, _name_of(who)))
        return self._source.pareto(values)

    def print_z_report(self, given: Mapping[str, ParamValue | str], who: Requester) -> int:
        """Queue the Z report on this till's receipt printer (the outbox keeps it until it
        prints); returns the print job's id."""
        self._check(who)
        if self._spooler is None or not self._printer_url:
            raise ReportRefused("this till has no receipt printer")
        language = self._receipt_language
        context = self._context(language, _name_of(who))
        values = EOD.resolve(given, context)
        self._check_scope(who, EOD, values)
        figures = self._source.z_figures(till_of(values), as_date(values["day"]), values)
        with self._units() as uow:
            slip = build_z_slip(
                figures,
                uow.restaurant.settings(),
                language,
                self._currency,
                context.now,
                context.generated_by,
            )
            job_id = uow.print_jobs.add(
                till_id=self._till_id or "",
                printer_url=self._printer_url,
                kind="z_report",
                document=document_to_json(slip),
                open_drawer=False,
                created_at=context.now,
            )
            self._record(uow, who, "report_printed", EOD, values, figures.totals.orders)
            uow.commit()
        self._spooler.wake(self._printer_url)
        return job_id

    def scope_choices(self, who: StaffMember) -> tuple[ScopeChoice, ...]:
        """What the scope picker offers ``who``: this store only, unless they may see the
        chain (then every store, region and city, and the whole chain)."""
        with self._units() as uow:
            sees_chain = may(uow.staff.find(who.staff_id), Permission.VIEW_CHAIN)
        if self._store_id is None:
            return (ScopeChoice("chain", "", "", ""),)
        return scope_choices(self._source.stores(), self._store_id, sees_chain)

    def _check_scope(
        self, who: Requester, spec: ReportSpec, values: Mapping[str, ParamValue]
    ) -> None:
        """A store manager sees their own store only; asking for another store, a region
        or the chain is refused and audited (a chain manager and the command line may)."""
        if not isinstance(who, StaffMember) or "store" not in values or self._store_id is None:
            return  # the command line, a report of no store, a service of no till's store
        try:
            scope = scope_of(str(values["store"]), str(values.get("region", "")))
        except ScopeError as exc:
            raise ReportParamError(str(exc)) from exc
        with self._units() as uow:
            sees_chain = may(uow.staff.find(who.staff_id), Permission.VIEW_CHAIN)
            if may_see(scope, self._store_id, sees_chain):
                return
            self._record(uow, who, "report_refused", spec, values, 0, reason="other_stores")
            uow.commit()
        raise ScopeRefused(f"{who.display_name} may see this store's figures only")

    # helpers ------------------------------------------------------------------

    def _context(self, language: Language, generated_by: str) -> ReportContext:
        return ReportContext(
            self._clock.now(),
            self._till_id,
            language,
            self._currency,
            generated_by,
            self._cutoff_hour,
            self._store_id,
        )

    def _document(
        self,
        spec: ReportSpec,
        tables: Sequence[Table],
        values: Mapping[str, ParamValue],
        context: ReportContext,
    ) -> Document:
        return Document(
            title=spec.title(context.language),
            tables=tables,
            subtitle=spec.describe(values, context.language),
            generated_at=context.now,
            generated_by=context.generated_by,
            language=context.language,
        )

    def _audit(
        self,
        who: Requester,
        action: str,
        spec: ReportSpec,
        values: Mapping[str, ParamValue],
        rows: int,
        **extra: str,
    ) -> None:
        with self._units() as uow:
            self._record(uow, who, action, spec, values, rows, **extra)
            uow.commit()

    def _record(
        self,
        uow: UnitOfWork,
        who: Requester,
        action: str,
        spec: ReportSpec,
        values: Mapping[str, ParamValue],
        rows: int,
        **extra: str,
    ) -> None:
        detail = {
            "report": spec.name,
            "parameters": describe_params(values),
            "rows": rows,
            "actor": who.name if isinstance(who, CommandLine) else who.username,
            "member_data": spec.member_data,
            **extra,
        }
        uow.audit.record(
            ActionContext(
                who.staff_id if isinstance(who, StaffMember) else None,
                self._till_id or "cli",
                self._clock.now(),
            ),
            action,
            f"report:{spec.name}",
            detail,
        )


def _name_of(who: Requester) -> str:
    return who.name if isinstance(who, CommandLine) else who.display_name


def _preview(table: Table, limit: int) -> PreviewSection:
    iterator = iter(table.rows)
    try:
        rows = tuple(
            tuple(
                pdf_cell(column.kind, value, table.currency)
                for column, value in zip(table.columns, row, strict=True)
            )
            for row in itertools.islice(iterator, limit)
        )
    finally:
        if isinstance(iterator, Generator):
            iterator.close()  # release the database cursor behind a streamed table
    return PreviewSection(
        table.title,
        tuple(column.title for column in table.columns),
        tuple(column.kind.numeric for column in table.columns),
        rows,
        table.expected_rows,
    )
