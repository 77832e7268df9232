"""A report too large for a sensible PDF is refused before a row is read, in one
sentence that offers CSV; the same report as CSV is written, row by row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import Till
from app.domain.member_filters import MemberFilter
from app.pdf_limits import PDF_ROW_LIMIT, TooLargeForPdf
from app.reports.source import SqlReportSource
from app.services.member_list import EXPORTED, ListExport, MemberListService
from app.services.reports import ExportFormat, ReportService
from db.engine import create_db_engine, session_factory
from db.member_list_query import SqlMemberListReader
from db.models import AuditEventRow
from db.unit_of_work import SqlUnitOfWork


@pytest.fixture
def limited(till: Till) -> Iterator[ReportService]:
    """The till's reports with a PDF limit of three rows (the demo has more members)."""
    engine = create_db_engine(till.config.database_url)
    sessions = session_factory(engine)
    source = SqlReportSource(sessions, 0)
    yield ReportService(partial(SqlUnitOfWork, sessions), source, till.clock, "T1", pdf_row_limit=3)
    engine.dispose()


def test_a_pdf_beyond_the_row_limit_is_refused_before_it_starts(
    till: Till, limited: ReportService, tmp_path: Path
) -> None:
    manager = till.auth.log_in("manager", "9999")
    service, folder = limited, tmp_path / "exports"
    out = folder / "tenure.pdf"

    with pytest.raises(TooLargeForPdf) as refused:
        service.export("tenure", {}, ExportFormat.PDF, out, manager, "en")

    assert refused.value.rows > 3 and refused.value.limit == 3
    assert "export it as CSV" in str(refused.value)
    assert not out.exists() and not any(folder.glob("*"))  # nor a partial file

    done = service.export("tenure", {}, ExportFormat.CSV, folder / "tenure.csv", manager, "en")
    assert done.rows == refused.value.rows  # the count it refused with is what CSV holds
    assert (folder / "tenure.csv").read_text(encoding="utf-8-sig").count("\n") == done.rows + 1


def test_the_tills_own_reports_keep_pdfs_up_to_the_limit(till: Till, tmp_path: Path) -> None:
    manager = till.auth.log_in("manager", "9999")
    done = till.reports.export("tenure", {}, ExportFormat.PDF, tmp_path / "t.pdf", manager, "en")
    assert 0 < done.rows <= PDF_ROW_LIMIT
    assert (tmp_path / "t.pdf").stat().st_size > 0


def test_a_call_list_beyond_the_limit_is_refused_and_audited(till: Till, tmp_path: Path) -> None:
    engine = create_db_engine(till.config.database_url)
    sessions = session_factory(engine)
    lists = MemberListService(
        partial(SqlUnitOfWork, sessions),
        partial(SqlMemberListReader, sessions),
        till.clock,
        "T1",
        till.auth,
        till.members,
        pdf_row_limit=1,
    )
    manager = till.auth.log_in("manager", "9999")
    path = tmp_path / "calls.pdf"
    try:
        with pytest.raises(TooLargeForPdf):
            lists.export(manager, MemberFilter(), None, ListExport.CALL_LIST, path)
        assert not path.exists()
        with sessions() as session:
            detail = session.scalars(
                select(AuditEventRow.detail).where(AuditEventRow.action == EXPORTED)
            ).one()
        assert json.loads(detail)["outcome"] == "TooLargeForPdf"
    finally:
        engine.dispose()
