"""``pos bench checkout`` end to end on a small population: real checkouts through the
service, each one's rows written again by bare sqlite3, both timed and reported."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMBERS, RUNS, WARM_UP = 300, 12, 10


def test_checkouts_and_their_bare_copies_are_timed_in_one_run(tmp_path: Path) -> None:
    db, out = tmp_path / "bench.db", tmp_path / "checkout.json"
    command = [sys.executable, "-m", "ui.cli", "bench", "checkout", "--members", str(MEMBERS)]
    command += ["--runs", str(RUNS), "--json", str(out), "--db", str(db)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(out.read_text(encoding="utf-8"))
    assert (entry["kind"], entry["members"], entry["runs"]) == ("checkout", MEMBERS, RUNS)
    assert entry["synchronous"] in result.stdout and "statements a checkout" in result.stdout
    for key in ("p50_ms", "p99_ms", "bare_p50_ms", "bare_p99_ms", "statements"):
        assert entry[key] > 0, key
    assert entry["ratio_p50"] == entry["p50_ms"] / entry["bare_p50_ms"]
    with closing(sqlite3.connect(db)) as connection:
        sold = connection.execute(
            "SELECT count(*), count(DISTINCT member_id) FROM orders WHERE till_id = 'BENCH'"
        ).fetchone()
        bare = connection.execute(
            "SELECT count(*) FROM orders o JOIN orders b ON b.order_no = 'BARE-' || o.order_no"
            " AND b.member_id = o.member_id AND b.total_fen = o.total_fen"
            " AND b.points_earned = o.points_earned WHERE o.till_id = 'BENCH'"
        ).fetchone()[0]
        lines = connection.execute(
            "SELECT (SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
            "        WHERE o.till_id = 'BENCH'),"
            "       (SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
            "        WHERE o.till_id = 'BARE')"
        ).fetchone()
    assert sold == (WARM_UP + RUNS, WARM_UP + RUNS)  # a member each, every one recorded
    assert bare == WARM_UP + RUNS and lines[0] == lines[1] > 0  # the same rows, bare
