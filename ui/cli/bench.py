"""``pos bench``: the till measured at realistic scale (member lookup, the member list,
start-up, checkout, the daily work; ``tills`` and ``offline`` in their own modules)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.bench_offline import add_offline_bench_parser, run_offline_bench
from ui.cli.bench_tills import add_tills_parser, run_tills_bench

if TYPE_CHECKING:
    from app.benchmark.population import Population


def add_bench_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``pos bench lookup|members|start|checkout``: each at N members, on a population
    file reused when it already holds N."""
    population = argparse.ArgumentParser(add_help=False)
    population.add_argument(
        "--members", type=int, default=1_000_000, metavar="N", help="members (default 1000000)"
    )
    population.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        dest="bench_db",
        help="SQLite file, reused when it holds this population (default: bench-N.db in the "
        "system temp folder)",
    )
    population.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the results as JSON"
    )
    population.add_argument(
        "--seed", type=int, default=1, metavar="N", help="random seed (default 1)"
    )
    bench = commands.add_parser("bench", help="measure the till at realistic scale")
    benchmarks = bench.add_subparsers(dest="benchmark", metavar="BENCHMARK", required=True)
    lookup = benchmarks.add_parser(
        "lookup",
        parents=[population],
        help="member identification latency at N members, against the same SQL in bare sqlite3",
    )
    lookup.add_argument(
        "--queries", type=int, default=2000, metavar="N", help="queries per kind (default 2000)"
    )
    lookup.add_argument("--no-ui", action="store_true", help="skip the keystroke-to-paint test")
    for name, runs, help_runs, help_text in (
        (
            "members",
            30,
            "runs (default 30)",
            "the floor manager's member list at N members (open, filters, scrolling, "
            "export of 100,000 rows), against bare sqlite3",
        ),
        (
            "start",
            5,
            "starts per case (default 5)",
            "seconds from a cold start to the sign-in window (median of runs): on the demo, "
            "on N members, and after 30 days of missed daily work",
        ),
        (
            "checkout",
            300,
            "checkouts (default 300)",
            "checkout commit latency through the service (p50/p99) against the same rows "
            "written by bare sqlite3",
        ),
    ):
        benchmark = benchmarks.add_parser(name, parents=[population], help=help_text)
        benchmark.add_argument("--runs", type=int, default=runs, metavar="N", help=help_runs)
    daily = benchmarks.add_parser(
        "daily",
        parents=[population],
        help="the day's work in the background of a till at N members while a cashier types: "
        "its seconds, keystroke-to-paint meanwhile, the peak resident memory",
    )
    daily.add_argument(
        "--queries", type=int, default=100, metavar="N", help="queries per kind (default 100)"
    )
    add_tills_parser(benchmarks)
    add_offline_bench_parser(benchmarks, population)


def run_bench(args: argparse.Namespace) -> int:
    import functools

    if args.benchmark == "members":
        return run_members_bench(args)
    if args.benchmark == "start":
        return run_start_bench(args)
    if args.benchmark == "checkout":
        return run_checkout_bench(args)
    if args.benchmark == "tills":
        return run_tills_bench(args)
    if args.benchmark == "daily":
        return run_daily_bench(args)
    if args.benchmark == "offline":
        return run_offline_bench(args, bench_population)

    from app.benchmark.lookup import LookupBench, render_table, write_json

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--queries", args.queries, progress)
    if isinstance(prepared, int):
        return prepared
    path, population = prepared
    with LookupBench(path, args.seed) as bench:
        timings = bench.measure_all(args.queries, progress)
        if not args.no_ui:
            from ui.bench_ui import measure_keystroke_to_paint

            timings.append(measure_keystroke_to_paint(bench.service.search, bench.typed()))
            progress(timings[-1].summary())
    print(render_table(timings))
    if args.json:
        write_json(args.json, population, timings)
        print(f"results written to {args.json}")
    return 0


def bench_population(
    args: argparse.Namespace, count_flag: str, count: int, progress: Callable[[str], None]
) -> tuple[Path, Population] | int:
    """The bench database of ``--members`` members (made when missing or different), or
    the exit code when the arguments or the file are refused."""
    import tempfile

    from app.benchmark.population import PopulationRefused, ensure_population

    if args.members < 1 or count < 1:
        print(f"pos bench: --members and {count_flag} must be 1 or more", file=sys.stderr)
        return 2
    path = args.bench_db or Path(tempfile.gettempdir()) / f"bench-{args.members}.db"
    try:
        return path, ensure_population(path, args.members, args.seed, date.today(), progress)
    except PopulationRefused as refusal:
        print(f"pos bench: {refusal}", file=sys.stderr)
        return 1


def run_members_bench(args: argparse.Namespace) -> int:
    import functools

    from app.benchmark.member_list import MemberListBench, render_table, write_json

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--runs", args.runs, progress)
    if isinstance(prepared, int):
        return prepared
    path, population = prepared
    with MemberListBench(path, args.seed, date.today()) as bench:
        results = bench.measure_all(args.runs, progress)
    print(render_table(results))
    if args.json:
        write_json(args.json, population, results)
        print(f"results written to {args.json}")
    return 0


def run_start_bench(args: argparse.Namespace) -> int:
    import functools
    import tempfile

    from app.benchmark import start

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--runs", args.runs, progress)
    if isinstance(prepared, int):
        return prepared
    path, _ = prepared
    with tempfile.TemporaryDirectory() as folder:
        demo = start.demo_database(Path(folder))
        catch_ups = {"demo": start.catch_up(demo), f"{args.members} members": start.catch_up(path)}
        progress(f"today's daily work done first: {catch_ups}")
        results = [
            start.measure("demo", demo, start.DEMO_MEMBERS, args.runs, 0, progress),
            start.measure("members", path, args.members, args.runs, 0, progress),
            start.measure(
                f"after {start.MISSED_DAYS} days missed",
                path,
                args.members,
                args.runs,
                start.MISSED_DAYS,
                progress,
            ),
        ]
    print(start.render_table(results))
    if args.json:
        start.write_json(args.json, results, catch_ups)
        print(f"results written to {args.json}")
    return 0


def run_daily_bench(args: argparse.Namespace) -> int:
    import functools
    import json

    from app.benchmark import daily as bench_daily
    from app.benchmark.lookup import LookupBench, render_table

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--queries", args.queries, progress)
    if isinstance(prepared, int):
        return prepared
    path, _ = prepared
    with LookupBench(path, args.seed) as bench:
        queries = bench.typed(args.queries)
    timed, figures = bench_daily.measure(path, queries)
    print(render_table([timed]))
    print(bench_daily.summary(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"results written to {args.json}")
    return 0


def run_checkout_bench(args: argparse.Namespace) -> int:
    import functools

    from app.benchmark import checkout

    progress = functools.partial(print, flush=True)
    prepared = bench_population(args, "--runs", args.runs, progress)
    if isinstance(prepared, int):
        return prepared
    path, _ = prepared
    times = checkout.measure(path, args.members, args.runs, args.seed, progress)
    print(checkout.render(times))
    if args.json:
        checkout.write_json(args.json, times)
        print(f"results written to {args.json}")
    return 0
