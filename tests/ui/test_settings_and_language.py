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
            till_app.window is not None
            and button_text(till_app.window, "payCashButton") == "现金\nF4"
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
    qtbot.waitUntil(lambda: not till_app.opening)  # the new counter reads off the GUI thread
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
        or not "".join(m.find("translation").itertext()).strip()  # plurals: numerusform
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


def test_the_settings_page_builds_addresses_and_checks_the_printer(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    from PySide6.QtWidgets import QApplication

    from hardware.printing.escpos_decode import decode_escpos
    from tests.fake_printer import FakeNetworkPrinter
    from tests.ui.conftest import save_screenshot

    printer = FakeNetworkPrinter()
    till_app = make_app("zh")
    login = till_app.login
    assert login is not None
    login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    sign_in(qtbot, till_app, pin="9999")
    assert till_app.window is not None
    seen: dict[str, str] = {}

    def use_the_network_printer(dialog: QWidget) -> None:
        kinds = dialog.findChild(QComboBox, "printerKindCombo")
        kinds.setCurrentIndex(2)  # serial
        dialog.findChild(QComboBox, "serialPortCombo").setEditText("/dev/ttyUSB0")
        dialog.findChild(QComboBox, "baudCombo").setCurrentText("19200")
        dialog.findChild(QComboBox, "paperWidthCombo").setCurrentIndex(1)  # 58 mm
        seen["serial"] = dialog.findChild(QLineEdit, "printerUrlEdit").text()
        kinds.setCurrentIndex(3)  # USB
        usb = dialog.findChild(QLineEdit, "printerAddressEdit")
        usb.setText("04b8:0202")
        usb.textEdited.emit(usb.text())
        seen["usb"] = dialog.findChild(QLineEdit, "printerUrlEdit").text()
        kinds.setCurrentIndex(1)  # network
        address = dialog.findChild(QLineEdit, "printerAddressEdit")
        address.setText(f"127.0.0.1:{printer.port}")
        address.textEdited.emit(address.text())
        seen["network"] = dialog.findChild(QLineEdit, "printerUrlEdit").text()
        result = dialog.findChild(QLabel, "deviceResult")
        for button, wanted in (
            ("checkPrinterButton", "✓"),
            ("testPrintButton", "测试页已打印"),
            ("drawerTestButton", "已发送开钱箱信号"),
        ):
            click(qtbot, dialog, button)
            qtbot.waitUntil(lambda w=wanted: w in result.text(), timeout=8000)
            seen[button] = result.text()
        QApplication.processEvents()
        save_screenshot(dialog, "settings-printer-zh")
        click(qtbot, dialog, "saveSettingsButton")

    try:
        on_next_modal(use_the_network_printer)
        click(qtbot, till_app.window, "settingsButton")
        slips = printer.wait_for_jobs(2)
    finally:
        printer.close()
    assert seen["serial"] == "escpos+serial:///dev/ttyUSB0?baudrate=19200&width=58"
    assert seen["usb"] == "escpos+usb://04b8:0202?width=58"
    assert seen["network"] == f"escpos+tcp://127.0.0.1:{printer.port}?width=58"
    assert "ready" in seen["checkPrinterButton"]
    assert "打印测试" in decode_escpos(slips[0]).text
    assert decode_escpos(slips[1]).drawer_kicks == 1 and decode_escpos(slips[1]).text == ""
    assert till_app.till is not None and till_app.till.config.printer_url == seen["network"]
