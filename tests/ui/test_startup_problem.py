"""A till opened from the desktop on a database it cannot use says so in a window, in the
interface language, with the one sentence the terminal gets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.backups.database_check import database_problem
from tests.ui.conftest import on_next_modal
from ui.startup_problem import StartupProblem, show_startup_problem


def test_the_window_says_why_in_the_interface_language(tmp_path: Path, chinese: None) -> None:
    database = tmp_path / "till.db"
    database.write_bytes(b"not a database at all" * 100)
    problem = database_problem(f"sqlite:///{database}")
    assert problem is not None
    box = StartupProblem().box(problem)
    assert box.text() == "收银台无法打开数据库。"
    assert box.informativeText() == problem
    assert box.icon() is QMessageBox.Icon.Critical


def test_the_window_waits_until_it_is_closed(qapp: QApplication) -> None:
    seen: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.informativeText())

    on_next_modal(read)
    show_startup_problem("/x/till.db is an empty file, not a till database")
    assert seen == ["/x/till.db is an empty file, not a till database"]
