"""The Z report names the store or the scope it covers, on the slip and in its PDF, on
both databases (two stores on one database)."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from app.domain.money import CNY
from app.exports.model import Language
from app.reports.source import SqlReportSource
from app.reports.z_slip import build_z_slip
from app.services.reports import CommandLine, ExportFormat
from db.engine import create_db_engine, session_factory
from hardware.printing.layout import lay_out
from tests.integration.test_store_views import Chain, chain  # noqa: F401


def slip_header(
    chain: Chain,  # noqa: F811
    language: Language,
    store: str = "",
    region: str = "",
) -> str:
    engine = create_db_engine(chain.url)
    try:
        source = SqlReportSource(session_factory(engine))
        day = chain.main.clock.now().date()
        figures = source.z_figures(None, day, {"store": store, "region": region})
    finally:
        engine.dispose()
    settings = {"restaurant_name": "川味小馆"}
    slip = build_z_slip(figures, settings, language, CNY, datetime(2026, 11, 22), "李经理")
    return "\n".join(line.text for line in lay_out(slip, 48)[:6])


def test_the_slip_names_the_store_the_region_or_the_whole_chain(chain: Chain) -> None:  # noqa: F811
    assert "Store East Road · Till all tills" in slip_header(chain, "en", str(chain.east_id))
    assert "门店 East Road" in slip_header(chain, "zh", str(chain.east_id))
    assert "Region 华东/杭州 ·" in slip_header(chain, "en", region="华东/杭州")
    assert "whole chain ·" in slip_header(chain, "en")
    assert "全连锁 ·" in slip_header(chain, "zh")


def test_the_z_reports_pdf_names_its_store(chain: Chain, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "z.pdf"
    given = {"store": str(chain.east_id), "till": "all"}
    chain.main.reports.export("eod", given, ExportFormat.PDF, path, CommandLine(), "zh")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "门店 East Road · 收银台 全部收银台" in text
