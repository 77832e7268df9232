"""``pos bench tills``: several till processes on one database (``app/benchmark/tills.py``)."""

from __future__ import annotations

import argparse
import functools
import math
import sys
from pathlib import Path


def add_tills_parser(benchmarks: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tills = benchmarks.add_parser(
        "tills",
        help="N till processes selling at once on one database (checkouts, stored-value "
        "payments, redemptions, top-ups, refunds): throughput, latency, anomalies (must be 0)",
    )
    tills.add_argument("--tills", type=int, default=8, metavar="N", help="tills (default 8)")
    tills.add_argument(
        "--ops", type=int, default=200, metavar="N", help="operations per till (default 200)"
    )
    tills.add_argument(
        "--db",
        required=True,
        metavar="URL",
        dest="bench_url",
        help="the shared database, e.g. postgresql+psycopg://USER@HOST/DB (a new one gets "
        "the demo restaurant)",
    )
    tills.add_argument(
        "--contended",
        action="store_true",
        help="every till on the same few members (default: members of its own)",
    )
    tills.add_argument(
        "--rate",
        type=float,
        default=0.0,
        metavar="OPS_S",
        help="operations a second across the tills, each till on a steady schedule as "
        "customers come (default: back to back, the most the database takes)",
    )
    tills.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    tills.add_argument("--seed", type=int, default=1, metavar="N", help="random seed (default 1)")


def run_tills_bench(args: argparse.Namespace) -> int:
    from app.benchmark import tills
    from app.errors import TillError

    if args.tills < 1 or args.ops < 1:
        print("pos bench tills: --tills and --ops must be 1 or more", file=sys.stderr)
        return 2
    if not math.isfinite(args.rate) or args.rate < 0:
        print("pos bench tills: --rate must be a number, 0 or more", file=sys.stderr)
        return 2
    progress = functools.partial(print, flush=True)
    try:
        result = tills.run(
            args.bench_url,
            args.tills,
            args.ops,
            args.contended,
            args.seed,
            progress,
            rate=args.rate,
        )
    except TillError as refusal:
        print(f"pos bench tills: {refusal}", file=sys.stderr)
        return 1
    print(tills.render(result))
    if args.json:
        tills.write_json(args.json, result)
        print(f"results written to {args.json}")
    return 0 if result.anomalies == 0 else 1
