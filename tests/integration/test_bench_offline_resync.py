"""The resync part of ``pos bench offline`` at a small count: figures come back as a plain
dict, every offline order is replayed, overdrafts are found and nothing is anomalous."""

from __future__ import annotations

from pathlib import Path

from app.benchmark.offline_resync import bench_offline_resync


def test_a_small_offline_resync_bench_replays_every_order_without_anomalies(
    tmp_path: Path,
) -> None:
    figures = bench_offline_resync(tmp_path / "bench", orders=24, members=8)

    assert figures["orders"] == 24
    assert figures["orders_per_second"] > 0
    assert figures["overdrafts"] >= 1  # the other till drained stored value spent offline
    assert figures["anomalies"] == 0
    assert (figures["balance_not_ledger"], figures["duplicate_orders"], figures["lost_sales"]) == (
        0,
        0,
        0,
    )
