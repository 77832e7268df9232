"""``pos bench daily``: the day's work in the background of a till process while a cashier
types, as issue 19 sets it (done in under a minute, keystroke-to-paint still ≤ 30 ms,
resident memory ≤ 300 MB at every moment).

The measuring runs in a process of its own (``python -m ui.bench_daily URL QUERIES``), so
its memory is a till's: the till built as ``pos`` builds it, a search box searching
through the cashier window's path (``ui.bench_ui.SearchBench``), and ``ui.daily_jobs``
started as the till starts it after its window shows (backup, search keys, points
expiry, tier review, segments). It types the queries round and round until the daily
work is done, then types them once more on a quiet till (the baseline), and prints one
JSON line. A thread reads the resident set (``/proc/self/statm``) every 10 ms; the
kernel's high-water mark (``VmHWM``) is reported too. The settings table (the jobs'
watermarks) is put back afterwards, so the next run finds the same day's work to do.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

from app.benchmark.lookup import KEYSTROKE_DAILY, Timing, timing

SAMPLE_S = 0.01
TIMEOUT_S = 1800


class RssSampler(threading.Thread):
    """The process's resident set, sampled until ``stop``; ``peak_mb`` the highest."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self._stop_event = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def run(self) -> None:
        with open("/proc/self/statm", encoding="ascii") as statm:
            while not self._stop_event.wait(SAMPLE_S):
                statm.seek(0)
                resident = int(statm.read().split()[1]) * self._page / 2**20
                self.peak_mb = max(self.peak_mb, resident)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


def resident_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(url: str, queries: list[str]) -> dict[str, object]:
    """In the measuring process: the daily work under typing; the figures as a dict."""
    from app.backups.daily import DailyBackup
    from app.bootstrap import build_till
    from app.till_config import TillConfig
    from ui.bench_ui import SearchBench, keystrokes_while
    from ui.daily_jobs import DailyJobs

    sampler = RssSampler()
    sampler.start()
    till = build_till(TillConfig(url, till_id="BENCH"))
    bench = SearchBench(till.members.search)
    bench.keystroke_ns(queries[0])  # the pool's threads and connections, as a first search
    before_mb = resident_mb()
    with tempfile.TemporaryDirectory() as backups:
        backup = DailyBackup.of(url, Path(backups), till.clock)
        started = time.perf_counter()
        jobs = DailyJobs(
            till.clock, till.points_expiry, till.tier_review, till.segments, None, backup,
            search_keys=till.search_keys,
        )  # fmt: skip
        during, hits = keystrokes_while(bench, queries, lambda: jobs.busy)
        seconds = time.perf_counter() - started
        jobs.stop()
        done = {
            "backups": sum(jobs.backups_made),
            "expired_points": sum(jobs.expired_points),
            "tiers_moved": sum(jobs.tiers_moved),
            "segments_changed": sum(jobs.segments_changed),
        }
    quiet = [bench.keystroke_ns(text)[0] for text in queries]
    peak_mb = sampler.stop()
    bench.close()
    till.close()
    measured = timing(KEYSTROKE_DAILY, during, hits, quiet)
    return {
        **measured.as_json(),
        "daily_work_s": round(seconds, 1),
        "done": done,
        "rss_before_mb": round(before_mb, 1),
        "rss_peak_sampled_mb": round(peak_mb, 1),
        "rss_high_water_mb": round(resident_mb("VmHWM"), 1),
    }


def measure(path: Path, queries: list[str]) -> tuple[Timing, dict[str, object]]:
    """Run the measuring process on ``path``; its keystroke timing and the other figures."""
    kept = _settings(path)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as typed:
        json.dump(queries, typed, ensure_ascii=False)
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "ui.bench_daily", f"sqlite:///{path}", typed.name]
    try:
        finished = subprocess.run(
            command, capture_output=True, text=True, env=environment, timeout=TIMEOUT_S
        )
    finally:
        Path(typed.name).unlink(missing_ok=True)
        _restore_settings(path, kept)
    if finished.returncode != 0:
        raise RuntimeError(f"the daily-work bench failed: {finished.stderr[-2000:]}")
    figures: dict[str, object] = json.loads(finished.stdout.strip().splitlines()[-1])
    return _timing(figures), figures


def summary(figures: dict[str, object]) -> str:
    return (
        f"daily work: {figures['daily_work_s']} s in the background ({figures['done']}); "
        f"resident memory {figures['rss_before_mb']} MB before it, peak "
        f"{figures['rss_peak_sampled_mb']} MB sampled, {figures['rss_high_water_mb']} MB "
        "high-water mark"
    )


def _timing(figures: dict[str, object]) -> Timing:
    def ms(key: str) -> float:
        value = figures[key]
        assert isinstance(value, (int, float))
        return float(value)

    queries, hit_rate = figures["queries"], figures["hit_rate"]
    assert isinstance(queries, int) and isinstance(hit_rate, (int, float))
    return Timing(
        KEYSTROKE_DAILY, queries, float(hit_rate), ms("p50_ms"), ms("p95_ms"), ms("p99_ms"),
        ms("baseline_p50_ms"), ms("baseline_p99_ms"),
    )  # fmt: skip


def _settings(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path, timeout=30)) as db:
        return db.execute("SELECT key, value FROM settings").fetchall()


def _restore_settings(path: Path, rows: list[tuple[str, str]]) -> None:
    with closing(sqlite3.connect(path, timeout=30)) as db, db:
        db.execute("DELETE FROM settings")
        db.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", rows)


if __name__ == "__main__":
    url, queries_file = sys.argv[1], sys.argv[2]
    typed = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    print(json.dumps(child(url, typed)), flush=True)
    os._exit(0)  # the figures are out: no waiting for Qt's and the pools' teardown
