"""Golden slips for what real counters print (tests/receipt_cases.py), at 58 and 80 mm, in
Chinese and English, checked by decoding the bytes back to lines as the printer prints
them: no line wider than the paper (a code sent in Chinese mode two columns), no word
cut, nothing outside the printer's font, amounts at the right edge, and totals that say
what was paid or given back.

After an intended change regenerate with ``POS_UPDATE_GOLDEN=1`` and look at the decoded
``.txt`` files (and ``python -m tests.slip_png DIR`` for pictures) before committing.
"""

from __future__ import annotations

import os
import re
from dataclasses import astuple
from pathlib import Path

import pytest

from app.receipt_text import Language
from hardware.printing.charset import DEFAULT_COVERAGE, display_width, in_font
from hardware.printing.document import ReceiptDocument
from hardware.printing.escpos_decode import DecodedSlip, decode_escpos
from hardware.printing.escpos_render import render_escpos
from hardware.printing.layout import printable_document
from hardware.urls import DEFAULT_PROFILES
from tests.receipt_cases import CASES, LANGUAGES, document
from tests.unit.test_golden_receipts import masked_raster

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "slips"
WIDTHS = {58: 32, 80: 48}
SLIPS = [(c, lang, w) for c in CASES for lang in LANGUAGES for w in WIDTHS]


def printed(case: str, language: Language, width_mm: int) -> tuple[bytes, DecodedSlip]:
    data = render_escpos(document(case, language), DEFAULT_PROFILES[width_mm])
    return data, decode_escpos(data, strict=True)


def texts(doc: ReceiptDocument) -> list[str]:
    """Every text printed from ``doc``, as the font has it."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, tuple):
            for part in value:
                walk(part)
        elif hasattr(value, "__dataclass_fields__"):
            walk(astuple(value))  # type: ignore[arg-type]

    walk(astuple(printable_document(doc, DEFAULT_COVERAGE)))
    return out


@pytest.mark.parametrize(("case", "language", "width_mm"), SLIPS)
def test_the_slip_is_the_golden_one(case: str, language: Language, width_mm: int) -> None:
    data, slip = printed(case, language, width_mm)
    stem = GOLDEN / f"{case}-{language}-{width_mm}mm"
    if os.environ.get("POS_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".txt").write_text(slip.text + "\n", encoding="utf-8")
    assert masked_raster(data) == masked_raster(stem.with_suffix(".bin").read_bytes())
    assert slip.text + "\n" == stem.with_suffix(".txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("case", "language", "width_mm"), SLIPS)
def test_every_line_fits_the_paper_in_characters_the_font_has(
    case: str, language: Language, width_mm: int
) -> None:
    _, slip = printed(case, language, width_mm)
    columns = WIDTHS[width_mm]
    assert max(slip.widths) <= columns, [
        (w, line) for w, line in zip(slip.widths, slip.lines, strict=True) if w > columns
    ]
    assert all(in_font(c) for c in slip.text if c != "\n")
    # the bytes' own count and the layout's agree, character by character
    assert slip.widths == [display_width(line) for line in slip.lines]


@pytest.mark.parametrize(("case", "language", "width_mm"), SLIPS)
def test_no_word_is_cut_and_amounts_end_at_the_right_edge(
    case: str, language: Language, width_mm: int
) -> None:
    doc = document(case, language)
    _, slip = printed(case, language, width_mm)
    columns = WIDTHS[width_mm]
    words = {w for text in texts(doc) for w in re.findall(r"[A-Za-z0-9]+(?:[.,][0-9]+)*", text)}
    for word in words:
        assert any(word in line for line in slip.lines), f"{word!r} is cut"
    amounts = [item.amount for item in doc.items] + [total.amount for total in doc.totals]
    for amount in amounts:
        assert any(
            line.endswith(amount) and width == columns
            for line, width in zip(slip.lines, slip.widths, strict=True)
        ), amount


def lines_with(slip: DecodedSlip, label: str) -> list[str]:
    return [line for line in slip.lines if line.startswith(label)]


@pytest.mark.parametrize("width_mm", WIDTHS)
def test_a_stored_value_refund_says_it_went_back_to_stored_value(width_mm: int) -> None:
    for language, label in (("zh", "退回储值"), ("en", "Back to stored value")):
        _, slip = printed("refund_stored_value", language, width_mm)  # type: ignore[arg-type]
        (line,) = lines_with(slip, label)
        assert line.endswith("¥86.40")
        assert "¥0.00" not in slip.text
    _, cash = printed("refund_cash", "zh", width_mm)
    (line,) = lines_with(cash, "退还 (现金)")
    assert line.endswith("¥86.40") and not lines_with(cash, "退回储值")


@pytest.mark.parametrize("width_mm", WIDTHS)
def test_a_top_up_alone_shows_what_was_paid_and_no_empty_subtotal(width_mm: int) -> None:
    for language, subtotal, total in (("zh", "小计", "应付"), ("en", "Subtotal", "Total")):
        _, slip = printed("top_up", language, width_mm)  # type: ignore[arg-type]
        assert not lines_with(slip, subtotal)
        (line,) = lines_with(slip, total)
        assert line.endswith("¥500.00")
    _, sale = printed("sale", "zh", width_mm)
    assert lines_with(sale, "小计")  # a slip with dishes keeps its subtotal


def test_rare_characters_and_emoji_print_as_their_fallbacks() -> None:
    _, slip = printed("sale", "zh", 80)
    assert "?祥辣子鸡?……" in slip.text  # 𠮷 has no known reading; the chilli is an emoji
    assert "烧味双拼·叉烧油鸡" in slip.text  # traditional characters in their simplified form
    _, english = printed("sale", "en", 58)
    assert "Crème brûlée" in english.text  # code page 437 has these


@pytest.mark.parametrize(("width_mm", "dots"), [(58, 384), (80, 576)])
def test_a_slip_draws_from_its_bytes_on_the_printer_s_dot_grid(
    tmp_path: Path, width_mm: int, dots: int
) -> None:
    from PIL import Image

    from tests.slip_png import MARGIN, draw_case

    with Image.open(draw_case("refund_stored_value", "zh", width_mm, tmp_path)) as picture:
        assert picture.width == dots + 2 * MARGIN
        assert picture.height > 20 * 30  # every line of the slip, 30 dots a line
