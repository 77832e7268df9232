"""``pos offline resync|journal|overdrafts|allowance``: the offline journal's commands
(``app/offline/commands.py``). The ``offline`` group itself is shared with the local
copy's commands."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.config import data_dir, resolve_database_url
from app.offline import LOCAL_COPY_FILE

JOURNAL_COMMANDS = ("resync", "journal", "overdrafts", "allowance")


def default_local_copy() -> Path:
    return data_dir() / LOCAL_COPY_FILE


def add_offline_journal_parsers(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
    local: argparse.ArgumentParser,
) -> None:
    """``local``: the parent parser giving ``--copy FILE``, the till's local copy."""
    resync = actions.add_parser(
        "resync", parents=[database, local], help="replay the offline journal on the server"
    )
    resync.add_argument("--till", required=True, help="the till id that sold offline")
    actions.add_parser("journal", parents=[local], help="what was sold offline, and its resync")
    overdrafts = actions.add_parser(
        "overdrafts", parents=[database], help="what members owe after offline sales"
    )
    overdrafts.add_argument("--all", action="store_true", help="settled ones too")
    allowance = actions.add_parser(
        "allowance", parents=[database], help="what a member of a tier may spend offline"
    )
    allowance.add_argument("tier", nargs="?", help="the tier's code; none: list every tier")
    allowance.add_argument("--stored-value", metavar="AMOUNT", help="e.g. 300 (per outage)")
    allowance.add_argument("--points", type=int, default=0, help="points per outage")
    allowance.add_argument("--user", help="a manager's sign-in name")
    allowance.add_argument("--pin", help="their PIN (asked when left out)")


def run_offline_journal(args: argparse.Namespace) -> int:
    from app.errors import TillError
    from app.offline import commands

    url = resolve_database_url(getattr(args, "command_db", None) or args.db)
    local = getattr(args, "copy", None) or default_local_copy()
    try:
        if args.offline_command == "resync":
            done = commands.resync(url, local, args.till, lambda line: print(line, flush=True))
            print(f"replayed {done.replayed}, held for a manager {done.held}")
            return 1 if done.held else 0
        if args.offline_command == "journal":
            lines = commands.journal_lines(local)
        elif args.offline_command == "overdrafts":
            lines = commands.overdraft_lines(url, everything=args.all)
            if not lines:
                print("no offline overdrafts")
        elif args.tier is None:
            lines = commands.allowance_lines(url)
        else:
            if args.stored_value is None or not args.user:
                print("pos: give --stored-value and --user to set an allowance", file=sys.stderr)
                return 2
            pin = args.pin or getpass.getpass("PIN: ")
            lines = [
                commands.set_allowance(
                    url, args.user, pin, args.tier, args.stored_value, args.points
                )
            ]
    except (TillError, FileNotFoundError, ValueError) as refused:
        print(f"pos: {refused}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0
