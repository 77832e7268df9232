"""``pos bench members`` end to end on a small population, and that population's visit
figures agreeing with its orders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 3000
KINDS = {"open", "expiring_90", "gold_up_expiring_90", "scroll_page", "count_exact", "export_csv"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]], str]:
    folder = tmp_path_factory.mktemp("bench-members")
    db, out = folder / "bench.db", folder / "members.json"
    command = [sys.executable, "-m", "ui.cli", "bench", "members", "--members", str(MEMBERS)]
    command += ["--runs", "5", "--json", str(out), "--db", str(db)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    return db, {entry["kind"]: entry for entry in document}, result.stdout


def test_every_member_list_operation_is_timed_against_a_baseline(
    run: tuple[Path, dict[str, dict[str, Any]], str],
) -> None:
    _, by_kind, stdout = run
    assert set(by_kind) == {*KINDS, "generation"}
    for kind in KINDS:
        entry = by_kind[kind]
        assert 0 < entry["p50_ms"] <= entry["p99_ms"], kind
        assert 0 < entry["baseline_p50_ms"] <= entry["baseline_p99_ms"], kind
        assert entry["ratio"] > 0 and entry["rows"] > 0, kind
        assert kind in stdout
    assert by_kind["open"]["rows"] == 100 and by_kind["scroll_page"]["runs"] == 50
    assert by_kind["count_exact"]["rows"] == MEMBERS
    assert by_kind["export_csv"]["runs"] == 1


def test_visit_figures_agree_with_the_orders(
    run: tuple[Path, dict[str, dict[str, Any]], str],
) -> None:
    with closing(sqlite3.connect(run[0])) as db:

        def scalar(sql: str) -> Any:
            return db.execute(sql).fetchone()[0]

        orders = (
            "SELECT member_id, count(*) AS n, sum(total_fen) AS spend, max(business_day) AS day"
            " FROM orders GROUP BY member_id"
        )
        joined = f"SELECT * FROM members m JOIN ({orders}) o ON o.member_id = m.id"
        assert scalar(f"SELECT count(*) FROM ({joined})") > MEMBERS // 10
        assert scalar(f"SELECT count(*) FROM ({joined}) WHERE visits < n OR spend_fen < spend") == 0
        assert scalar(f"SELECT count(*) FROM ({joined}) WHERE last_visit_on <> day") == 0
        first_order = scalar("SELECT min(business_day) FROM orders")
        no_orders = "NOT EXISTS (SELECT 1 FROM orders o WHERE o.member_id = members.id)"
        late = f"last_visit_on >= '{first_order}'"
        assert scalar(f"SELECT count(*) FROM members WHERE {no_orders} AND {late}") == 0
        assert (
            scalar("SELECT count(*) FROM members WHERE (visits = 0) <> (last_visit_on IS NULL)")
            == 0
        )
        segments = {row[0] for row in db.execute("SELECT DISTINCT segment FROM members")}
        assert "" not in segments and {"lost", "new"} <= segments and len(segments) >= 5
