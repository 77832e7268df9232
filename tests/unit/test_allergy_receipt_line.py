"""The allergy note under a receipt line: bold, wrapped to the paper by display width
(a CJK character takes two columns), and kept through the stored JSON of a reprint."""

from __future__ import annotations

import json

import pytest

from hardware.printing.document import (
    ReceiptDocument,
    ReceiptItem,
    document_from_json,
    document_to_json,
)
from hardware.printing.layout import display_width, lay_out

NOTE_ZH = "过敏提醒：含花生、芝麻、坚果、贝类，会员过敏"


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_the_note_is_bold_under_its_line_and_fits_the_paper(columns: int) -> None:
    doc = ReceiptDocument(
        title="川味小馆",
        items=(
            ReceiptItem("宫保鸡丁", "¥68.40", "2 x ¥38.00", NOTE_ZH),
            ReceiptItem("水煮鱼", "¥79.20", "1 x ¥88.00"),
        ),
    )
    lines = lay_out(doc, columns)
    texts = [line.text for line in lines]
    start = texts.index(next(t for t in texts if t.startswith("! ")))
    notes = [line for line in lines if line.text.startswith("! ")]
    assert all(line.bold for line in notes)
    assert "".join(line.text[2:] for line in notes) == NOTE_ZH
    assert all(display_width(line.text) <= columns for line in lines)
    assert texts[start - 1].strip() == "2 x ¥38.00"  # under the dish it belongs to
    assert texts[start + len(notes)].startswith("水煮鱼")  # and only under that one
    if columns == 32:
        assert len(notes) == 2  # 23 CJK characters are 46 columns: two lines on 58 mm


def test_a_stored_receipt_keeps_its_note_and_an_older_one_reads_without() -> None:
    doc = ReceiptDocument(title="T", items=(ReceiptItem("宫保鸡丁", "¥38.00", "", NOTE_ZH),))
    assert document_from_json(document_to_json(doc)) == doc
    older = json.loads(document_to_json(doc))
    del older["items"][0]["note"]
    assert document_from_json(json.dumps(older)).items[0].note == ""
