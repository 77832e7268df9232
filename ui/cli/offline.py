"""``pos offline status|refresh``: the till's local copy of a shared server's data."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from app.config import data_dir, load_till_settings, resolve_database_url
from app.offline import LOCAL_COPY_FILE
from ui.cli.offline_journal import add_offline_journal_parsers


def add_offline_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    offline = commands.add_parser(
        "offline", help="the till's local copy of the shared data, for selling offline"
    )
    actions = offline.add_subparsers(dest="offline_command", metavar="ACTION", required=True)
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--copy",
        type=Path,
        metavar="FILE",
        help=f"the local copy (default: {LOCAL_COPY_FILE} beside the settings file)",
    )
    actions.add_parser("status", parents=[where], help="the copy's age, feed position, rows, size")
    refresh = actions.add_parser(
        "refresh",
        parents=[database, where],
        help="bring the copy up to date from the server (builds it when there is none)",
    )
    refresh.add_argument("--full", action="store_true", help="build the whole copy again")
    add_offline_journal_parsers(actions, database, where)


def run_offline(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.offline.local_copy import describe, open_local_copy, read_copy_status

    path = args.copy or (args.settings.parent if args.settings else data_dir()) / LOCAL_COPY_FILE
    if args.offline_command == "refresh":
        url = resolve_database_url(args.command_db or args.db)
        settings_file = args.settings or data_dir() / "till-settings.json"
        till_id = load_till_settings(settings_file).till_id or None  # its offline numbers
        try:
            with open_local_copy(url, path, SystemClock(), till_id) as copy:
                print(describe(copy.refresh(full=args.full)))
        except Exception as error:  # one sentence, never a traceback
            print(
                f"pos offline: the local copy was not refreshed: {_first(error)}", file=sys.stderr
            )
            return 1
    status = read_copy_status(path)
    if not status.exists:
        print(f"no local copy at {path} (pos offline refresh --db URL makes one)")
        return 1
    now = datetime.now()
    age = status.age(now)
    print(f"local copy: {path} ({status.size_bytes / 2**20:.1f} MiB)")
    built, refreshed = status.built_at, status.refreshed_at
    print(
        f"built {built:%Y-%m-%d %H:%M:%S}, refreshed {refreshed:%Y-%m-%d %H:%M:%S} "
        f"({_ago(age.total_seconds() if age else 0)} ago)"
    )
    print(f"feed position: {status.position}")
    rows = status.rows or {}
    print("rows: " + ", ".join(f"{name} {count:,}" for name, count in rows.items()))
    if status.waiting:
        print(
            f"offline entries waiting for the resync: {status.waiting} "
            "(the copy is not refreshed until they are replayed: pos offline resync)"
        )
    return 0


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _first(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
