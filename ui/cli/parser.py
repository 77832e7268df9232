"""The ``pos`` command line: the options of ``pos`` itself, then every command in the
order ``pos --help`` lists them (each command's options live beside what it does)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.config import data_dir
from ui.cli.bench import add_bench_parser
from ui.cli.campaigns import add_campaigns_parsers
from ui.cli.gui import add_autostart_parser
from ui.cli.maintenance import (
    add_audit_parser,
    add_backup_parsers,
    add_doctor_parser,
    add_print_test_parser,
)
from ui.cli.members import add_members_parser
from ui.cli.migrate_to import add_migrate_parser
from ui.cli.offline import add_offline_parser
from ui.cli.reports import add_report_parser
from ui.cli.setup import add_demo_parser, add_menu_parser, add_setup_parser
from ui.cli.stores import add_stores_parsers
from ui.cli.whatif import add_whatif_parsers


class _ShowVersion(argparse._VersionAction):
    """``--version``, read from the installed package only when asked: reading it costs
    every start about 25 ms (``importlib.metadata``)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        from app.version import till_version

        self.version = f"pos {till_version()}"
        super().__call__(parser, namespace, values, option_string)


def build_parser(
    report_options: bool = True, setup_options: bool = True
) -> argparse.ArgumentParser:
    """``report_options=False`` leaves out every report's parameters (importing the
    reports costs a start about 0.3 s; ``pos report`` is the only command that needs them),
    ``setup_options=False`` the options of ``pos setup`` (their choices come from the
    programme templates and the restaurant profile: about 20 ms)."""
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
    parser.add_argument("--version", action=_ShowVersion)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar="URL", dest="command_db", help="database URL")
    add_demo_parser(commands, database)
    add_print_test_parser(commands)
    add_doctor_parser(commands, database)
    add_autostart_parser(commands)
    add_report_parser(commands, database, report_options)
    add_setup_parser(commands, database, setup_options)
    add_audit_parser(commands, database)
    add_menu_parser(commands, database)
    add_backup_parsers(commands, database)
    add_members_parser(commands, database)
    add_stores_parsers(commands, database)
    add_whatif_parsers(commands, database)
    add_campaigns_parsers(commands, database)
    add_offline_parser(commands, database)
    add_bench_parser(commands)
    add_migrate_parser(commands)
    return parser
