"""The stall figure of ``pos bench offline``: the server stalls behind the bench's proxy,
the next sale is paid on the local copy, and what ended the wait was the stall check
(the till's default deadlines would have taken 7 s or more, which the figure is about)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.benchmark.offline import OfflineBench, render
from app.benchmark.offline_stall import bench_offline_stall
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_each_stall_is_found_by_the_stall_check_and_the_sale_is_paid_offline(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    figures = bench_offline_stall(tmp_path / "bench", postgres.create_database(), runs=2)

    assert figures["runs"] == 2 and len(figures["stalled_s"]) == 2
    assert figures["cut_by"] == ["stall check", "stall check"]
    shown = render(OfflineBench(0, "postgresql", 0.0, 0, {}, stall=figures))
    assert "server stalled: next sale paid offline after" in shown


def test_the_stall_figure_needs_a_postgresql_server(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="PostgreSQL"):
        bench_offline_stall(tmp_path, f"sqlite:///{tmp_path / 'server.db'}")
