"""``pos report``: a report exported to CSV or PDF without a window (``--list`` names
them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.config import resolve_database_url


def add_report_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
    report_options: bool = True,
) -> None:
    """``pos report NAME --format csv|pdf --out FILE [parameters]`` and ``--list``.

    Every report's parameters are options here (``--day``, ``--till``, ...); a report
    refuses the ones it does not take.
    """
    report = commands.add_parser(
        "report",
        parents=[database],
        help="export a report to CSV or PDF without a window (--list names them)",
    )
    report.add_argument("name", nargs="?", metavar="NAME", help="the report, e.g. tenure or eod")
    report.add_argument("--list", action="store_true", help="list the reports and their options")
    report.add_argument("--format", choices=("csv", "pdf"), help="default: from --out's suffix")
    report.add_argument("--out", type=Path, metavar="FILE", help="the file to write")
    report.add_argument(
        "--language", choices=("zh", "en"), default="zh", help="titles and labels (default zh)"
    )
    if not report_options:
        return
    from app.reports.model import ParamKind
    from app.reports.registry import REPORTS

    seen: set[str] = set()
    for spec in REPORTS:
        for param in spec.params:
            if param.name in seen:
                continue
            seen.add(param.name)
            flag = param.kind is ParamKind.FLAG
            report.add_argument(
                f"--{param.cli_name}",
                dest=f"param_{param.name}",
                metavar=param.kind.value.upper(),
                nargs="?" if flag else None,
                const="yes" if flag else None,
                help=f"{param.title_en} ({spec.name})",
            )


def run_report(args: argparse.Namespace) -> int:
    from app.pdf_limits import TooLargeForPdf
    from app.reports.command import (
        ReportCommandError,
        format_for,
        list_reports,
    )
    from app.reports.command import run_report as export_report
    from app.reports.model import ReportParamError
    from app.reports.registry import UnknownReport

    if args.list:
        print(list_reports())
        return 0
    if not args.name or args.out is None:
        print("pos report: name a report and --out FILE (pos report --list)", file=sys.stderr)
        return 2
    params = {
        key.removeprefix("param_"): value
        for key, value in vars(args).items()
        if key.startswith("param_") and value is not None
    }
    try:
        format = format_for(args.out, args.format)
    except ReportCommandError as refusal:
        print(f"pos report: {refusal}", file=sys.stderr)
        return 2
    try:
        done = export_report(
            resolve_database_url(args.command_db or args.db),
            args.name,
            args.out,
            format,
            params,
            args.language,
        )
    except (ReportCommandError, ReportParamError, UnknownReport, TooLargeForPdf) as refusal:
        print(f"pos report: {refusal}", file=sys.stderr)
        return 2 if not isinstance(refusal, (ReportCommandError, TooLargeForPdf)) else 1
    print(f"{args.name}: {done.rows} rows written to {done.path}")
    return 0
