"""The one sentence a till that cannot start shows on screen, for a till opened from the
desktop where nobody reads the terminal (the sentence also goes to standard error)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget


class StartupProblem(QObject):
    """Words for the box; a ``QObject`` so ``tr`` finds them in the catalogue."""

    def box(self, problem: str, parent: QWidget | None = None) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Membership till"), "", parent=parent)
        box.setObjectName("startupProblem")
        box.setText(self.tr("The till cannot open its database."))
        box.setInformativeText(problem)
        return box


def show_startup_problem(problem: str) -> None:
    """Show ``problem`` and wait until it is closed (a QApplication must exist)."""
    StartupProblem().box(problem).exec()
