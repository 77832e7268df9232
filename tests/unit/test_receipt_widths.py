"""Receipt widths as the printer counts them, characters its font lacks, and wrapping:
tables of the cases seen on real counters, and properties over arbitrary names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.printing.charset import FontCoverage, char_width, display_width, in_font, printable
from hardware.printing.document import ReceiptDocument, ReceiptItem
from hardware.printing.escpos_decode import decode_escpos
from hardware.printing.escpos_render import FS_CHINESE_ON, encode_line, render_escpos
from hardware.printing.layout import lay_out, two_columns, wrap
from tests.conftest import examples


@pytest.mark.parametrize(
    ("char", "columns"),
    [
        ("A", 1),
        ("¥", 1),  # code page 437, one byte
        ("é", 1),
        ("·", 1),  # code page 437 has the middle dot: one byte, one column
        ("宫", 2),
        ("×", 2),  # sent in Chinese mode: two columns, though Unicode calls it narrow
        ("“", 2),
        ("”", 2),
        ("…", 2),
        ("，", 2),
        ("€", 2),
        ("①", 2),
    ],
)
def test_a_character_is_as_wide_as_the_code_it_is_sent_as(char: str, columns: int) -> None:
    assert char_width(char) == columns
    sent = encode_line(char)
    assert (FS_CHINESE_ON in sent) is (columns == 2)


def test_a_refund_line_fits_now_that_the_times_sign_counts_two() -> None:
    (line,) = two_columns("宫保鸡丁", "×1", 32)
    assert display_width(line) == 32 and line.endswith("×1")
    assert decode_escpos(encode_line(line) + b"\n").widths == [32]


@pytest.mark.parametrize(
    ("text", "font", "printed"),
    [
        ("宫保鸡丁", FontCoverage.GB2312, "宫保鸡丁"),
        ("張偉", FontCoverage.GB2312, "张伟"),  # traditional: the simplified form
        ("燒味雙拼", FontCoverage.GB2312, "烧味双拼"),
        ("張偉", FontCoverage.GBK, "張偉"),  # a GBK font has it
        ("刘䶮", FontCoverage.GB2312, "刘[yan]"),  # rare: its reading in brackets
        ("刘䶮", FontCoverage.GBK, "刘[yan]"),  # a four-byte code: no two-byte font has it
        ("𠮷野家", FontCoverage.GBK, "?野家"),  # rare, no known reading
        ("辣子鸡🌶️", FontCoverage.GB2312, "辣子鸡?"),  # emoji and its variation selector
        ("👨‍👩‍👧 family", FontCoverage.GB2312, "? family"),  # one picture, one mark
        ("Cafe\u0301", FontCoverage.GB2312, "Café"),  # decomposed accents compose
        ("5㎏", FontCoverage.GB2312, "5kg"),
        ("5㎏", FontCoverage.GBK, "5㎏"),
        ("“好”……×·￥", FontCoverage.GB2312, "“好”……×·￥"),
        ("tab\there\x07", FontCoverage.GB2312, "tabhere"),
        ("two\nlines", FontCoverage.GB2312, "two\nlines"),
        ("Привет", FontCoverage.GB2312, "Привет"),  # GB2312 has Cyrillic
        ("שלום", FontCoverage.GB2312, "????"),
        ("\ue000", FontCoverage.GBK, "?"),  # private use: the font's user-defined area
    ],
)
def test_characters_the_font_lacks_are_replaced_readably(
    text: str, font: FontCoverage, printed: str
) -> None:
    assert printable(text, font) == printed
    assert all(c == "\n" or in_font(c, font) for c in printed)


def test_nothing_outside_the_font_reaches_the_printer() -> None:
    doc = ReceiptDocument(
        title="𠮷祥餐厅🍜", items=(ReceiptItem("张䶮的面🌶️", "¥1.00", "1 x ¥1.00"),)
    )
    slip = decode_escpos(render_escpos(doc, "POS-5890"), strict=True)
    assert "?祥餐厅?" in slip.text and "张[yan]的面?" in slip.text
    assert all(in_font(c) for c in slip.text if c != "\n")


@pytest.mark.parametrize(
    ("text", "columns", "lines"),
    [
        (
            "Membership valid until 2027-01-05",
            24,
            ["Membership valid until", "2027-01-05"],
        ),
        ("valid until 2027-01-05", 16, ["valid until", "2027-01-05"]),
        ("一二三四五六七八九十", 5, ["一二", "三四", "五六", "七八", "九十"]),
        ("会员将于到期，续费可继续", 8, ["会员将于", "到期，续", "费可继续"]),
        ("家庭套餐（四人份）", 10, ["家庭套餐", "（四人份）"]),
        ("统一社会信用代码 91110105MA01ABCD2X", 32, ["统一社会信用代码", "91110105MA01ABCD2X"]),
        ("ABCDEFGHIJKL", 5, ["ABCDE", "FGHIJ", "KL"]),  # only a word wider than the paper
        ("Tel 010-6588 1234", 12, ["Tel 010-6588", "1234"]),
        ("first\nsecond", 32, ["first", "second"]),
        ("", 32, [""]),
    ],
)
def test_lines_break_between_words_and_between_chinese_characters(
    text: str, columns: int, lines: list[str]
) -> None:
    assert wrap(text, columns) == lines


def test_a_long_value_goes_under_its_label_right_aligned() -> None:
    reference = "UNIONPAY-TXN-202611221230-00004711-AUTH-839201"
    lines = two_columns("参考号", reference, 32)
    assert lines[0] == "参考号"
    assert all(display_width(line) == 32 for line in lines[1:])
    assert "".join(line.strip() for line in lines[1:]) == reference


# -- properties ------------------------------------------------------------------------

WORDS = st.text(
    st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzKPQ0123456789宫保鸡丁家庭套餐菊花茶（）“”，。…×·¥-&'"
    ),
    min_size=1,
    max_size=14,
)
NAMES = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
AMOUNTS = st.integers(-(10**8), 10**9).map(
    lambda fen: f"{'-' if fen < 0 else ''}¥{abs(fen) / 100:,.2f}"
)
COLUMNS = st.sampled_from([32, 42, 48])


def _content(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=examples(300), deadline=None)
@given(NAMES, COLUMNS)
def test_wrapping_never_exceeds_the_paper_nor_loses_a_character(name: str, columns: int) -> None:
    lines = wrap(name, columns)
    assert all(display_width(line) <= columns for line in lines)
    assert _content("".join(lines)) == _content(name)
    # a word that fits a line is never cut (a hyphen ends a word: lines may break after it)
    for word in re.findall(r"[^\s-]+-?", name):
        if display_width(word) <= columns and not re.search(r"[^\x00-\x7f]", word):
            assert any(word in line for line in lines), (word, lines)


@settings(max_examples=examples(300), deadline=None)
@given(NAMES, AMOUNTS, COLUMNS)
def test_an_amount_always_ends_at_the_right_edge_of_its_name_s_last_line(
    name: str, amount: str, columns: int
) -> None:
    lines = two_columns(name, amount, columns)
    assert all(display_width(line) <= columns for line in lines)
    assert lines[-1].endswith(amount) and display_width(lines[-1]) == columns
    assert _content("".join(lines)) == _content(name + amount)


ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=examples(200), deadline=None)
@given(ANY_TEXT, ANY_TEXT, st.sampled_from([("POS-5890", 32), ("TM-T20II", 48)]))
def test_any_name_prints_within_the_paper_in_characters_the_font_has(
    title: str, name: str, printer: tuple[str, int]
) -> None:
    profile, columns = printer
    doc = ReceiptDocument(title=title, items=(ReceiptItem(name, "¥12.00", "1 x ¥12.00"),))
    slip = decode_escpos(render_escpos(doc, profile), strict=True)
    assert all(width <= columns for width in slip.widths)
    assert all(in_font(c) for c in slip.text if c != "\n")
    laid = [line.text for line in lay_out(doc, columns)]
    assert [line.rstrip() for line in slip.lines[: len(laid)]] == [t.rstrip() for t in laid]
