"""A form whose save runs through ``ui.jobs.Jobs``: off the GUI thread in the manager's
workspace at the counter (its ``ServerWork``), at once where no pool is at hand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ui.jobs import InlineJobs, Jobs


class SavingDialog(QDialog):
    """While a save is out its buttons are off and Cancel or Escape wait (a save in flight
    may commit: its result must be seen); it is accepted once the save came back, and a
    failure goes to ``failed`` with what was typed left as it was."""

    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self._jobs: Jobs = jobs or InlineJobs()
        self._saving = False

    @property
    def waiting(self) -> bool:
        """A save is out (tests wait on it)."""
        return self._saving

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    def save_with(self, work: Callable[[], object]) -> None:
        """``work`` (the service's write, nothing of the widgets) through the jobs; a tap
        while one is out does nothing."""
        if self._saving:
            return
        self._set_saving(True)
        self._jobs.run(self, work, self._saved, self._not_saved)

    def failed(self, error: Exception) -> None:
        """Say why in one sentence on the form; subclasses say it their way."""
        raise NotImplementedError

    def _saved(self, _result: object) -> None:
        self._set_saving(False)
        self.accept()

    def _not_saved(self, error: Exception) -> None:
        self._set_saving(False)
        self.failed(error)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for buttons in self.findChildren(QDialogButtonBox):
            buttons.setEnabled(not saving)
