"""``pos members import``: the command line of ``app.member_import``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.config import resolve_database_url

HELP = (
    "bring members from another system's CSV export (UTF-8 or GBK/GB18030, comma or tab; "
    "Chinese or English headers). All or nothing: one transaction, so a stopped import "
    "leaves the database as it was and is simply run again. Bad rows are left out and "
    "listed with their line; balances and points become opening ledger entries."
)


def add_members_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    members = commands.add_parser("members", help="members without a window")
    actions = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)
    parser = actions.add_parser("import", parents=[database], help=HELP, description=HELP)
    parser.add_argument("csv", type=Path, metavar="FILE.csv", help="the members file")
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and say what would change"
    )
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="other headers: header=field lines or a JSON object; fields are phone, name, "
        "birthday, card, stored_value, points, tier, expires_on, gender, allergies, notes, "
        "ignore",
    )
    parser.add_argument(
        "--on-duplicate",
        choices=("merge", "skip", "stop"),
        default="stop",
        help="a phone already a member's: stop (import nothing; the default), skip the row, "
        "or merge (the member keeps what they have and gains the file's birthday, gender, "
        "allergies, notes and card where they have none; their balances are not added)",
    )
    parser.add_argument(
        "--encoding", metavar="NAME", help="the file's encoding (default: detected)"
    )
    parser.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="where to list every bad and duplicate row (default: FILE.csv.report.csv)",
    )


def run_members_import(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.domain.money import format_money
    from app.member_import.reader import read_mapping
    from app.member_import.report import write_report
    from app.member_import.run import MemberImportRefused, OnDuplicate, import_members
    from app.setup.csv_text import UnreadableCsv

    command = "pos members import"
    url = resolve_database_url(args.command_db or args.db)
    report = args.report or args.csv.with_name(args.csv.name + ".report.csv")

    def progress(done: int, total: int) -> None:
        print(f"written {done:,} of {total:,} members", flush=True)

    try:
        data = args.csv.read_bytes()
        mapping = read_mapping(args.mapping.read_text("utf-8-sig")) if args.mapping else None
        outcome = import_members(
            url,
            data,
            SystemClock(),
            on_duplicate=OnDuplicate(args.on_duplicate),
            dry_run=args.dry_run,
            encoding=args.encoding,
            mapping=mapping,
            source=str(args.csv),
            progress=progress,
        )
    except OSError as error:
        print(f"{command}: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    except (UnreadableCsv, UnicodeDecodeError) as error:
        print(f"{command}: {args.csv}: {error}", file=sys.stderr)
        return 1
    except MemberImportRefused as refusal:
        print(f"{command}: {refusal}", file=sys.stderr)
        return 1
    try:
        listed = write_report(report, outcome)
    except OSError as error:
        print(f"{command}: cannot write the report {report}: {error.strerror}", file=sys.stderr)
        listed = -1
    if outcome.stopped:
        print(
            f"{command}: {len(outcome.duplicates)} row(s) give a phone that is already a "
            f"member's; nothing was imported (choose --on-duplicate merge or skip); "
            f"see {report}",
            file=sys.stderr,
        )
        return 1
    would = "would " if args.dry_run else ""
    print(
        f"{outcome.rows:,} rows read ({outcome.encoding}): {would}add {outcome.added:,} "
        f"members, {would}merge {outcome.merged:,}, skip {outcome.skipped:,}; "
        f"{len(outcome.bad_rows):,} bad; opening stored value "
        f"{format_money(outcome.stored_value)} and {outcome.points:,} points"
        + (" (dry run: nothing changed)" if args.dry_run else "")
    )
    if listed > 0:
        print(f"{command}: {listed:,} row(s) listed in {report}", file=sys.stderr)
    return 0
