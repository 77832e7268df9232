"""Import members from the old system, as a manager: choose the file (its encoding detected
and overridable), a mapping file if its headers need one and what to do with a phone
that is already a member's; check it (a dry run listing every bad row with its line),
then import with a progress bar and Cancel. All or nothing: a cancelled import leaves
the database as it was."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money
from app.domain.staff import StaffMember
from app.member_import.desk import (
    ENCODINGS,
    ImportCancelled,
    ImportRequest,
    MemberImporter,
    detected_encoding,
)
from app.member_import.reader import read_mapping
from app.member_import.report import write_report
from app.member_import.run import ImportOutcome, MemberImportRefused, OnDuplicate
from app.setup.csv_text import UnreadableCsv
from ui.background import BackgroundRunner
from ui.errors import describe_error
from ui.row_note_text import row_note_text

FileChooser = Callable[[QWidget, str], Path | None]
"""Asks for a file to open (``"open"``) or a report to save (``"save"``); tests pass one."""


class _Progress(QObject):
    """Carries the worker thread's progress to the GUI thread (a queued signal)."""

    reported = Signal(int, int)


class MemberImportDialog(QDialog):
    """Signals:
    imported(): members were imported (the member list should be refreshed).
    """

    imported = Signal()

    def __init__(
        self,
        importer: MemberImporter,
        manager: StaffMember,
        choose_file: FileChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberImportDialog")
        self.setWindowTitle(self.tr("Import members"))
        self.resize(900, 640)
        self._importer, self._manager = importer, manager
        self.choose_file = choose_file or _choose_file
        self.runner = BackgroundRunner(self, threads=1)
        self._progress = _Progress(self)
        self._progress.reported.connect(self._reported)
        self._cancel = threading.Event()
        self._data: bytes | None = None
        self._mapping: dict[str, str] | None = None
        self._checked = self._running = self._dry_run = False
        self.outcome: ImportOutcome | None = None

        self.file_edit = QLineEdit(objectName="importFileEdit", readOnly=True)
        self.file_button = self._button("importChooseFile", self.tr("Choose file…"), self._pick)
        self.encoding_combo = QComboBox(objectName="importEncodingCombo")
        for name, label in zip(ENCODINGS, ("UTF-8", "UTF-8 BOM", "GBK/GB18030"), strict=True):
            self.encoding_combo.addItem(label, name)
        self.encoding_combo.currentIndexChanged.connect(self._changed)
        self.detected_label = QLabel(objectName="importDetectedLabel")
        self.mapping_edit = QLineEdit(objectName="importMappingEdit", readOnly=True)
        self.mapping_edit.setPlaceholderText(self.tr("none: headers as the till knows them"))
        self.mapping_button = self._button(
            "importChooseMapping", self.tr("Mapping file…"), self._pick_mapping
        )
        self.mapping_clear = self._button(
            "importClearMapping", self.tr("No mapping"), lambda: self.open_mapping(None)
        )
        self.duplicates_combo = QComboBox(objectName="importDuplicatesCombo")
        self.duplicates_combo.addItem(
            self.tr("Stop: import nothing while any phone is already a member's"),
            OnDuplicate.STOP,
        )
        self.duplicates_combo.addItem(self.tr("Skip those rows"), OnDuplicate.SKIP)
        self.duplicates_combo.addItem(
            self.tr("Merge: the member keeps what they have and gains what they lack"),
            OnDuplicate.MERGE,
        )
        self.duplicates_combo.currentIndexChanged.connect(self._changed)

        self.summary_label = QLabel(objectName="importSummary", wordWrap=True)
        self.detail_label = QLabel(objectName="importDetail", wordWrap=True)
        self.detail_label.setStyleSheet("color: #666;")
        self.rows_table = QTableWidget(0, 2, objectName="importBadRows")
        self.rows_table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        self.rows_table.verticalHeader().setVisible(False)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.progress_bar = QProgressBar(objectName="importProgress")
        self.progress_bar.setVisible(False)

        self.check_button = self._button("importCheckButton", self.tr("Check (dry run)"),
                                         lambda: self._start(dry_run=True))  # fmt: skip
        self.import_button = self._button("importRunButton", self.tr("Import"),
                                          lambda: self._start(dry_run=False))  # fmt: skip
        self.report_button = self._button(
            "importSaveReport", self.tr("Save report…"), self._save_report
        )
        self.cancel_button = self._button(
            "importCancelButton", self.tr("Close"), self._cancel_or_close
        )

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.file_button)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_combo)
        encoding_row.addWidget(self.detected_label, 1)
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(self.mapping_edit, 1)
        mapping_row.addWidget(self.mapping_button)
        mapping_row.addWidget(self.mapping_clear)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Encoding"), encoding_row)
        form.addRow(self.tr("Mapping"), mapping_row)
        form.addRow(self.tr("Phone already a member's"), self.duplicates_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.rows_table, 1)
        layout.addWidget(self.progress_bar)
        layout.addLayout(buttons)
        self._set_running(False)

    # -- choosing ------------------------------------------------------------------

    def open_file(self, path: Path) -> None:
        """Read ``path`` and select its detected encoding (the Choose button's work)."""
        try:
            data = path.read_bytes()
        except OSError:
            self._tell(self.tr("The file could not be read."), "")
            return
        self._data = data
        self.file_edit.setText(str(path))
        try:
            found = detected_encoding(data)
        except UnreadableCsv as problem:
            self.detected_label.setText(self.tr("Encoding not recognised: choose one."))
            self._tell(self.tr("This file is neither UTF-8 nor GBK/GB18030."), str(problem))
            return
        self.encoding_combo.setCurrentIndex(max(0, self.encoding_combo.findData(found)))
        shown = self.encoding_combo.currentText()
        self.detected_label.setText(self.tr("Detected: {encoding}").format(encoding=shown))
        self._changed()

    def open_mapping(self, path: Path | None) -> None:
        if path is None:
            self._mapping = None
            self.mapping_edit.clear()
            self._changed()
            return
        try:
            self._mapping = read_mapping(path.read_text("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            self._tell(self.tr("The mapping file could not be read."), "")
            return
        except UnreadableCsv as problem:
            self._tell(self.tr("The mapping file is not valid."), str(problem))
            return
        self.mapping_edit.setText(str(path))
        self._changed()

    def _pick(self) -> None:
        path = self.choose_file(self, "open")
        if path is not None:
            self.open_file(path)

    def _pick_mapping(self) -> None:
        path = self.choose_file(self, "mapping")
        if path is not None:
            self.open_mapping(path)

    def _changed(self) -> None:
        """A new choice needs a new check before it can be imported."""
        self._checked = False
        self._set_running(False)

    # -- running -------------------------------------------------------------------

    def _start(self, dry_run: bool) -> None:
        if self._data is None:
            return
        request = ImportRequest(
            self._data,
            self.file_edit.text(),
            cast(OnDuplicate, self.duplicates_combo.currentData()),
            cast(str, self.encoding_combo.currentData()),
            self._mapping,
        )
        self._cancel.clear()
        self._dry_run = dry_run
        self.rows_table.setRowCount(0)
        self.progress_bar.setRange(0, 0)  # busy until the first batch is written
        self._tell(self.tr("Checking the file…") if dry_run else self.tr("Importing…"), "")
        self._set_running(True)
        importer, manager, progress, cancel = (
            self._importer, self._manager, self._progress, self._cancel
        )  # fmt: skip
        self.runner.submit(
            lambda: importer.run(
                manager,
                request,
                dry_run=dry_run,
                progress=progress.reported.emit,
                cancelled=cancel.is_set,
            ),
            self._finished,
            self._failed,
        )

    def _reported(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done if total else 1)

    def _cancel_or_close(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Escape, the window's close button and Close: while an import runs, they cancel
        it (the dialog stays to say so) rather than leave it running unseen."""
        if self.runner_busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self._tell(self.tr("Cancelling…"), "")
        else:
            super().reject()

    def _finished(self, result: object) -> None:
        outcome = cast(ImportOutcome, result)
        self.outcome = outcome
        self._set_running(False)
        self._show_rows(outcome)
        figures = {
            "rows": outcome.rows,
            "added": outcome.added,
            "merged": outcome.merged,
            "skipped": outcome.skipped,
            "bad": len(outcome.bad_rows),
            "money": format_money(outcome.stored_value),
            "points": outcome.points,
        }
        if outcome.stopped:
            self._checked = False
            self._tell(
                self.tr(
                    "{count} rows give a phone that is already a member's, so nothing would "
                    "be imported: choose Skip or Merge, or correct the file."
                ).format(count=len(outcome.duplicates)),
                "",
            )
        elif self._dry_run:
            self._checked = True
            self._tell(
                self.tr(
                    "{rows} rows read: {added} members to add, {merged} to merge, {skipped} "
                    "to skip, {bad} bad rows; opening stored value {money} and {points} points. "
                    "Nothing has changed yet."
                ).format(**figures),
                "",
            )
        else:
            self._checked = False
            self._tell(
                self.tr(
                    "Imported {added} members and merged {merged}; {skipped} skipped and "
                    "{bad} bad rows left out; opening stored value {money} and {points} points."
                ).format(**figures),
                "",
            )
            self.imported.emit()
        self._set_running(False)

    def _failed(self, error: Exception) -> None:
        self._checked = False
        self._set_running(False)
        if isinstance(error, ImportCancelled):
            self._tell(self.tr("Import cancelled: nothing was imported."), "")
        elif isinstance(error, UnreadableCsv | UnicodeDecodeError):
            self._tell(self.tr("This file cannot be read as a member list."), str(error))
        elif isinstance(error, MemberImportRefused):
            self._tell(self.tr("This database cannot take an import now."), str(error))
        else:
            self._tell(describe_error(error), "")

    # -- the report ----------------------------------------------------------------

    def _save_report(self) -> None:
        if self.outcome is None:
            return
        path = self.choose_file(self, "save")
        if path is None:
            return
        try:
            listed = write_report(path, self.outcome)
        except OSError:
            self._tell(self.tr("The report could not be saved there."), "")
            return
        self.detail_label.setText(
            self.tr("{count} rows listed in {path}").format(count=listed, path=path)
        )

    # -- helpers -------------------------------------------------------------------

    @property
    def runner_busy(self) -> bool:
        return self._running

    def _show_rows(self, outcome: ImportOutcome) -> None:
        bad = [
            (row.line, row_note_text(row.note) if row.note else row.reason)
            for row in outcome.bad_rows
        ]
        listed = sorted(bad + [(line, row_note_text(note)) for line, note in outcome.duplicates])
        self.rows_table.setRowCount(len(listed))
        for row, (line, reason) in enumerate(listed):
            number = QTableWidgetItem(str(line))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.rows_table.setItem(row, 0, number)
            self.rows_table.setItem(row, 1, QTableWidgetItem(reason))

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.progress_bar.setVisible(running)
        for widget in (self.file_button, self.mapping_button, self.mapping_clear,
                       self.encoding_combo, self.duplicates_combo):  # fmt: skip
            widget.setEnabled(not running)
        self.check_button.setEnabled(not running and self._data is not None)
        self.import_button.setEnabled(not running and self._checked)
        self.report_button.setEnabled(not running and self.outcome is not None)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel") if running else self.tr("Close"))

    def _tell(self, sentence: str, detail: str) -> None:
        self.summary_label.setText(sentence)
        self.detail_label.setText(detail)

    def _button(self, name: str, text: str, handler: Callable[[], object]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(36)
        button.clicked.connect(handler)
        return button


def _choose_file(parent: QWidget, purpose: str) -> Path | None:
    translate = QCoreApplication.translate
    if purpose == "save":
        name, _ = QFileDialog.getSaveFileName(
            parent,
            translate("MemberImportDialog", "Save the import report"),
            "import-report.csv",
            "CSV (*.csv)",
        )
    else:
        name, _ = QFileDialog.getOpenFileName(
            parent, translate("MemberImportDialog", "Choose a file"), "", "CSV (*.csv *.txt);;* (*)"
        )
    return Path(name) if name else None
