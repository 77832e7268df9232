"""The Qt bindings keep Python's reference counts; one that drops them crashes the exit."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QPushButton

CALLS = 1000


def test_qt_calls_that_return_nothing_keep_their_reference_to_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 on CPython 3.11 dropped one reference to ``None`` per call that returns
    nothing; a UI run makes thousands, so the interpreter aborted at exit ("deallocating
    None"). pyproject.toml excludes that release; this fails at once if another one does it."""
    button = QPushButton()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        button.setText("x")
        button.setVisible(False)
    assert sys.getrefcount(None) > before - CALLS // 10
