"""``pos bench daily``: the day's work in the background of a till while a cashier types,
measured in a process of its own (``ui.bench_daily``, which opens ``pos`` offscreen); this
side runs it, puts the watermarks back and reads its figures."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from app.benchmark.lookup import KEYSTROKE_DAILY, Timing

TIMEOUT_S = 1800


def measure(path: Path, queries: list[str]) -> tuple[Timing, dict[str, object]]:
    """Run the measuring process on ``path``; its keystroke timing and the other figures.
    Its data folder (settings, the day's backup) is a temporary one, removed after."""
    kept = _settings(path)
    with tempfile.TemporaryDirectory() as home:
        typed = Path(home) / "queries.json"
        typed.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=home)
        command = [sys.executable, "-m", "ui.bench_daily", f"sqlite:///{path}"]
        command += [str(Path(home) / "till-settings.json"), str(typed)]
        try:
            finished = subprocess.run(
                command, capture_output=True, text=True, env=environment, timeout=TIMEOUT_S
            )
        finally:
            _restore_settings(path, kept)
    if finished.returncode != 0:
        raise RuntimeError(f"the daily-work bench failed: {finished.stderr[-2000:]}")
    figures: dict[str, object] = json.loads(finished.stdout.strip().splitlines()[-1])
    return _timing(figures), figures


def summary(figures: dict[str, object]) -> str:
    return (
        f"sign-in to the painted till {figures['sign_in_ms']} ms "
        f"({figures['quiet_sign_in_ms']} ms with no daily work); "
        f"daily work: {figures['daily_work_s']} s in the background ({figures['done']}); "
        f"resident memory {figures['rss_signed_in_mb']} MB once signed in, peak "
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
