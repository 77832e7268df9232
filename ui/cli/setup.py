"""A restaurant put into a database without a window: ``pos setup`` (a real one),
``pos menu import`` (its menu from a CSV file) and ``pos demo`` (the demo restaurant)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import resolve_database_url

if TYPE_CHECKING:
    from app.domain.menu_lines import MenuLine


def add_setup_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
    options: bool = True,
) -> None:
    """``options=False``: the command alone, for ``pos --help`` and the other commands."""
    setup = commands.add_parser(
        "setup",
        parents=[database],
        allow_abbrev=False,  # "--pin 1234" must not pass as "--pin-file 1234"
        help="set up a real restaurant in a new database without a window (the first "
        "manager, the membership programme, the menu)",
    )
    if not options:
        return
    from app.domain.money import CURRENCIES
    from app.restaurant_profile.profile import CUTOFF_HOURS, DEFAULT_CUTOFF_HOUR
    from app.setup.templates import DEFAULT_TEMPLATE, TEMPLATES

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


def add_menu_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
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


def add_demo_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    demo = commands.add_parser(
        "demo",
        parents=[database],
        help="create a database with the demo restaurant, without opening a window",
    )
    demo.add_argument(
        "--members", type=int, default=300, metavar="N", help="number of demo members (default 300)"
    )


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
