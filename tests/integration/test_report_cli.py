"""``pos report`` in-process: scheduled exports to CSV and PDF, audited as the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.payment import PaymentMethod, Tender
from db.models import AuditEventRow
from tests.integration.test_loyalty import cashier
from tests.integration.test_manual_discounts import guest_order
from ui.cli import main


def audits(url: str) -> list[AuditEventRow]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            query = select(AuditEventRow).where(AuditEventRow.action == "report_exported")
            return list(session.scalars(query.order_by(AuditEventRow.id)))
    finally:
        engine.dispose()


def test_the_list_names_every_report_and_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--list"]) == 0
    out = capsys.readouterr().out
    for word in ("tenure", "eod", "--day", "--till", "--group", "会员周期报表"):
        assert word in out


def test_csv_and_pdf_are_written_and_audited_as_the_command_line(
    till: Till, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    till.checkout.check_out(
        guest_order(till, "HOT-01"), Tender(PaymentMethod.CASH, 3_800), cashier(till)
    )
    csv_file, pdf_file = tmp_path / "tenure.csv", tmp_path / "out" / "z.pdf"

    assert (
        main(
            [
                "report",
                "tenure",
                "--db",
                database_url,
                "--format",
                "csv",
                "--out",
                str(csv_file),
                "--as-of",
                "2026-11-22",
                "--group",
                "expiring",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "report",
                "eod",
                "--db",
                database_url,
                "--out",
                str(pdf_file),
                "--day",
                "2026-11-22",
                "--till",
                "T1",
                "--language",
                "en",
            ]
        )
        == 0
    )

    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[:3] == ["分组", "会员号", "姓名"]
    assert rows and {row[0] for row in rows} == {"即将到期"}
    assert "M0000002" in {row[1] for row in rows}
    text = "\n".join(page.extract_text() for page in PdfReader(pdf_file).pages)
    assert "End of day (Z report)" in text and "¥38.00" in text and "Generated" in text
    out = capsys.readouterr().out
    assert f"tenure: {len(rows)} rows written to {csv_file}" in out
    tenure, eod = audits(database_url)
    assert (tenure.staff_id, tenure.till_id, tenure.subject) == (None, "cli", "report:tenure")
    detail = json.loads(tenure.detail)
    assert (detail["actor"], detail["rows"], detail["format"]) == ("cli", len(rows), "csv")
    assert json.loads(eod.detail)["parameters"] == "day=2026-11-22, till=T1"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["report", "nope", "--out", "x.csv"], 2, "no report named 'nope'"),
        (["report", "eod", "--out", "x.csv", "--group", "new"], 2, "no parameter group"),
        (["report", "eod", "--out", "x.csv", "--day", "22/11/2026"], 2, "--day"),
        (["report", "eod", "--out", "x.txt"], 2, "--format"),
        (["report", "eod"], 2, "--out"),
    ],
)
def test_mistakes_are_one_line_on_stderr_and_write_nothing(
    till: Till,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    args = [a if a not in ("x.csv", "x.txt") else str(tmp_path / "out" / a) for a in args]
    assert main([*args, "--db", database_url]) == code
    err = capsys.readouterr().err
    assert err.startswith("pos report:") and message in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
    assert audits(database_url) == []


def test_a_missing_database_is_refused_without_creating_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    assert main(["report", "eod", "--db", url, "--out", str(tmp_path / "z.pdf")]) == 1
    assert "no database file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
