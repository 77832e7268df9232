"""The ``pos`` command: launch the till (the set-up wizard on a new database), or work
without a window: set up, the demo, reports, imports, backups."""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import data_dir, resolve_database_url
from app.version import till_version
from ui.bench_offline_cli import add_offline_bench_parser, run_offline_bench
from ui.bench_tills_cli import add_tills_parser, run_tills_bench
from ui.campaigns_cli import add_campaigns_parsers, run_campaigns
from ui.member_import_cli import add_members_parser, run_members_import
from ui.migrate_cli import add_migrate_parser, run_migrate_to
from ui.offline_cli import add_offline_parser, run_offline
from ui.offline_journal_cli import JOURNAL_COMMANDS, run_offline_journal
from ui.stores_cli import add_stores_parsers, run_stores, run_tills
from ui.whatif_cli import add_whatif_parsers, run_rules_export, run_whatif

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.benchmark.population import Population
    from app.clock import Clock
    from app.domain.menu_lines import MenuLine
    from ui.app import TillApp

NO_DISPLAY = (
    "pos: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it in a desktop "
    "session, or set QT_QPA_PLATFORM=offscreen to run without a screen"
)


def build_parser(report_options: bool = True) -> argparse.ArgumentParser:
    """``report_options=False`` leaves out every report's parameters (importing the
    reports costs a start about 0.3 s; ``pos report`` is the only command that needs them)."""
    parser = argparse.ArgumentParser(
        prog="pos",
        description="Restaurant membership till. Without a command, opens the cashier window.",
        epilog="Database: --db wins, then $POS_DATABASE_URL, then a SQLite file in "
        f"{data_dir()}. A brand-new database opens the set-up wizard (pos setup does it without "
        "a window); pos demo makes the demo restaurant.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (sqlite:///FILE or postgresql+psycopg://USER@HOST/DB)",
    )
    parser.add_argument(
        "--settings",
        metavar="FILE",
        type=Path,
        help="this till's settings file (default: till-settings.json in the data folder)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="interface language for this run")
    parser.add_argument(
        "--training",
        action="store_true",
        help="start the till in training: a sandbox copy of the restaurant with practice "
        "members, simulated devices and guided exercises; nothing reaches real data",
    )
    parser.add_argument(
        "--no-demo",
        action="store_true",
        help="accepted for old scripts: a new database never gets the demo (see pos demo)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--version", action="version", version=f"pos {till_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar="URL", dest="command_db", help="database URL")
    demo = commands.add_parser(
        "demo",
        parents=[database],
        help="create a database with the demo restaurant, without opening a window",
    )
    demo.add_argument(
        "--members", type=int, default=300, metavar="N", help="number of demo members (default 300)"
    )
    test = commands.add_parser(
        "print-test", help="print a test slip (Chinese, English, QR code, cut) and exit"
    )
    test.add_argument(
        "--printer",
        required=True,
        metavar="URL",
        help="printer URL, e.g. escpos+tcp://192.168.1.50:9100 (see hardware/urls.py)",
    )
    test.add_argument("--width", type=int, choices=(58, 80), help="paper width in mm")
    commands.add_parser(
        "doctor",
        parents=[database],
        help="check the database, the print queue and the configured devices",
    )
    autostart = commands.add_parser(
        "autostart", help="start the till when this user logs in (on, off, or status)"
    )
    autostart.add_argument("switch", choices=("on", "off", "status"))
    autostart.add_argument("--db", metavar="URL", dest="command_db", help="the till's database")
    add_report_parser(commands, database, report_options)
    add_setup_parser(commands, database)
    audit = commands.add_parser("audit", help="the audit log and ledgers' tamper evidence")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_commands.add_parser(
        "verify",
        parents=[database],
        help="walk every hash chain; name the first broken link (exit 1) and check balances",
    )
    menu = commands.add_parser("menu", help="the menu without a window")
    menu_commands = menu.add_subparsers(dest="menu_command", metavar="ACTION", required=True)
    menu_import = menu_commands.add_parser(
        "import",
        parents=[database],
        help="add or update categories and items from a CSV file (all rows or none)",
    )
    menu_import.add_argument("csv", type=Path, metavar="FILE.csv", help="the menu file")
    menu_import.add_argument(
        "--dry-run", action="store_true", help="check the file and say what would change"
    )
    add_backup_parsers(commands, database)
    add_members_parser(commands, database)
    add_stores_parsers(commands, database)
    add_whatif_parsers(commands, database)
    add_campaigns_parsers(commands, database)
    add_offline_parser(commands, database)
    add_bench_parser(commands)
    add_migrate_parser(commands)
    return parser


def add_bench_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``pos bench lookup|members|start|checkout``: each at N members, on a population
    file reused when it already holds N."""
    population = argparse.ArgumentParser(add_help=False)
    population.add_argument(
        "--members", type=int, default=1_000_000, metavar="N", help="members (default 1000000)"
    )
    population.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        dest="bench_db",
        help="SQLite file, reused when it holds this population (default: bench-N.db in the "
        "system temp folder)",
    )
    population.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the results as JSON"
    )
    population.add_argument(
        "--seed", type=int, default=1, metavar="N", help="random seed (default 1)"
    )
    bench = commands.add_parser("bench", help="measure the till at realistic scale")
    benchmarks = bench.add_subparsers(dest="benchmark", metavar="BENCHMARK", required=True)
    lookup = benchmarks.add_parser(
        "lookup",
        parents=[population],
        help="member identification latency at N members, against the same SQL in bare sqlite3",
    )
    lookup.add_argument(
        "--queries", type=int, default=2000, metavar="N", help="queries per kind (default 2000)"
    )
    lookup.add_argument("--no-ui", action="store_true", help="skip the keystroke-to-paint test")
    for name, runs, help_runs, help_text in (
        (
            "members",
            30,
            "runs (default 30)",
            "the floor manager's member list at N members (open, filters, scrolling, "
            "export of 100,000 rows), against bare sqlite3",
        ),
        (
            "start",
            5,
            "starts per case (default 5)",
            "seconds from a cold start to the sign-in window (median of runs): on the demo, "
            "on N members, and after 30 days of missed daily work",
        ),
        (
            "checkout",
            300,
            "checkouts (default 300)",
            "checkout commit latency through the service (p50/p99) against the same rows "
            "written by bare sqlite3",
        ),
    ):
        benchmark = benchmarks.add_parser(name, parents=[population], help=help_text)
        benchmark.add_argument("--runs", type=int, default=runs, metavar="N", help=help_runs)
    daily = benchmarks.add_parser(
        "daily",
        parents=[population],
        help="the day's work in the background of a till at N members while a cashier types: "
        "its seconds, keystroke-to-paint meanwhile, the peak resident memory",
    )
    daily.add_argument(
        "--queries", type=int, default=100, metavar="N", help="queries per kind (default 100)"
    )
    add_tills_parser(benchmarks)
    add_offline_bench_parser(benchmarks, population)


def main(argv: list[str] | None = None) -> int:
    from app.escpos_cache import keep_escpos_capabilities_in

    keep_escpos_capabilities_in(data_dir() / "cache")  # before escpos loads: 0.4 s a start
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(report_options="report" in given).parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "demo":
        return run_demo(resolve_database_url(args.command_db or args.db), args.members)
    if args.command == "print-test":
        return run_print_test(args.printer, args.width)
    if args.command == "doctor":
        return run_doctor(resolve_database_url(args.command_db or args.db), args.settings)
    if args.command == "audit":
        return run_audit_verify(resolve_database_url(args.command_db or args.db))
    if args.command == "bench":
        return run_bench(args)
    if args.command == "report":
        return run_report(args)
    if args.command == "autostart":
        return run_autostart(args.switch, args.command_db or args.db)
    if args.command == "setup":
        return run_setup(args)
    if args.command == "menu":
        return run_menu_import(args)
    if args.command == "members":
        return run_members_import(args)
    if args.command == "migrate-to":
        return run_migrate_to(args)
    if args.command == "stores":
        return run_stores(args)
    if args.command == "offline" and args.offline_command in JOURNAL_COMMANDS:
        return run_offline_journal(args)
    if args.command == "tills":
        return run_tills(args)
    if args.command == "rules":
        return run_rules_export(args)
    if args.command == "whatif":
        return run_whatif(args)
    if args.command == "campaigns":
        return run_campaigns(args)
    if args.command == "offline":
        return run_offline(args)
    if args.command == "backup":
        return run_backup(resolve_database_url(args.command_db or args.db), args.to)
    if args.command == "restore":
        return run_restore(args.file, resolve_database_url(args.command_db or args.db))

    return run_gui(args)


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


def add_setup_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    from app.domain.money import CURRENCIES
    from app.restaurant_profile.profile import CUTOFF_HOURS, DEFAULT_CUTOFF_HOUR
    from app.setup.templates import DEFAULT_TEMPLATE, TEMPLATES

    setup = commands.add_parser(
        "setup",
        parents=[database],
        allow_abbrev=False,  # "--pin 1234" must not pass as "--pin-file 1234"
        help="set up a real restaurant in a new database without a window (the first "
        "manager, the membership programme, the menu)",
    )
    setup.add_argument("--restaurant", required=True, metavar="NAME", help="printed on receipts")
    setup.add_argument("--manager", required=True, metavar="NAME", help="the first manager")
    setup.add_argument(
        "--pin-file",
        required=True,
        type=Path,
        metavar="FILE",
        help="file holding the manager's PIN (4-8 digits, no 0000 or 1234), chmod 600",
    )
    templates = ", ".join(f"{key} ({t.title_en})" for key, t in TEMPLATES.items())
    setup.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        choices=list(TEMPLATES),
        metavar="T",
        help=f"membership programme: {templates}; default {DEFAULT_TEMPLATE}",
    )
    setup.add_argument("--menu-csv", type=Path, metavar="FILE", help="menu to import (CSV)")
    setup.add_argument("--address", default="", help="restaurant address (receipt header)")
    setup.add_argument("--phone", default="", help="restaurant phone (receipt header)")
    setup.add_argument(
        "--receipt-header", metavar="TEXT", help="receipt header lines (default: address, phone)"
    )
    setup.add_argument("--receipt-footer", default="", metavar="TEXT", help="receipt footer")
    setup.add_argument(
        "--tax-line", default="", metavar="TEXT", help="tax/registration line (receipt header)"
    )
    setup.add_argument("--currency", default="CNY", choices=list(CURRENCIES), help="default CNY")
    setup.add_argument(
        "--cutoff-hour",
        type=int,
        default=DEFAULT_CUTOFF_HOUR,
        choices=CUTOFF_HOURS,
        metavar="H",
        help=f"business day starts at this hour, 0-11 (default {DEFAULT_CUTOFF_HOUR})",
    )


def run_setup(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.restaurant_profile.profile import RestaurantProfile
    from app.setup.pin_file import PinFileRefused, read_pin_file
    from app.setup.restaurant import (
        SetupRefused,
        SetupRequest,
        set_up_restaurant,
    )

    url = resolve_database_url(args.command_db or args.db)
    try:
        pin = read_pin_file(args.pin_file)
        menu = read_menu_or_report(args.menu_csv, "pos setup") if args.menu_csv else ()
        if menu is None:
            return 1
        profile = RestaurantProfile(
            name=args.restaurant,
            address=args.address,
            phone=args.phone,
            receipt_header=args.receipt_header,
            receipt_footer=args.receipt_footer,
            tax_line=args.tax_line,
            currency=args.currency,
            cutoff_hour=args.cutoff_hour,
        )
        request = SetupRequest(profile, args.manager, pin, args.template, tuple(menu))
        done = set_up_restaurant(url, request, SystemClock())
    except (PinFileRefused, SetupRefused) as refusal:
        print(f"pos setup: {refusal}", file=sys.stderr)
        return 1
    print(
        f"{args.restaurant} is set up: manager {args.manager} signs in as "
        f"{done.manager_username}; programme {done.template}; "
        f"{done.menu.items_added} menu items"
    )
    return 0


def run_menu_import(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.setup.menu_import import MenuImportRefused, import_menu_lines

    lines = read_menu_or_report(args.csv, "pos menu import")
    if lines is None:
        return 1
    url = resolve_database_url(args.command_db or args.db)
    try:
        changes = import_menu_lines(
            url, tuple(lines), SystemClock(), dry_run=args.dry_run, source=str(args.csv)
        )
    except MenuImportRefused as refusal:
        print(f"pos menu import: {refusal}", file=sys.stderr)
        return 1
    verb = "would add" if args.dry_run else "added"
    print(
        f"{verb} {changes.categories_added} categories and {changes.items_added} items, "
        f"{'would change' if args.dry_run else 'changed'} {changes.items_changed}, "
        f"{changes.items_unchanged} unchanged"
        + (" (dry run: nothing changed)" if args.dry_run else "")
    )
    return 0


def read_menu_or_report(path: Path, command: str) -> list[MenuLine] | None:
    """The menu lines in ``path``, or ``None`` after printing every bad row."""
    from app.setup.menu_csv import UnreadableMenu, parse_menu_csv

    try:
        parsed = parse_menu_csv(path.read_bytes())
    except OSError as error:
        print(f"{command}: cannot read {path}: {error.strerror}", file=sys.stderr)
        return None
    except UnreadableMenu as error:
        print(f"{command}: {path}: {error}", file=sys.stderr)
        return None
    for bad in parsed.bad_rows:
        print(f"{command}: {path}: {bad}", file=sys.stderr)
    if parsed.bad_rows:
        print(f"{command}: {len(parsed.bad_rows)} bad row(s); nothing was changed", file=sys.stderr)
        return None
    return list(parsed.lines)


def add_backup_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    backup = commands.add_parser(
        "backup",
        parents=[database],
        help="back up the database (SQLite: a verified copy; PostgreSQL: the pg_dump line)",
    )
    backup.add_argument(
        "--to", type=Path, metavar="DIR", help=f"folder (default: {data_dir() / 'backups'})"
    )
    restore = commands.add_parser(
        "restore",
        parents=[database],
        help="put a backup in place of the SQLite database (close the till first); the current "
        "one is kept aside",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")


def run_backup(url: str, folder: Path | None) -> int:
    from app.backups.backup import BackupRefused, back_up, is_embedded, pg_dump
    from app.backups.catalogue import default_folder
    from app.clock import SystemClock

    folder = folder or default_folder()
    if not is_embedded(url):
        dump = pg_dump(url, folder, SystemClock().now())
        print("back up this PostgreSQL database with (the password is asked for):")
        print("  " + shlex.join(dump.command))
        if not dump.installed:
            print(
                "pos backup: pg_dump is not installed here; install the PostgreSQL client "
                "(Debian: postgresql-client) or run it on the server",
                file=sys.stderr,
            )
            return 1
        return 0
    try:
        path = back_up(url, folder, SystemClock().now())
    except (BackupRefused, OSError) as refusal:
        print(f"pos backup: {refusal}", file=sys.stderr)
        return 1
    print(f"backup written to {path} and verified (integrity check, till schema)")
    return 0


def run_restore(backup: Path, url: str) -> int:
    from app.backups.restore import RestoreRefused, restore
    from app.clock import SystemClock

    try:
        done = restore(backup, url, SystemClock().now())
    except (RestoreRefused, OSError) as refusal:
        print(f"pos restore: {refusal}", file=sys.stderr)
        return 1
    if done.kept_aside is not None:
        print(f"the database that was there is kept as {done.kept_aside}")
    print(f"{backup} restored to {done.database} (schema {done.revision})")
    return 0


def with_width(url: str, width: int | None) -> str:
    if width is None or "width=" in url:
        return url
    return f"{url}{'&' if '?' in url else '?'}width={width}"


def run_print_test(url: str, width: int | None) -> int:
    from datetime import datetime

    from app.devices import Delivery, HardwareError
    from app.diagnostics import print_test_slip

    try:
        delivery = print_test_slip(with_width(url, width), datetime.now())
    except HardwareError as error:
        print(f"pos print-test: {error}", file=sys.stderr)
        return 1
    if delivery is Delivery.CONFIRMED:
        print("test slip printed (the printer confirmed it)")
    else:
        print("test slip sent (this printer does not report whether it printed)")
    return 0


def run_doctor(database_url: str, settings_file: Path | None) -> int:
    from app.backups.catalogue import default_folder
    from app.clock import SystemClock
    from app.config import load_till_settings
    from app.diagnostics import (
        check_backups,
        check_card_reader,
        check_database,
        check_font,
        check_printer,
    )

    settings = load_till_settings(settings_file or data_dir() / "till-settings.json")
    findings = [
        *check_database(database_url, settings.till_id or "T1"),
        check_backups(database_url, default_folder(), SystemClock().now()),
        check_printer(settings.printer_url),
        check_card_reader(settings.card_reader_url),
        check_font(),
    ]
    for finding in findings:
        print(f"{'ok ' if finding.ok else 'ERR'}  {finding.subject}: {finding.message}")
    problems = sum(not finding.ok for finding in findings)
    print("all good" if not problems else f"{problems} problem(s) found")
    return 0 if not problems else 1


def run_audit_verify(database_url: str) -> int:
    from app.audit_chain.verify import verify_database

    verdict = verify_database(database_url)
    print(f"{'ok ' if verdict.ok else 'ERR'}  {verdict.summary}")
    for line in verdict.details:
        print(f"     {line}")
    return 0 if verdict.ok else 1


def run_demo(url: str, members: int) -> int:
    from app.demo_database import create_demo_database
    from app.errors import TillError

    started = time.perf_counter()
    try:
        create_demo_database(url, members, date.today())
    except (TillError, ValueError) as refusal:
        print(f"pos demo: {refusal}", file=sys.stderr)
        return 2 if isinstance(refusal, ValueError) else 1
    elapsed = time.perf_counter() - started
    print(f"demo restaurant with {members} members written to {url} in {elapsed:.1f} s")
    return 0


def run_bench(args: argparse.Namespace) -> int:
    import functools

    if args.benchmark == "members":
        return run_members_bench(args)
    if args.benchmark == "start":
        return run_start_bench(args)
    if args.benchmark == "checkout":
        return run_checkout_bench(args)
    if args.benchmark == "tills":
        return run_tills_bench(args)
    if args.benchmark == "daily":
        return run_daily_bench(args)
    if args.benchmark == "offline":
        return run_offline_bench(args, bench_population)

    from app.benchmark.lookup import LookupBench, render_table, write_json

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--queries", args.queries, progress)
    if isinstance(prepared, int):
        return prepared
    path, population = prepared
    with LookupBench(path, args.seed) as bench:
        timings = bench.measure_all(args.queries, progress)
        if not args.no_ui:
            from ui.bench_ui import measure_keystroke_to_paint

            timings.append(measure_keystroke_to_paint(bench.service.search, bench.typed()))
            progress(timings[-1].summary())
    print(render_table(timings))
    if args.json:
        write_json(args.json, population, timings)
        print(f"results written to {args.json}")
    return 0


def bench_population(
    args: argparse.Namespace, count_flag: str, count: int, progress: Callable[[str], None]
) -> tuple[Path, Population] | int:
    """The bench database of ``--members`` members (made when missing or different), or
    the exit code when the arguments or the file are refused."""
    import tempfile

    from app.benchmark.population import PopulationRefused, ensure_population

    if args.members < 1 or count < 1:
        print(f"pos bench: --members and {count_flag} must be 1 or more", file=sys.stderr)
        return 2
    path = args.bench_db or Path(tempfile.gettempdir()) / f"bench-{args.members}.db"
    try:
        return path, ensure_population(path, args.members, args.seed, date.today(), progress)
    except PopulationRefused as refusal:
        print(f"pos bench: {refusal}", file=sys.stderr)
        return 1


def run_members_bench(args: argparse.Namespace) -> int:
    import functools

    from app.benchmark.member_list import MemberListBench, render_table, write_json

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--runs", args.runs, progress)
    if isinstance(prepared, int):
        return prepared
    path, population = prepared
    with MemberListBench(path, args.seed, date.today()) as bench:
        results = bench.measure_all(args.runs, progress)
    print(render_table(results))
    if args.json:
        write_json(args.json, population, results)
        print(f"results written to {args.json}")
    return 0


def run_start_bench(args: argparse.Namespace) -> int:
    import functools
    import tempfile

    from app.benchmark import start

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--runs", args.runs, progress)
    if isinstance(prepared, int):
        return prepared
    path, _ = prepared
    with tempfile.TemporaryDirectory() as folder:
        demo = start.demo_database(Path(folder))
        catch_ups = {"demo": start.catch_up(demo), f"{args.members} members": start.catch_up(path)}
        progress(f"today's daily work done first: {catch_ups}")
        results = [
            start.measure("demo", demo, start.DEMO_MEMBERS, args.runs, 0, progress),
            start.measure("members", path, args.members, args.runs, 0, progress),
            start.measure(
                f"after {start.MISSED_DAYS} days missed",
                path,
                args.members,
                args.runs,
                start.MISSED_DAYS,
                progress,
            ),
        ]
    print(start.render_table(results))
    if args.json:
        start.write_json(args.json, results, catch_ups)
        print(f"results written to {args.json}")
    return 0


def run_daily_bench(args: argparse.Namespace) -> int:
    import functools
    import json

    from app.benchmark import daily as bench_daily
    from app.benchmark.lookup import LookupBench, render_table

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--queries", args.queries, progress)
    if isinstance(prepared, int):
        return prepared
    path, _ = prepared
    with LookupBench(path, args.seed) as bench:
        queries = bench.typed(args.queries)
    timed, figures = bench_daily.measure(path, queries)
    print(render_table([timed]))
    print(bench_daily.summary(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"results written to {args.json}")
    return 0


def run_checkout_bench(args: argparse.Namespace) -> int:
    import functools

    from app.benchmark import checkout

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--runs", args.runs, progress)
    if isinstance(prepared, int):
        return prepared
    path, _ = prepared
    times = checkout.measure(path, args.members, args.runs, args.seed, progress)
    print(checkout.render(times))
    if args.json:
        checkout.write_json(args.json, times)
        print(f"results written to {args.json}")
    return 0


def run_gui(args: argparse.Namespace) -> int:
    opened = open_gui(args)
    if isinstance(opened, int):
        return opened
    qapp, till_app = opened
    qapp.setQuitOnLastWindowClosed(True)
    code = qapp.exec()
    till_app.shut_down()
    return int(code)


def open_gui(
    args: argparse.Namespace, clock: Clock | None = None
) -> tuple[QApplication, TillApp] | int:
    """Everything ``pos`` does before its event loop: the sign-in window (or the set-up
    wizard) is showing on return; an ``int`` is the exit code of a refused start."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    # The till's modules before Qt's: PySide reads the source of every module imported
    # after it (0.3 s a start).
    import app.bootstrap  # noqa: I001, F401
    from app.backups.database_check import start_up_problem
    from PySide6.QtWidgets import QApplication

    url = resolve_database_url(args.db)
    problem = start_up_problem(url)  # quick_check on a small file only: bounded time
    if problem is not None:
        print(f"pos: {problem}", file=sys.stderr)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":  # someone may see a window
            from ui.i18n import LanguageSwitcher, resolve_language
            from ui.startup_problem import show_startup_problem

            qapp = QApplication(sys.argv[:1])
            LanguageSwitcher(qapp).apply(resolve_language(args.lang or "system"))
            show_startup_problem(problem)
        return 1

    from app.backups.catalogue import default_folder
    from app.services.till_settings import TillSettingsService
    from ui.app import LaunchOptions, TillApp

    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("Membership till")
    if not claim_the_till(qapp, url, args.verbose):
        return 0
    dress_the_application(qapp)
    options = LaunchOptions(
        database_url=url,
        demo_members_if_empty=None,  # a new database opens the set-up wizard; pos demo
        language_override=args.lang,
        training=args.training,
        backup_folder=default_folder(),
    )
    settings = TillSettingsService(args.settings or data_dir() / "till-settings.json")
    till_app = TillApp(qapp, options, settings, clock)
    from app.server_down.errors import NoLocalCopy
    from app.stores.registration import TillIdTaken

    try:
        till_app.start()
    except TillIdTaken as clash:  # before the sign-in window: nothing was opened
        print(f"pos: {clash}", file=sys.stderr)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":  # someone may see a window
            from ui.startup_problem import show_till_id_taken

            show_till_id_taken(clash.till_id)
        till_app.shut_down()
        return 1
    except NoLocalCopy as down:  # the server is gone and there is no copy to open from
        print(f"pos: {down}", file=sys.stderr)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            from ui.startup_problem import show_no_local_copy

            show_no_local_copy()
        till_app.shut_down()
        return 1
    return qapp, till_app


def run_autostart(switch: str, database_url: str | None) -> int:
    from app.autostart import autostart_enabled, disable_autostart, enable_autostart, launcher

    if switch == "status":
        print("on" if autostart_enabled() else "off")
        return 0
    if switch == "off":
        print(f"the till no longer starts at login ({disable_autostart().path} removed)")
        return 0
    command = launcher() + (["--db", database_url] if database_url else [])
    print(f"the till starts at login: {enable_autostart(command).path}")
    return 0


def dress_the_application(qapp: QApplication) -> None:
    """The bundle's CJK font where the system has none, and the till's icon."""
    from PySide6.QtGui import QIcon

    import resources
    from ui.bundled_fonts import register_bundled_fonts

    register_bundled_fonts()
    icon = Path(resources.__file__).parent / "icons" / "membership-till.png"
    qapp.setWindowIcon(QIcon(str(icon)))


def claim_the_till(qapp: QApplication, url: str, verbose: bool) -> bool:
    """False when a till is already running on this database: it was brought forward.
    Otherwise this till keeps its log and crash reports in the data folder from now on."""
    from app.run_log import start_run_log
    from ui.crash_guard import CrashGuard
    from ui.single_instance import RunningTill, bring_forward, instance_name, wake_running_till

    name = instance_name(url)
    if wake_running_till(name):
        print("pos: the till is already open on this database; it was brought to the front")
        return False
    running = RunningTill(name, parent=qapp)
    running.woken.connect(bring_forward)
    start_run_log(data_dir(), logging.DEBUG if verbose else logging.INFO)
    guard = CrashGuard(data_dir())
    guard.install()
    qapp.aboutToQuit.connect(guard.remove)
    return True


if __name__ == "__main__":
    sys.exit(main())
