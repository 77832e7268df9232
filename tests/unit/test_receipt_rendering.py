from __future__ import annotations

from pathlib import Path

import pytest

from hardware.printing.document import ReceiptDocument, ReceiptItem, ReceiptTotal
from hardware.printing.escpos_decode import decode_escpos
from hardware.printing.escpos_render import (
    FS_CHINESE_OFF,
    FS_CHINESE_ON,
    columns_for,
    encode_line,
    render_escpos,
)
from hardware.printing.layout import display_width, lay_out, two_columns, wrap

DOC = ReceiptDocument(
    title="川味小馆 Sichuan Bistro",
    header=("北京市朝阳区建国路88号",),
    facts=(("单号", "T1-20261122-0001"),),
    items=(
        ReceiptItem("宫保鸡丁", "¥68.40", "2 x ¥38.00  9折 -¥7.60"),
        ReceiptItem("家庭套餐（四人份，含饮料和甜点，周末限定供应）", "¥328.00"),
        ReceiptItem("Chrysanthemum Tea", "¥28.00", "1 x ¥28.00  (不参与折扣)"),
    ),
    totals=(ReceiptTotal("应付", "¥424.40", emphasised=True),),
    payments=(("现金", "¥500.00"), ("找零", "¥75.60")),
    member=(("会员号", "M0000001"), ("手机", "138****8000")),
    footer=("谢谢光临，欢迎再来！",),
    reference="T1-20261122-0001",
)


def test_cjk_characters_count_two_columns() -> None:
    assert display_width("宫保鸡丁") == 8
    assert display_width("Cola ¥8.00") == 10
    assert display_width("（）！") == 6


@pytest.mark.parametrize("columns", [32, 48])
def test_amounts_end_exactly_at_the_right_edge(columns: int) -> None:
    for left, right in [
        ("宫保鸡丁", "¥68.40"),
        ("Kung Pao Chicken", "¥68.40"),
        ("家庭套餐（四人份，含饮料和甜点，周末限定供应）", "¥328.00"),
    ]:
        lines = two_columns(left, right, columns)
        assert display_width(lines[-1]) == columns
        assert lines[-1].endswith(right)
        assert all(display_width(line) <= columns for line in lines)


@pytest.mark.parametrize("columns", [32, 48])
def test_no_laid_out_line_is_wider_than_the_paper(columns: int) -> None:
    for line in lay_out(DOC, columns):
        assert display_width(line.text) <= columns, line.text


def test_wrap_never_splits_a_cjk_character_across_the_edge() -> None:
    lines = wrap("一二三四五六七八九十", 5)
    assert lines == ["一二", "三四", "五六", "七八", "九十"]


def test_chinese_goes_out_in_chinese_mode_as_gb18030() -> None:
    data = encode_line("合计 Total")
    assert data == FS_CHINESE_ON + "合计".encode("gb18030") + FS_CHINESE_OFF + b" Total"


def test_yuan_sign_uses_code_page_437_not_chinese_mode() -> None:
    assert encode_line("¥8.00") == b"\x9d8.00"


def test_fullwidth_punctuation_prints_instead_of_question_marks() -> None:
    assert b"?" not in encode_line("谢谢光临，欢迎再来！")


@pytest.mark.parametrize(
    ("profile", "columns", "cuts"),
    [("TM-T20II", 48, 1), ("POS-5890", 32, 0)],  # the 58 mm POS-5890 has no cutter: tear-off
)
def test_rendered_slip_decodes_back_to_the_laid_out_text(
    profile: str, columns: int, cuts: int
) -> None:
    assert columns_for(profile) == columns
    data = render_escpos(DOC, profile)
    slip = decode_escpos(data, strict=True)
    assert slip.cuts == cuts and slip.drawer_kicks == 0
    assert [line.rstrip() for line in slip.lines[: len(lay_out(DOC, columns))]] == [
        line.text.rstrip() for line in lay_out(DOC, columns)
    ]
    assert "138****8000" in slip.text


def test_drawer_kick_only_when_asked() -> None:
    assert decode_escpos(render_escpos(DOC, "TM-T20II", drawer_pin=2)).drawer_kicks == 1


def test_decoder_refuses_unknown_commands_in_strict_mode() -> None:
    with pytest.raises(ValueError, match="unknown ESC"):
        decode_escpos(b"\x1b\x99x", strict=True)
    assert decode_escpos(b"\x1b\x99x\n").lines == ["x"]


def test_closing_punctuation_never_starts_a_line() -> None:
    lines = wrap("会员将于到期，续费可继续享受会员优惠。", 12)
    assert all(line[0] not in "。，" for line in lines)
    assert "".join(lines) == "会员将于到期，续费可继续享受会员优惠。"


def test_the_order_reference_is_a_qr_code_native_or_as_an_image() -> None:
    assert decode_escpos(render_escpos(DOC, "TM-T20II")).qr_codes == [DOC.reference]
    slip = decode_escpos(render_escpos(DOC, "POS-5890"), strict=True)  # no native QR: image
    assert slip.images == 1 and slip.qr_codes == []


def test_the_logo_prints_above_the_title_and_a_missing_one_is_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from dataclasses import replace

    from app.receipts import logo_path

    data = render_escpos(replace(DOC, logo=logo_path("demo-logo.png")), "TM-T20II")
    with_logo = decode_escpos(data, strict=True)
    assert with_logo.images == 1 and with_logo.lines[0].startswith("川味小馆")
    assert data.index(b"\x1dv0") < data.index("川味小馆".encode("gb18030"))  # logo on top
    missing = decode_escpos(
        render_escpos(replace(DOC, logo="/nonexistent/logo.png"), "TM-T20II"), strict=True
    )
    assert missing.images == 0 and "T1-20261122-0001" in missing.text
    assert "not found" in caplog.text


def test_a_logo_is_converted_once_per_version_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The raster is kept per file version: the same bytes as the image printed directly,
    and a logo replaced on disk prints as the new picture."""
    from dataclasses import replace

    from escpos.printer import Dummy
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("1", (64, 16), 0).save(logo)  # black
    direct = Dummy(profile="TM-T20II")
    direct.image(str(logo), center=True)
    converted: list[str] = []
    convert = Dummy.image

    def counted(self: Dummy, path: str, **options: object) -> None:
        converted.append(path)
        convert(self, path, **options)

    monkeypatch.setattr(Dummy, "image", counted)
    first = render_escpos(replace(DOC, logo=str(logo)), "TM-T20II")
    again = render_escpos(replace(DOC, logo=str(logo)), "TM-T20II")

    assert bytes(direct.output) in first and first == again
    assert converted == [str(logo)]  # the second slip reused the first one's raster

    Image.new("1", (64, 24), 1).save(logo)  # white, taller: a new file
    replaced = Dummy(profile="TM-T20II")
    replaced.image(str(logo), center=True)
    after = render_escpos(replace(DOC, logo=str(logo)), "TM-T20II")
    assert bytes(replaced.output) in after and bytes(direct.output) not in after
