"""The last line of defence: an exception nothing else handled writes a crash report and
tells the person at the till, in their language, instead of vanishing into a console."""

from __future__ import annotations

import faulthandler
import logging
import sys
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from app.crash_report import (
    LOG_LINES,
    crash_text,
    environment_versions,
    report_folder,
    write_crash_report,
)
from app.run_log import last_log_lines

log = logging.getLogger(__name__)


class CrashGuard:
    def __init__(self, data_folder: Path) -> None:
        self._data_folder = data_folder
        self._previous = sys.excepthook
        self._showing = False
        self._fatal_log: IO[str] | None = None
        self.last_report: Path | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        folder = report_folder(self._data_folder)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._fatal_log = (folder / "fatal.log").open("a", encoding="utf-8")
        faulthandler.enable(self._fatal_log)  # a hard crash leaves at least its stacks

    def remove(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous
        if self._fatal_log is not None:
            faulthandler.disable()
            self._fatal_log.close()
            self._fatal_log = None

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if isinstance(error, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        now = datetime.now()
        try:
            versions = {**environment_versions(), "PySide6": pyside_version, "Qt": qVersion()}
            lines = last_log_lines(self._data_folder, LOG_LINES)
            text = crash_text(error, trace, lines, now, versions)
            self.last_report = write_crash_report(self._data_folder, text, now)
            log.error("unexpected error %s: report %s", kind.__name__, self.last_report)
        except OSError:
            log.exception("could not write the crash report")
        self._previous(kind, error, trace)
        self._tell()

    def _tell(self) -> None:
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            where = (
                str(self.last_report)
                if self.last_report
                else QCoreApplication.translate("CrashGuard", "(no report could be saved)")
            )
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("CrashGuard", "Something went wrong"),
                QCoreApplication.translate(
                    "CrashGuard",
                    "The till hit an error it did not expect. You can carry on; if it happens "
                    "again, restart the till and call support.",
                ),
                QMessageBox.StandardButton.Ok,
            )
            saved = QCoreApplication.translate(
                "CrashGuard", "A report for support was saved to:\n{path}"
            )
            box.setInformativeText(saved.format(path=where))
            box.exec()
        finally:
            self._showing = False
