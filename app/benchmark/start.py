"""``pos bench start``: seconds from a cold process to the sign-in window, median of runs.

Each start is a process of its own (``python -m ui.bench_start``, the real ``pos``
start-up, offscreen), timed from launch to its ``shown`` line. Three cases: the demo
restaurant, the N-member benchmark database, and that database's first start after
``MISSED_DAYS`` days without daily work (the clock moved ahead). Before timing, the
daily work due today is done once to the end, as a till that ran yesterday would have
it; its duration is reported too. The settings table (the daily jobs' watermarks) is
put back after every start, so each missed-days start finds the same work missed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.bootstrap import build_till
from app.clock import SystemClock
from app.demo_database import create_demo_database
from app.till_config import TillConfig

MISSED_DAYS = 30
DEMO_MEMBERS = 300
TIMEOUT_S = 900


@dataclass(frozen=True)
class StartTimes:
    case: str
    members: int
    days_missed: int
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def summary(self) -> str:
        runs = ", ".join(f"{s:.2f}" for s in self.seconds)
        return f"{self.case}: median {self.median:.2f} s ({runs})"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": "start",
            "case": self.case,
            "members": self.members,
            "days_missed": self.days_missed,
            "median_s": round(self.median, 3),
            "runs_s": [round(s, 3) for s in self.seconds],
        }


def demo_database(folder: Path) -> Path:
    path = folder / "demo.db"
    create_demo_database(f"sqlite:///{path}", DEMO_MEMBERS, date.today())
    return path


def catch_up(path: Path) -> float:
    """Do today's daily work to the end (not timed as a start); returns its seconds."""
    started = time.perf_counter()
    till = build_till(TillConfig(f"sqlite:///{path}", till_id="BENCH"))
    try:
        today = SystemClock().now().date()
        for job in (till.points_expiry, till.tier_review, till.segments):
            job.run(today)
    finally:
        till.close()
    return time.perf_counter() - started


def one_start(path: Path, settings: Path, days_ahead: int) -> float:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment["XDG_DATA_HOME"] = str(settings.parent)  # its backups go there, not home
    # As installed: compiled modules are kept (without them each start compiles the
    # till's sources again, 0.5-0.9 s of CPU that no installed till spends).
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "ui.bench_start", f"sqlite:///{path}", str(settings)]
    with tempfile.TemporaryFile("w+") as errors:  # Qt's offscreen notes; shown on failure
        started = time.perf_counter()
        with subprocess.Popen(
            [*command, str(days_ahead)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=environment,
        ) as child:
            assert child.stdout is not None
            line = child.stdout.readline()
            seconds = time.perf_counter() - started
            child.wait(TIMEOUT_S)
        if line.strip() != "shown":
            errors.seek(0)
            raise RuntimeError(
                f"the till did not reach its sign-in window (exit {child.returncode}): "
                + errors.read()[-2000:]
            )
    return seconds


def measure(
    case: str, path: Path, members: int, runs: int, days_ahead: int, progress: Callable[[str], None]
) -> StartTimes:
    kept = _settings(path)
    seconds: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "till-settings.json"
        for _ in range(runs):
            try:
                seconds.append(one_start(path, settings, days_ahead))
            finally:
                _restore_settings(path, kept)
    times = StartTimes(case, members, days_ahead, seconds)
    progress(times.summary())
    return times


def _settings(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path, timeout=30)) as db:
        return db.execute("SELECT key, value FROM settings").fetchall()


def _restore_settings(path: Path, rows: list[tuple[str, str]]) -> None:
    with closing(sqlite3.connect(path, timeout=30)) as db, db:
        db.execute("DELETE FROM settings")
        db.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", rows)


def render_table(results: list[StartTimes]) -> str:
    lines = [f"{'case':<28} {'members':>10} {'missed':>6} {'median s':>9}  runs"]
    for r in results:
        runs = " ".join(f"{s:.2f}" for s in r.seconds)
        lines.append(f"{r.case:<28} {r.members:>10,} {r.days_missed:>6} {r.median:>9.2f}  {runs}")
    return "\n".join(lines)


def write_json(path: Path, results: list[StartTimes], catch_ups: dict[str, float]) -> None:
    document = [
        *(r.as_json() for r in results),
        *({"kind": "catch_up", "case": c, "seconds": round(s, 2)} for c, s in catch_ups.items()),
    ]
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
