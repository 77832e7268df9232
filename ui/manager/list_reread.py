"""A back-office page's list read again through its jobs after a save (the Staff and Menu
pages): the page waits meanwhile; a refusal is shown by the page; a server that did not
answer is said under the list, and the read is done again by itself once it answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ui.errors import headline
from ui.jobs import Jobs

Read = TypeVar("Read")


class ListReread(Generic[Read]):
    def __init__(
        self,
        page: QWidget,
        jobs: Jobs,
        read: Callable[[], Read],
        show: Callable[[Read | Exception], None],
        refusals: tuple[type[Exception], ...],
        error: QLabel,
        set_busy: Callable[[bool], None],
        busy: Callable[[], bool],
    ) -> None:
        """``read`` runs on the jobs; ``show`` takes what it read or the refusal (one of
        ``refusals``) that stops the page showing anything; ``set_busy``/``busy`` are the
        page's waiting state, which its own saves share."""
        self._page, self._jobs, self._read, self._show = page, jobs, read, show
        self._refusals, self._error = refusals, error
        self._set_busy, self._busy = set_busy, busy
        self._unread = False  # the last read failed: read again when the server answers
        jobs.when_back(page, self._read_missed)

    def reread(self, then: Callable[[], None] = lambda: None, saved: bool = False) -> None:
        """The list read again; ``then`` once it is shown. ``saved``: it follows a save that
        came back (a failed read says that much)."""
        self._set_busy(True)

        def shown(read: Read) -> None:
            self._set_busy(False)
            if self._unread:  # what the failed read said no longer holds
                self._error.clear()
            self._unread = False
            self._show(read)
            then()

        def not_read(error: Exception) -> None:
            self._set_busy(False)
            if isinstance(error, self._refusals):
                self._show(error)  # refused: nothing to show, and why
            else:
                self._unread = True
                self._error.setText(_unread_text(error, saved))

        self._jobs.run(self._page, self._read, shown, not_read)

    def _read_missed(self) -> None:
        """The server answers again: a read that failed meanwhile is done now."""
        if self._unread and not self._busy():
            self.reread()


def _unread_text(error: Exception, saved: bool) -> str:
    if saved:  # the save came back: only the read after it is missing
        return QCoreApplication.translate(
            "ListReread",
            "Saved, but the list could not be read again: it is read again when the server "
            "answers.",
        )
    return headline(error)
