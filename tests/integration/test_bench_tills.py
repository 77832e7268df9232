"""``pos bench tills`` end to end on the test PostgreSQL: two till processes selling at
once (on a schedule: ``--rate``), their sales in the database under their own till ids,
no anomaly; and the anomaly checks name a lost update, a balance the tills were not told
of and a negative balance."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from app.benchmark.till_worker import Report
from app.benchmark.tills import anomalies
from db.till_bench import MemberState
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.postgres_server import PostgresServer

ROOT = Path(__file__).resolve().parents[2]
TILLS, OPS, RATE = 2, 6, 40


def test_two_tills_sell_at_once_without_anomalies(
    postgres: PostgresServer, demo_templates: DemoTemplates, clock: FakeClock, tmp_path: Path
) -> None:
    url, out = postgres.new_url(), tmp_path / "tills.json"
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    command = [sys.executable, "-m", "ui.cli", "bench", "tills", "--tills", str(TILLS)]
    command += ["--ops", str(OPS), "--db", url, "--json", str(out), "--contended"]
    command += ["--rate", str(RATE)]  # each till one operation every 50 ms
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)

    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["kind"], result["tills"], result["ops_per_till"]) == ("tills", TILLS, OPS)
    assert result["contended"] is True and result["operations"] == TILLS * OPS
    assert result["anomalies"] == 0 and set(result["anomaly_counts"]) == {
        "balance_vs_ledger", "negative_balance", "duplicate_order_number",
        "duplicate_receipt", "lost_update", "deadlock", "failed",
    }  # fmt: skip
    assert result["throughput_ops_s"] > 0
    assert (
        0
        < result["latency_ms"]["p50"]
        <= result["latency_ms"]["p95"]
        <= result["latency_ms"]["p99"]
    )
    assert (
        sum(kind["count"] for kind in result["by_kind"].values()) + result["refused"] == TILLS * OPS
    )
    assert "anomalies: 0" in done.stdout
    assert result["rate_ops_s"] == RATE and result["late_ms"]["count"] == TILLS * OPS
    assert result["seconds"] >= (OPS - 1) * TILLS / RATE  # each till's last start: 0.25 s in
    assert 0 <= result["schedules_apart_ms"] < 5_000  # released together
    assert "paced: 40 ops/s offered (each till one operation every 50 ms, the" in done.stdout
    engine = create_engine(url)
    with engine.connect() as connection:
        tills = connection.execute(
            text("SELECT till_id, count(*) FROM audit_events WHERE till_id LIKE 'BENCH%'"
                 " GROUP BY till_id ORDER BY till_id")
        ).all()  # fmt: skip
    engine.dispose()
    assert [till for till, _ in tills] == ["BENCH1", "BENCH2"]  # each till its own id


def test_the_anomaly_checks_name_what_the_tills_were_not_told() -> None:
    before = {1: MemberState(5_000, 5_000, 0, 100, 3), 2: MemberState(0, 0, 0, 0, 0)}
    after = {1: MemberState(9_000, 9_000, 0, 100, 4), 2: MemberState(-10, -10, 0, 0, 1)}
    till_a, till_b = Report("BENCH1"), Report("BENCH2")
    till_a.stored_value, till_a.visits = {1: 5_000}, {1: 1, 2: 1}  # told +5,000, saw -1,000
    till_b.visits = {1: 1}  # two visits sold to member 1, one counted: a lost update
    till_b.deadlocks = 1

    found = anomalies(before, after, [till_a, till_b], doubled_orders=0, doubled_receipts=2)

    assert found == {
        "balance_vs_ledger": 2, "negative_balance": 1, "duplicate_order_number": 0,
        "duplicate_receipt": 2, "lost_update": 1, "deadlock": 1, "failed": 0,
    }  # fmt: skip
