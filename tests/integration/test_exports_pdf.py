"""PDF exports read back with pypdf: pages, repeated headers, page x of y, Chinese text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.exports import Cell, Column, ColumnKind, Document, ExportCancelled, Table, write_pdf

COLUMNS = (
    Column("member_no", "会员号"),
    Column("name", "姓名"),
    Column("spend", "消费金额", ColumnKind.MONEY),
    Column("expires", "到期日", ColumnKind.DATE),
)
GENERATED = datetime(2026, 11, 22, 12, 30)


def members(count: int) -> Iterator[Sequence[Cell]]:
    for i in range(count):
        yield (f"M{i:07d}", "张伟" if i % 2 else "Wang, Fang", i * 100 + 50, date(2026, 12, 1))


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_two_thousand_rows_paginate_with_the_header_on_every_page(tmp_path: Path) -> None:
    target = tmp_path / "members.pdf"
    table = Table(
        "会员名单",
        COLUMNS,
        members(2000),
        "即将到期 · 金卡及以上",
        2000,
        generated_at=GENERATED,
        generated_by="王经理",
    )

    assert write_pdf(table, target) == 2000

    pages = pages_text(target)
    assert len(pages) >= 20
    for number, text in enumerate(pages, start=1):
        assert "会员号" in text and "消费金额" in text and "到期日" in text
        assert re.search(rf"第 {number} 页，共\s*{len(pages)} 页", text), text[-80:]
        assert "生成时间 2026-11-22 12:30" in text and "王经理" in text
    everything = "\n".join(pages)
    assert "M0000000" in pages[0] and "M0001999" in pages[-1]
    assert all(f"M{i:07d}" in everything for i in range(0, 2000, 97))
    assert "¥0.50" in pages[0] and "¥1,999.50" in pages[-1]
    assert "张伟" in everything


def test_the_chinese_font_is_embedded(tmp_path: Path) -> None:
    target = tmp_path / "one.pdf"
    write_pdf(Table("会员", COLUMNS, members(3)), target)
    fonts = PdfReader(target).pages[0]["/Resources"]["/Font"]
    names = [str(font.get_object()["/BaseFont"]) for font in fonts.values()]
    embedded = [
        font.get_object()
        for font in fonts.values()
        if "WenQuanYi" in str(font.get_object()["/BaseFont"])
    ]
    assert embedded, names
    assert "/FontFile2" in embedded[0]["/FontDescriptor"]  # TrueType outlines in the file


def test_a_document_of_sections_and_an_empty_table(tmp_path: Path) -> None:
    sales = Table(
        "销售 Sales",
        (Column("k", "项目"), Column("v", "金额", ColumnKind.MONEY)),
        [("小计", 12600), ("折扣", -1260)],
    )
    empty = Table("退款 Refunds", (Column("k", "单号"), Column("v", "金额", ColumnKind.MONEY)), [])
    target = tmp_path / "z.pdf"

    write_pdf(Document("日结报表 Z", (sales, empty), "T1 · 2026-11-22", language="en"), target)

    (text,) = pages_text(target)
    assert "销售 Sales" in text and "¥126.00" in text and "-¥12.60" in text
    assert "退款 Refunds" in text and "(no rows)" in text
    assert re.search(r"Page 1 of\s*1", text)


def test_many_columns_turn_the_page_to_landscape(tmp_path: Path) -> None:
    wide = tuple(Column(f"c{i}", f"列{i}") for i in range(8))
    target = tmp_path / "wide.pdf"
    write_pdf(Table("宽表", wide, [tuple(str(i) for i in range(8))]), target)
    box = PdfReader(target).pages[0].mediabox
    assert box.width > box.height


def test_a_cancelled_pdf_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ExportCancelled):
        write_pdf(Table("t", COLUMNS, members(5000)), tmp_path / "x.pdf", lambda n: n < 1500)
    assert list(tmp_path.iterdir()) == []
