"""``pos report``: a report to a file from the command line, for scheduled exports.

No Qt and no till: a database URL, a report name, parameters as text. The database
must already be a till database at the current schema (a till upgrades it on start);
the command never changes the schema. The export is audited as done by ``cli``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path

from sqlalchemy.engine import make_url

from app.clock import Clock, SystemClock
from app.domain.business_day import cutoff_hour
from app.domain.money import CNY, CURRENCIES
from app.exports.model import Language
from app.reports.model import ParamKind
from app.reports.registry import REPORTS
from app.reports.source import SqlReportSource
from app.services.reports import CommandLine, ExportDone, ExportFormat, ReportService
from db import queries
from db.engine import create_db_engine, session_factory
from db.migrate import has_schema, is_at_head
from db.unit_of_work import SqlUnitOfWork


class ReportCommandError(Exception):
    """Something ``pos report`` cannot do; ``str()`` is the one line it prints."""


def list_reports() -> str:
    """The text of ``pos report --list``: each report, its titles and parameters."""
    lines: list[str] = []
    for spec in REPORTS:
        lines.append(f"{spec.name:<10} {spec.title_en} / {spec.title_zh}")
        for param in spec.params:
            kind = "yes|no" if param.kind is ParamKind.FLAG else param.kind.value.upper()
            if param.choices:
                kind = "|".join(param.choices)
            lines.append(f"           --{param.cli_name} {kind}  ({param.title_en})")
    return "\n".join(lines)


def format_for(out: Path, given: str | None) -> ExportFormat:
    """``--format`` if given, else the output file's suffix."""
    name = (given or out.suffix.lstrip(".")).lower()
    try:
        return ExportFormat(name)
    except ValueError:
        raise ReportCommandError(
            "say --format csv or --format pdf (or name the file .csv/.pdf)"
        ) from None


def run_report(
    url: str,
    name: str,
    out: Path,
    format: ExportFormat,
    params: Mapping[str, str],
    language: Language = "zh",
    clock: Clock | None = None,
) -> ExportDone:
    """Export report ``name`` from the database at ``url`` to ``out``.

    Raises ``ReportCommandError`` for a database that is not a current till database;
    the report's own errors (``UnknownReport``, ``ReportParamError``) pass through.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        raise ReportCommandError(f"no database file at {parsed.database}")
    engine = create_db_engine(url)
    try:
        try:
            ready = has_schema(engine) and is_at_head(engine)
        except Exception as exc:  # the driver's own errors: no server, bad password, ...
            raise ReportCommandError(f"cannot open the database: {exc}") from exc
        if not ready:
            raise ReportCommandError(
                "not a till database at this version: start the till on it once to set it up"
            )
        sessions = session_factory(engine)
        with sessions() as session:
            settings = queries.settings(session)
        cutoff = cutoff_hour(settings)
        service = ReportService(
            partial(SqlUnitOfWork, sessions),
            SqlReportSource(sessions, cutoff),
            clock or SystemClock(),
            None,
            CURRENCIES.get(settings.get("currency", "CNY"), CNY),
            cutoff_hour=cutoff,
        )
        return service.export(name, params, format, out, CommandLine(), language)
    finally:
        engine.dispose()
