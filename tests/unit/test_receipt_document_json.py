"""A queued receipt's stored text: the same as the dataclasses' own ``asdict`` gives."""

from __future__ import annotations

import json
from dataclasses import asdict

from hardware.printing.document import (
    ReceiptDocument,
    ReceiptItem,
    ReceiptTotal,
    document_from_json,
    document_to_json,
)


def test_a_receipt_is_stored_as_the_text_asdict_gives_and_reads_back_equal() -> None:
    doc = ReceiptDocument(
        title="小馆",
        header=("1 Main St", "Tel 123"),
        facts=(("Order", "T1-20261205-0001"), ("Cashier", "王芳")),
        items=(
            ReceiptItem("宫保鸡丁", "¥38.00", "2 x ¥19.00  -10%", "Allergy: peanuts"),
            ReceiptItem("Tea", "¥5.00"),
        ),
        totals=(ReceiptTotal("Total", "¥43.00", emphasised=True), ReceiptTotal("Tax", "¥0")),
        payments=(("Cash", "¥50.00"), ("Change", "¥7.00")),
        member=(("Points", "120"),),
        footer=("Thank you",),
        banner="TRAINING",
        reference="R-1",
        extra=("a", "b"),
        logo="/tmp/logo.png",
    )

    text = document_to_json(doc)

    assert text == json.dumps(asdict(doc), ensure_ascii=False)
    assert document_from_json(text) == doc
    empty = ReceiptDocument("Only a title")
    assert document_to_json(empty) == json.dumps(asdict(empty), ensure_ascii=False)
