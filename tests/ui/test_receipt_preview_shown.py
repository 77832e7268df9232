"""The on-screen receipt shows only what a simulated printer prints: with a real printer
the slips are on paper, and an empty preview would only take room from the member panel."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, open_cashier, pay_exact_cash
from ui.app import TillApp
from ui.cashier.slip_view import SlipView


@pytest.mark.parametrize("real_printer", [False, True])
def test_the_receipt_preview_is_shown_only_for_a_simulated_printer(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path, real_printer: bool
) -> None:
    slips = tmp_path / "lp0"
    if real_printer:
        settings = {"printer_url": f"escpos+file://{slips}"}
        (tmp_path / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    window = open_cashier(qtbot, make_app("en"))
    window.show()
    preview = window.findChild(SlipView, "receiptPreview")
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    if real_printer:
        qtbot.waitUntil(lambda: slips.exists() and b"T1-20261122-0001" in slips.read_bytes())
        assert not preview.isVisible()
    else:
        qtbot.waitUntil(lambda: "T1-20261122-0001" in preview.toPlainText())
        assert preview.isVisible()
