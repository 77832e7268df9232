"""Golden slips: the exact ESC/POS bytes of a Chinese receipt on 58 and 80 mm paper.

Any change to rendering shows up here as a diff to review. After an intended change,
regenerate with ``POS_UPDATE_GOLDEN=1 installer/test.sh tests/unit/test_golden_receipts.py``
and look at the decoded ``.txt`` files before committing them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hardware.printing.document import ReceiptDocument, ReceiptItem, ReceiptTotal
from hardware.printing.escpos_decode import decode_escpos
from hardware.printing.escpos_render import render_escpos
from hardware.printing.layout import display_width

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

SLIP = ReceiptDocument(
    title="川味小馆 Sichuan Bistro",
    header=("北京市朝阳区建国路88号", "Tel 010-6588 1234"),
    facts=(
        ("单号", "T1-20261122-0001"),
        ("时间", "2026-11-22 12:30"),
        ("收银员", "王芳"),
        ("桌号", "A3"),
        ("人数", "4"),
    ),
    items=(
        ReceiptItem("宫保鸡丁", "¥68.40", "2 x ¥38.00  9折 -¥7.60"),
        ReceiptItem("家庭套餐（四人份，含饮料）", "¥328.00", "1 x ¥328.00  (不参与折扣)"),
        ReceiptItem("Chrysanthemum Tea 菊花茶", "¥25.20", "1 x ¥28.00  9折 -¥2.80"),
    ),
    totals=(
        ReceiptTotal("小计", "¥434.00"),
        ReceiptTotal("会员优惠", "-¥10.40"),
        ReceiptTotal("应付", "¥423.60", emphasised=True),
    ),
    payments=(("现金", "¥500.00"), ("找零", "¥76.40")),
    member=(("会员号", "M0000001"), ("手机", "138****8000"), ("积分余额", "1,915")),
    extra=("会员将于 2026-12-22 到期，续费可继续享受会员优惠。",),
    footer=("谢谢光临，欢迎再来！",),
    reference="T1-20261122-0001",
)


def masked_raster(data: bytes) -> bytes:
    """The bytes with each GS v 0 image's pixels blanked: QR rasterising may vary by library
    version, the command and its size may not."""
    out, start = bytearray(), 0
    while (at := data.find(b"\x1dv0", start)) >= 0:
        width, height = data[at + 4] + 256 * data[at + 5], data[at + 6] + 256 * data[at + 7]
        end = at + 8 + width * height
        out += data[start : at + 8] + b"\x00" * (width * height)
        start = end
    return bytes(out + data[start:])


@pytest.mark.parametrize(("profile", "columns"), [("TM-T20II", 48), ("POS-5890", 32)])
def test_receipt_bytes_match_the_golden_slip(profile: str, columns: int) -> None:
    data = render_escpos(SLIP, profile, drawer_pin=2)
    text = decode_escpos(data, strict=True).text
    golden_bytes = GOLDEN / f"receipt-{columns}.bin"
    golden_text = GOLDEN / f"receipt-{columns}.txt"
    if os.environ.get("POS_UPDATE_GOLDEN") == "1":
        golden_bytes.write_bytes(data)
        golden_text.write_text(text + "\n", encoding="utf-8")
    assert masked_raster(data) == masked_raster(golden_bytes.read_bytes())
    assert text + "\n" == golden_text.read_text(encoding="utf-8")
    printed = [line for line in text.splitlines() if line.strip()]
    assert all(display_width(line) <= columns for line in printed)
    amounts = [line for line in printed if line.rstrip().endswith(("¥68.40", "¥423.60", "¥76.40"))]
    assert amounts and all(display_width(line) == columns for line in amounts)
