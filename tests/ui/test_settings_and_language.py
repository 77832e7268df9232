from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, sign_in
from ui.app import TillApp

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "till_zh_CN.ts"
BIN = Path(__import__("sys").executable).parent


def button_text(window: QWidget, name: str) -> str:
    button = window.findChild(QPushButton, name)
    assert button is not None
    return button.text()


def test_cashier_switches_the_language_but_may_not_rewire_the_printer(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app(None)  # type: ignore[arg-type]  # follow the saved setting
    sign_in(qtbot, till_app)
    assert till_app.window is not None
    errors: list[str] = []

    def try_printer_then_language(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "printerUrlEdit").setText("escpos+tcp://10.0.0.9:9100")
        click(qtbot, dialog, "saveSettingsButton")
        errors.append(dialog.findChild(QLabel, "settingsError").text())
        dialog.findChild(QLineEdit, "printerUrlEdit").setText("sim://")
        combo = dialog.findChild(QComboBox, "languageCombo")
        combo.setCurrentIndex(combo.findData("zh"))
        click(qtbot, dialog, "saveSettingsButton")

    on_next_modal(try_printer_then_language)
    click(qtbot, till_app.window, "settingsButton")
    assert errors and ("manager" in errors[0] or "经理" in errors[0])
    qtbot.waitUntil(
        lambda: (
            till_app.window is not None and button_text(till_app.window, "payCashButton") == "现金"
        )
    )
    assert "zh" in (till_app._settings_service.path.read_text())


def test_manager_rewires_the_printer_and_bad_addresses_are_explained(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")
    login = till_app.login
    assert login is not None
    login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理
    sign_in(qtbot, till_app, pin="9999")
    assert till_app.window is not None
    messages: list[str] = []
    target = tmp_path / "slips.bin"

    def rewire(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "printerUrlEdit").setText("lpt://1")
        click(qtbot, dialog, "saveSettingsButton")
        messages.append(dialog.findChild(QLabel, "settingsError").text())
        dialog.findChild(QLineEdit, "printerUrlEdit").setText(f"escpos+file://{target}")
        click(qtbot, dialog, "saveSettingsButton")

    on_next_modal(rewire)
    click(qtbot, till_app.window, "settingsButton")
    assert "Device address not understood" in messages[0] and "lpt" in messages[0]
    assert till_app.till is not None
    assert till_app.till.printer.describe() == f"printer device {target}"
    assert till_app.window.findChild(QPushButton, "simulateSwipeButton") is not None


def test_every_interface_string_has_a_chinese_translation() -> None:
    tree = ET.parse(TS_FILE)
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_the_translation_catalogue_covers_the_current_sources(tmp_path: Path) -> None:
    copy = tmp_path / "check.ts"
    copy.write_bytes(TS_FILE.read_bytes())
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    result = subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0 new" in result.stdout + result.stderr, result.stdout + result.stderr


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "check.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS_FILE), "-qm", str(compiled)],
        capture_output=True,
        check=True,
    )
    assert compiled.read_bytes() == TS_FILE.with_suffix(".qm").read_bytes()
