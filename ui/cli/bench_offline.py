"""``pos bench offline``: building the local copy and member lookup online vs offline."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path


def add_offline_bench_parser(
    benchmarks: argparse._SubParsersAction[argparse.ArgumentParser],
    population: argparse.ArgumentParser,
) -> None:
    offline = benchmarks.add_parser(
        "offline",
        parents=[population],
        help="time to build the local copy at N members; lookup latency offline vs online",
    )
    offline.add_argument(
        "--queries", type=int, default=500, metavar="N", help="queries per lookup path (500)"
    )
    offline.add_argument(
        "--server",
        metavar="URL",
        help="a server database holding members already (e.g. PostgreSQL after pos migrate-to); "
        "default: the SQLite population file (--db)",
    )
    offline.add_argument(
        "--resync-orders",
        type=int,
        default=1000,
        metavar="N",
        help="offline orders sold on a demo restaurant's copy then resynced (1000; 0: none)",
    )
    offline.add_argument(
        "--resync-server",
        metavar="URL",
        help="an empty PostgreSQL database to resync on (default: a new SQLite file)",
    )
    offline.add_argument(
        "--stall-server",
        metavar="URL",
        help="an empty PostgreSQL database: time from a stall (connections open, nothing "
        "answers) to the next sale paid on the local copy",
    )
    offline.add_argument("--stall-runs", type=int, default=5, metavar="N", help="stalls timed (5)")


PopulationFile = Callable[
    [argparse.Namespace, str, int, Callable[[str], None]], "tuple[Path, object] | int"
]


def run_offline_bench(args: argparse.Namespace, population: PopulationFile) -> int:
    """``population`` is ``ui.cli.bench.bench_population`` (the bench's SQLite file)."""
    from app.benchmark import offline
    from app.bootstrap import prepare_database

    progress = functools.partial(print, flush=True)
    url = args.server
    if url is None:
        prepared = population(args, "--queries", args.queries, progress)
        if isinstance(prepared, int):
            return prepared
        url = f"sqlite:///{prepared[0]}"
    server = prepare_database(url, None, date.today())  # the schema brought to this version
    copy = Path(tempfile.mkdtemp(prefix="pos-offline-bench-")) / "local-copy.db"
    try:
        result = offline.measure(server, copy, args.queries, args.seed, progress)
        if args.resync_orders:
            from app.benchmark.offline_resync import bench_offline_resync

            progress(f"selling {args.resync_orders:,} orders offline, then the resync")
            figures = bench_offline_resync(
                copy.parent / "resync", orders=args.resync_orders, server_url=args.resync_server
            )
            result = dataclasses.replace(result, resync=figures)
        if args.stall_server:
            from app.benchmark.offline_stall import bench_offline_stall

            progress(f"stalling the server {args.stall_runs} times")
            stalled = bench_offline_stall(copy.parent / "stall", args.stall_server, args.stall_runs)
            result = dataclasses.replace(result, stall=stalled)
    except Exception as error:  # one sentence, never a traceback
        print(f"pos bench offline: {str(error).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        server.dispose()
        shutil.rmtree(copy.parent, ignore_errors=True)
    print(offline.render(result))
    if args.json:
        offline.write_json(args.json, result)
        print(f"results written to {args.json}")
    return 0
