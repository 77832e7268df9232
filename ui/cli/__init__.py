"""The ``pos`` command: launch the till (the set-up wizard on a new database), or work
without a window: set up, the demo, reports, imports, backups.

``main`` reads the command line and hands the command to the module named after it;
``parser`` holds the options of ``pos`` itself and the order ``pos --help`` lists the
commands in, and each command's module holds its options beside what it does: ``gui``
(the window; ``autostart``), ``setup`` (``setup``, ``demo``, ``menu import``),
``reports``, ``maintenance`` (``doctor``, ``print-test``, ``audit verify``, ``backup``,
``restore``), ``members`` (``members import``), ``stores`` (``stores``, ``tills``),
``whatif`` (``rules export``, ``whatif``), ``campaigns``, ``offline`` and
``offline_journal``, ``bench`` (with ``bench_tills``, ``bench_offline``), ``migrate_to``.
"""

from __future__ import annotations

import logging
import sys

from app.config import data_dir, resolve_database_url
from ui.cli.bench import run_bench
from ui.cli.campaigns import run_campaigns
from ui.cli.gui import open_gui, run_autostart, run_gui
from ui.cli.maintenance import (
    run_audit_verify,
    run_backup,
    run_doctor,
    run_print_test,
    run_restore,
)
from ui.cli.members import run_members_import
from ui.cli.migrate_to import run_migrate_to
from ui.cli.offline import run_offline
from ui.cli.offline_journal import JOURNAL_COMMANDS, run_offline_journal
from ui.cli.parser import build_parser
from ui.cli.reports import run_report
from ui.cli.setup import run_demo, run_menu_import, run_setup
from ui.cli.stores import run_stores, run_tills
from ui.cli.whatif import run_rules_export, run_whatif

__all__ = ["build_parser", "main", "open_gui"]


def main(argv: list[str] | None = None) -> int:
    from app.escpos_cache import keep_escpos_capabilities_in

    keep_escpos_capabilities_in(data_dir() / "cache")  # before escpos loads: 0.4 s a start
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(
        report_options="report" in given, setup_options="setup" in given
    ).parse_args(argv)
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
