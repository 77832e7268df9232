"""A till started without an id keeps the one the database handed out, and a clash is
said in the interface language with the command that fixes it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from db.engine import create_db_engine
from db.stores import register_till
from tests.fakes import FakeClock
from tests.ui.conftest import click, on_next_modal, sign_in
from ui.app import TillApp
from ui.startup_problem import StartupProblem


def test_a_new_till_keeps_the_id_the_database_handed_out(
    make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")

    assert till_app.till is not None and till_app.till.config.till_id == "T1"
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["till_id"] == "T1"
    assert (tmp_path / "till-token").stat().st_mode & 0o077 == 0


def test_the_settings_page_refuses_an_id_another_machine_holds(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path, clock: FakeClock
) -> None:
    till_app = make_app("en")
    engine = create_db_engine(f"sqlite:///{tmp_path / 'till.db'}")
    register_till(engine, "T9", "another machine's token", clock.now())
    engine.dispose()
    login = till_app.login
    assert login is not None
    login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # the manager
    sign_in(qtbot, till_app, pin="9999")
    assert till_app.window is not None
    messages: list[str] = []

    def choose_t9_then_t5(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "tillIdEdit").setText("T9")
        click(qtbot, dialog, "saveSettingsButton")
        messages.append(dialog.findChild(QLabel, "settingsError").text())
        dialog.findChild(QLineEdit, "tillIdEdit").setText("T5")
        click(qtbot, dialog, "saveSettingsButton")

    on_next_modal(choose_t9_then_t5)
    click(qtbot, till_app.window, "settingsButton")

    assert "already uses the till id T9" in messages[0]
    assert till_app.till is not None and till_app.till.config.till_id == "T5"


def test_the_clash_is_said_in_chinese_with_the_command_that_fixes_it(chinese: None) -> None:
    words = StartupProblem()
    sentence = words.till_id_taken("T1")
    box = words.box(sentence, heading=words.till_id_clash())

    assert "T1" in sentence and "pos tills set-id --next" in sentence
    assert "收银台编号" in sentence and "收银台编号" in box.text()
