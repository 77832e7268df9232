"""The profile's receipt preview is what the printer prints: the same lines, at 32 columns
on 58 mm paper and 48 on 80 mm, a CJK character two columns wide."""

from __future__ import annotations

import pytest

from app.receipts import header_lines
from app.restaurant_profile.preview import receipt_preview
from app.restaurant_profile.profile import RestaurantProfile
from hardware.printing.document import ReceiptDocument
from hardware.printing.escpos_decode import decode_escpos
from hardware.printing.escpos_render import render_escpos
from hardware.printing.layout import display_width
from hardware.urls import DEFAULT_PROFILES

PROFILE = RestaurantProfile(
    "老王面馆 Old Wang Noodles",
    address="北京市朝阳区建国路88号 SOHO现代城一层底商",
    phone="010-6588 1234",
    tax_line="统一社会信用代码 91110105MA01ABCD2X",
    receipt_footer="欢迎再次光临！凭小票可开发票",
)


@pytest.mark.parametrize(("width", "columns"), [(58, 32), (80, 48)])
def test_the_preview_is_the_printed_head_and_foot(width: int, columns: int) -> None:
    preview = receipt_preview(PROFILE, width, "zh")
    assert preview.columns == columns
    settings = PROFILE.settings()
    doc = ReceiptDocument(
        title=PROFILE.name, header=header_lines(settings), footer=(settings["receipt_footer"],)
    )
    printed = [
        line.strip() for line in decode_escpos(render_escpos(doc, DEFAULT_PROFILES[width])).lines
    ]
    rules = [i for i, line in enumerate(printed) if line == "-" * columns]
    head, foot = printed[: rules[0]], [line for line in printed[rules[-1] + 1 :] if line]
    assert [line.text.strip() for line in preview.head] == head
    assert [line.text.strip() for line in preview.foot] == foot
    for line in (*preview.head, *preview.foot):
        assert display_width(line.text) <= columns


def test_cjk_text_wraps_at_the_paper_s_columns_and_centres_in_them() -> None:
    narrow = receipt_preview(PROFILE, 58, "zh")
    wide = receipt_preview(PROFILE, 80, "zh")
    # 北京市朝阳区建国路88号 SOHO现代城一层底商 is 42 columns: two lines at 58 mm, one at 80.
    assert [line.text.strip() for line in narrow.head[1:3]] == [
        "北京市朝阳区建国路88号 SOHO现代",
        "城一层底商",
    ]
    assert wide.head[1].text.strip() == "北京市朝阳区建国路88号 SOHO现代城一层底商"
    assert wide.head[1].text == " " * 3 + "北京市朝阳区建国路88号 SOHO现代城一层底商"  # (48-42)/2
    assert narrow.head[0].large and narrow.head[0].bold
    # A code is one word: it moves down whole rather than losing its last characters.
    assert [line.text.strip() for line in narrow.head][-2:] == [
        "统一社会信用代码",
        "91110105MA01ABCD2X",
    ]


def test_an_empty_header_is_the_address_and_phone_and_an_empty_footer_the_thanks() -> None:
    bare = RestaurantProfile("小店", address="上海市徐汇区漕溪北路1号", phone="021-6400 1234")
    preview = receipt_preview(bare, 80, "en")
    assert [line.text.strip() for line in preview.head] == [
        "小店",
        "上海市徐汇区漕溪北路1号",
        "Tel 021-6400 1234",
    ]
    assert [line.text.strip() for line in preview.foot] == ["Thank you, see you again!"]
