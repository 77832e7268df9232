"""``pos rules export`` and ``pos whatif``: the command line of ``app.whatif``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from app.config import resolve_database_url

EXPORT_HELP = (
    "write the live loyalty rules (tiers, points, stored value, renewals, offers, stacking) "
    "as a draft file to edit and give to pos whatif"
)
WHATIF_HELP = (
    "replay the paid orders of a period under the rules in force and under a draft, and "
    "show what each would have cost side by side (amounts in fen in the JSON)"
)


def add_whatif_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    rules = commands.add_parser("rules", help="the loyalty rules without a window")
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", parents=[database], help=EXPORT_HELP)
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="draft file")
    whatif = commands.add_parser(
        "whatif", parents=[database], help=WHATIF_HELP, description=WHATIF_HELP
    )
    whatif.add_argument("--draft", type=Path, required=True, metavar="FILE", help="draft file")
    whatif.add_argument(
        "--from", dest="first", type=_day, required=True, metavar="YYYY-MM-DD",
        help="first business day",
    )  # fmt: skip
    whatif.add_argument(
        "--to", dest="last", type=_day, required=True, metavar="YYYY-MM-DD",
        help="last business day",
    )  # fmt: skip
    whatif.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-30") from None


def run_rules_export(args: argparse.Namespace) -> int:
    from app.errors import TillError
    from app.whatif.run import export_rules

    url = resolve_database_url(args.command_db or args.db)
    try:
        draft = export_rules(url, args.out)
    except (TillError, OSError) as refusal:
        print(f"pos rules export: {_sentence(refusal)}", file=sys.stderr)
        return 1
    print(
        f"{len(draft.tiers)} tiers, {len(draft.rules.offers)} offers and "
        f"{len(draft.rules.renewal_offers)} renewal offers written to {args.out}"
    )
    return 0


def run_whatif(args: argparse.Namespace) -> int:
    from app.errors import TillError
    from app.whatif.report import comparison_json, comparison_table
    from app.whatif.run import read_draft, what_if

    url = resolve_database_url(args.command_db or args.db)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if total >= 20_000 and done % 20_000 == 0 and sys.stderr.isatty():
            print(f"replayed {done:,} of {total:,} orders", file=sys.stderr, flush=True)

    try:
        draft = read_draft(args.draft)
        comparison = what_if(url, draft, args.first, args.last, progress)
        if args.json:
            data = comparison_json(comparison, args.first, args.last)
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    except (TillError, OSError) as refusal:
        print(f"pos whatif: {_sentence(refusal)}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"{args.first} to {args.last}: live rules (as in force) against {args.draft}\n")
    print(comparison_table(comparison), end="")
    print(f"\n{comparison.current.orders:,} orders replayed twice in {elapsed:.1f} s")
    return 0


def _sentence(refusal: Exception) -> str:
    if isinstance(refusal, OSError) and refusal.strerror:
        where = f" ({refusal.filename})" if refusal.filename else ""
        return f"{refusal.strerror}{where}"
    return str(refusal)
