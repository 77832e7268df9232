"""``pos bench start`` end to end on a small population: every case reaches the real
sign-in window in a process of its own, and the missed days stay missed for each start."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 500


def test_each_case_is_timed_over_cold_starts_to_the_sign_in_window(tmp_path: Path) -> None:
    db, out = tmp_path / "bench.db", tmp_path / "start.json"
    command = [sys.executable, "-m", "ui.cli", "bench", "start", "--members", str(MEMBERS)]
    command += ["--runs", "2", "--json", str(out), "--db", str(db)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    starts = {entry["case"]: entry for entry in document if entry["kind"] == "start"}
    assert set(starts) == {"demo", "members", "after 30 days missed"}
    assert starts["members"]["members"] == starts["after 30 days missed"]["members"] == MEMBERS
    assert starts["after 30 days missed"]["days_missed"] == 30
    for case, entry in starts.items():
        assert len(entry["runs_s"]) == 2 and entry["median_s"] > 0, case
        assert case in result.stdout
    assert {entry["case"] for entry in document if entry["kind"] == "catch_up"} == {
        "demo",
        f"{MEMBERS} members",
    }
    with closing(sqlite3.connect(db)) as connection:  # each missed start's watermarks put back
        reviewed = connection.execute(
            "SELECT value FROM settings WHERE key = 'loyalty.tiers_reviewed_through'"
        ).fetchone()[0]
    assert reviewed == date.today().isoformat()  # the catch-up's day, not 30 days ahead
