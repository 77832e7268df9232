"""CSV exports: Excel-friendly UTF-8, exact round trips, formula-safe text, clean cancels."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.money import Currency
from app.exports import (
    Cell,
    Column,
    ColumnKind,
    Document,
    ExportCancelled,
    Table,
    plain_money,
    write_csv,
)

COLUMNS = (
    Column("member_no", "会员号"),
    Column("name", "姓名"),
    Column("spend", "消费", ColumnKind.MONEY),
    Column("visits", "到店次数", ColumnKind.INTEGER),
    Column("expires", "到期", ColumnKind.DATE),
    Column("seen", "最近", ColumnKind.DATETIME),
)


def read_back(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_chinese_commas_quotes_and_newlines_survive_a_round_trip(tmp_path: Path) -> None:
    rows: list[Sequence[Cell]] = [
        ("M0000001", "张伟", 1250, 3, date(2026, 12, 1), datetime(2026, 11, 22, 12, 30)),
        ("M0000002", '李"小"红, 经理\n二楼', -300, 0, None, None),
        ("M0000003", "Émile O'Neil", 0, 1_234_567, date(2027, 1, 31), None),
    ]
    target = tmp_path / "members.csv"

    assert write_csv(Table("会员", COLUMNS, iter(rows)), target) == 3

    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    assert read_back(target) == [
        ["会员号", "姓名", "消费", "到店次数", "到期", "最近"],
        ["M0000001", "张伟", "12.50", "3", "2026-12-01", "2026-11-22 12:30:00"],
        ["M0000002", '李"小"红, 经理\n二楼', "-3.00", "0", "", ""],
        ["M0000003", "Émile O'Neil", "0.00", "1234567", "2027-01-31", ""],
    ]


def test_text_that_looks_like_a_formula_is_defused_but_numbers_are_not(tmp_path: Path) -> None:
    columns = (Column("text", "=SUM(A1)"), Column("money", "Money", ColumnKind.MONEY))
    rows = [
        ('=HYPERLINK("http://x")', -500),
        ("+86 138", 0),
        ("-1", 1),
        ("@cmd", 2),
        ("\tTAB", 3),
        ("safe = fine", 4),
    ]
    target = tmp_path / "x.csv"

    write_csv(Table("t", columns, rows), target)

    assert read_back(target) == [
        ["'=SUM(A1)", "Money"],
        ['\'=HYPERLINK("http://x")', "-5.00"],
        ["'+86 138", "0.00"],
        ["'-1", "0.01"],
        ["'@cmd", "0.02"],
        ["'\tTAB", "0.03"],
        ["safe = fine", "0.04"],
    ]


def test_a_cancelled_export_leaves_no_file_and_keeps_an_earlier_one(tmp_path: Path) -> None:
    pulled: list[int] = []

    def rows() -> Iterator[Sequence[Cell]]:
        for i in range(10_000):
            pulled.append(i)
            yield (f"M{i}", "x", i, i, None, None)

    calls: list[int] = []

    def progress(done: int) -> bool:
        calls.append(done)
        return done < 1000

    fresh = tmp_path / "fresh.csv"
    with pytest.raises(ExportCancelled):
        write_csv(Table("t", COLUMNS, rows()), fresh, progress)
    assert calls == [500, 1000]
    assert len(pulled) == 1000  # stopped reading the cursor at once
    assert list(tmp_path.iterdir()) == []

    earlier = tmp_path / "earlier.csv"
    earlier.write_text("keep me")
    with pytest.raises(ExportCancelled):
        write_csv(Table("t", COLUMNS, rows()), earlier, lambda _done: False)
    assert earlier.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["earlier.csv"]


def test_progress_ends_with_the_total(tmp_path: Path) -> None:
    seen: list[int] = []
    rows = [("M1", "a", 1, 1, None, None)] * 1200
    write_csv(Table("t", COLUMNS, rows), tmp_path / "x.csv", lambda n: seen.append(n) is None)
    assert seen == [500, 1000, 1200]


def test_a_document_writes_its_sections_one_after_the_other(tmp_path: Path) -> None:
    sales = Table(
        "销售", (Column("k", "项目"), Column("v", "金额", ColumnKind.MONEY)), [("小计", 12600)]
    )
    pay = Table(
        "支付", (Column("m", "方式"), Column("v", "金额", ColumnKind.MONEY)), [("现金", 100)]
    )
    target = tmp_path / "z.csv"

    assert write_csv(Document("Z", (sales, pay)), target) == 2

    assert read_back(target) == [
        ["销售"],
        ["项目", "金额"],
        ["小计", "126.00"],
        [],
        ["支付"],
        ["方式", "金额"],
        ["现金", "1.00"],
        [],
    ]


def test_a_row_of_the_wrong_length_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 cells for 6 columns"):
        write_csv(Table("t", COLUMNS, [("a", "b")]), tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (1250, Currency(), "12.50"),
        (-5, Currency(), "-0.05"),
        (123456789, Currency(), "1234567.89"),
        (1500, Currency("JPY", "¥", 0), "1500"),
    ],
)
def test_money_is_a_plain_decimal(amount: int, currency: Currency, text: str) -> None:
    assert plain_money(amount, currency) == text


def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    exported = tmp_path / "export.csv"
    write_csv(Table("t", COLUMNS, []), exported)
    assert plain.stat().st_mode & 0o777 != 0o600  # the umask alone would not do it
    assert exported.stat().st_mode & 0o777 == 0o600  # members' data (issue 15)
