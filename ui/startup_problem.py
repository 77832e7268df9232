"""The one sentence a till that cannot start shows on screen, for a till opened from the
desktop where nobody reads the terminal (the sentence also goes to standard error)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget


class StartupProblem(QObject):
    """Words for the box; a ``QObject`` so ``tr`` finds them in the catalogue."""

    def box(
        self, problem: str, parent: QWidget | None = None, heading: str | None = None
    ) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Membership till"), "", parent=parent)
        box.setObjectName("startupProblem")
        box.setText(heading or self.tr("The till cannot open its database."))
        box.setInformativeText(problem)
        return box

    def till_id_taken(self, till_id: str) -> str:
        return self.tr(
            "Another till on this database already uses the till id %1: give this till "
            "another id with the command pos tills set-id --next (or pos tills set-id "
            "followed by an id), or, if this till replaces that one, free the id with "
            "pos tills release %1."
        ).replace("%1", till_id)

    def till_id_clash(self) -> str:
        return self.tr("This till's id is already in use.")

    def no_local_copy(self) -> str:
        return self.tr(
            "The server cannot be reached and this till has no local copy to open from yet: "
            "check the server and the network, then start the till again."
        )

    def server_unreachable(self) -> str:
        return self.tr("The server cannot be reached.")


def till_id_taken_text(till_id: str) -> str:
    """The clash in the interface language (the settings page uses it too)."""
    return StartupProblem().till_id_taken(till_id)


def show_startup_problem(problem: str) -> None:
    """Show ``problem`` and wait until it is closed (a QApplication must exist)."""
    StartupProblem().box(problem).exec()


def show_till_id_taken(till_id: str) -> None:
    """Refuse a start whose till id another machine holds, before the sign-in window."""
    words = StartupProblem()
    words.box(words.till_id_taken(till_id), heading=words.till_id_clash()).exec()


def show_no_local_copy() -> None:
    """Refuse a start with the server gone and no local copy, before the sign-in window."""
    words = StartupProblem()
    words.box(words.no_local_copy(), heading=words.server_unreachable()).exec()
