"""The trainer report for managers: the leaderboard and each person's best scores and
times and common mistakes, exportable to PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.exports import write_pdf
from app.exports.model import Document, Language
from app.training.coach import ExerciseCoach
from app.training.report import trainer_document


class TrainerReportDialog(QDialog):
    def __init__(
        self,
        coach: ExerciseCoach,
        language: Language,
        generated_by: str,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainerReport")
        self.setWindowTitle(self.tr("Trainer report"))
        self.resize(900, 600)
        mistakes = {
            (e.exercise_id, m.code): m.text(language) for e in coach.exercises for m in e.mistakes
        }
        self._document = trainer_document(
            coach.attempts(), coach.exercises, language, now, generated_by, mistakes
        )
        layout = QVBoxLayout(self)
        self.tables: list[QTableWidget] = []
        for index, table in enumerate(self._document.tables):
            layout.addWidget(QLabel(f"<b>{table.title}</b>"))
            widget = QTableWidget(objectName=f"trainerTable{index}")
            rows = list(table.rows)
            widget.setColumnCount(len(table.columns))
            widget.setRowCount(len(rows))
            widget.setHorizontalHeaderLabels([column.title for column in table.columns])
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    widget.setItem(r, c, QTableWidgetItem("" if cell is None else str(cell)))
            widget.resizeColumnsToContents()
            widget.horizontalHeader().setStretchLastSection(True)
            self.tables.append(widget)
            layout.addWidget(widget, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        export = QPushButton(self.tr("Export PDF…"), objectName="exportTrainerPdfButton")
        export.clicked.connect(self._export)
        close = QPushButton(self.tr("Close"), objectName="closeTrainerReportButton")
        close.clicked.connect(self.accept)
        buttons.addWidget(export)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def document(self) -> Document:
        return self._document

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), "trainer-report.pdf", "PDF (*.pdf)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        write_pdf(self._document, path)
