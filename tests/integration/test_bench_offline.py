"""``pos bench offline`` end to end on a small population: the copy is built, every lookup
path is timed online and offline, and the JSON has a ratio per path and the resync's
figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMBERS, QUERIES, RESYNC_ORDERS = 300, 20, 12


def test_the_copy_is_built_and_lookups_are_timed_online_and_offline(tmp_path: Path) -> None:
    db, out = tmp_path / "bench.db", tmp_path / "offline.json"
    command = [sys.executable, "-m", "ui.cli", "bench", "offline", "--members", str(MEMBERS)]
    command += ["--queries", str(QUERIES), "--json", str(out), "--db", str(db)]
    command += ["--resync-orders", str(RESYNC_ORDERS)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["members"], report["server"]) == (MEMBERS, "sqlite")
    assert report["build_s"] > 0 and report["copy_bytes"] > 0
    resync = report["resync"]
    assert (resync["orders"], resync["anomalies"]) == (RESYNC_ORDERS, 0), resync
    assert resync["orders_per_second"] > 0 and "offline orders" in result.stdout
    paths = ("card", "phone", "last4", "member_no", "name", "pinyin_initials")
    assert set(report["lookup"]) == set(paths)
    for path in paths:
        timed = report["lookup"][path]
        assert timed["online"]["p50_ms"] > 0 and timed["offline"]["p50_ms"] > 0, path
        assert timed["ratio"] == round(timed["offline"]["p50_ms"] / timed["online"]["p50_ms"], 2)
        assert path in result.stdout
