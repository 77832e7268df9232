"""``pos bench daily`` end to end on a small population: the day's work runs in the
background of a till process of its own while the search box is typed in, its figures are
reported, and the watermarks are put back for the next run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 1500


def watermarks(db: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(
            "SELECT key, value FROM settings WHERE key LIKE '%through' ORDER BY key"
        ).fetchall()


def test_the_days_work_is_done_under_typing_and_its_watermarks_put_back(tmp_path: Path) -> None:
    db, out = tmp_path / "bench.db", tmp_path / "daily.json"
    command = [sys.executable, "-m", "ui.cli", "bench", "daily", "--members", str(MEMBERS)]
    command += ["--queries", "5", "--json", str(out), "--db", str(db)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    first = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert first.returncode == 0, first.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["kind"] == "keystroke_to_paint_during_daily_work"
    assert figures["target_ms"] == 30.0
    assert figures["done"]["backups"] == 1  # the till's daily work includes its backup
    assert figures["done"]["expired_points"] > 0  # the population's points are due today
    assert 0 < figures["rss_signed_in_mb"] <= figures["rss_peak_sampled_mb"]
    assert figures["rss_peak_sampled_mb"] <= figures["rss_high_water_mb"] + 1
    assert 0 < figures["baseline_p50_ms"] <= figures["baseline_p99_ms"]  # typed once quiet
    assert figures["sign_in_ms"] > 0 and figures["quiet_sign_in_ms"] > 0  # tap to painted
    assert "daily work:" in first.stdout and "resident memory" in first.stdout

    kept = watermarks(db)
    again = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert again.returncode == 0, again.stderr
    assert watermarks(db) == kept
    assert json.loads(out.read_text(encoding="utf-8"))["done"]["backups"] == 1
