"""``pos migrate-to URL``: move this till's SQLite database to PostgreSQL (``app/migrate_to``)."""

from __future__ import annotations

import argparse
import functools
import sys
from datetime import datetime

from app.config import resolve_database_url


def add_migrate_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    migrate = commands.add_parser(
        "migrate-to",
        help="move this till's SQLite database to PostgreSQL: copy, verify (rows, ledger "
        "sums, balances, hash chains), then switch the till over; the SQLite file is kept",
    )
    migrate.add_argument(
        "target",
        metavar="URL",
        help="postgresql+psycopg://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require] "
        "(an empty database; see docs/POSTGRESQL.md)",
    )
    migrate.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="the SQLite database to move (default: this till's, as pos would open it)",
    )
    migrate.add_argument(
        "--replace",
        action="store_true",
        help="overwrite a PostgreSQL database that already holds data",
    )


def run_migrate_to(args: argparse.Namespace) -> int:
    from app.migrate_to.errors import CopyDiffers, MoveRefused
    from app.migrate_to.move import move_till
    from app.migrate_to.urls import shown

    progress = functools.partial(print, flush=True)
    source = args.source or resolve_database_url(args.db)
    try:
        moved = move_till(source, args.target, datetime.now(), progress, replace=args.replace)
    except CopyDiffers as differs:
        print(f"pos migrate-to: {differs}:", file=sys.stderr)
        for line in differs.differences:
            print(f"  {line}", file=sys.stderr)
        return 1
    except MoveRefused as refusal:
        print(f"pos migrate-to: {refusal}", file=sys.stderr)
        return 1
    proof = moved.proof
    print(
        f"moved {proof.rows:,} rows in {proof.tables} tables in {moved.seconds:.1f} s "
        f"(copy {moved.copy_seconds:.1f} s, verification {moved.verify_seconds:.1f} s)"
    )
    print(f"this till now opens {shown(moved.target)} (set in {moved.setting})")
    print(f"the SQLite database is kept unchanged at {moved.source}")
    if moved.overridden:
        print(
            "pos migrate-to: POS_DATABASE_URL is set and still wins over the new setting: "
            "change or unset it",
            file=sys.stderr,
        )
    return 0
