"""Every slip the till printed or tried to print: state, retry, reprint, send elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.devices import HardwareError
from app.services.spooler import JobState, JobStatus, PrintSpooler
from ui.widgets import error_label


def status_text(status: JobStatus) -> str:
    translate = QCoreApplication.translate
    return {
        JobStatus.QUEUED: translate("PrintJobs", "waiting"),
        JobStatus.PRINTING: translate("PrintJobs", "printing"),
        JobStatus.PRINTED: translate("PrintJobs", "printed"),
        JobStatus.SENT_UNCONFIRMED: translate("PrintJobs", "sent, not confirmed"),
        JobStatus.FAILED: translate("PrintJobs", "FAILED"),
    }[status]


def kind_text(kind: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "receipt": translate("PrintJobs", "receipt"),
        "reprint": translate("PrintJobs", "reprint"),
        "drawer": translate("PrintJobs", "cash drawer"),
    }
    return names.get(kind, kind)


class PrintJobsDialog(QDialog):
    def __init__(self, spooler: PrintSpooler, printer_url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("printJobsDialog")
        self.setWindowTitle(self.tr("Print jobs"))
        self.resize(900, 480)
        self._spooler, self._printer_url = spooler, printer_url
        self._jobs: list[JobState] = []
        self.table = QTableWidget(0, 6, objectName="printJobsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Slip"),
                self.tr("Printer"),
                self.tr("State"),
                self.tr("Tries"),
                self.tr("Problem"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.order_edit = QLineEdit(objectName="reprintOrderEdit")
        self.order_edit.setPlaceholderText(self.tr("Order number, e.g. T1-20261122-0001"))
        self.message = error_label("printJobsMessage")
        buttons = QHBoxLayout()
        for name, text, handler in (
            ("retryAllButton", self.tr("Retry failed now"), self._retry),
            ("reprintSelectedButton", self.tr("Reprint selected"), self._reprint_selected),
            ("redirectButton", self.tr("Send to another printer…"), self._redirect),
            ("refreshJobsButton", self.tr("Refresh"), self.refresh),
        ):
            button = QPushButton(text, objectName=name)
            button.setMinimumHeight(44)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        reprint_row = QHBoxLayout()
        reprint_row.addWidget(QLabel(self.tr("Reprint a past receipt:")))
        reprint_row.addWidget(self.order_edit, 1)
        reprint = QPushButton(self.tr("Reprint"), objectName="reprintOrderButton")
        reprint.clicked.connect(lambda: self._reprint(self.order_edit.text().strip()))
        reprint_row.addWidget(reprint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(reprint_row)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self._jobs = self._spooler.recent(100)
        self.table.setRowCount(len(self._jobs))
        for row, job in enumerate(self._jobs):
            cells = [
                f"{job.created_at:%m-%d %H:%M}",
                f"{kind_text(job.kind)} {job.reference}",
                job.printer_url,
                status_text(job.status),
                str(job.attempts),
                job.error,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _selected(self) -> JobState | None:
        rows = self.table.selectionModel().selectedRows()
        return self._jobs[rows[0].row()] if rows else None

    def _retry(self) -> None:
        self._spooler.retry_now()
        self.message.setText("")

    def _reprint_selected(self) -> None:
        job = self._selected()
        if job is None or job.kind not in ("receipt", "reprint"):
            self.message.setText(self.tr("Select a receipt first."))
            return
        self._reprint(job.reference)

    def _reprint(self, order_no: str) -> None:
        try:
            self._spooler.reprint(order_no, self._printer_url)
        except LookupError:
            self.message.setText(self.tr("No receipt found for order %1.").replace("%1", order_no))
            return
        self.message.setText("")
        self.refresh()

    def _redirect(self) -> None:
        job = self._selected()
        if job is None or job.status.finished:
            self.message.setText(self.tr("Select a slip that has not printed."))
            return
        url, ok = QInputDialog.getText(
            self, self.tr("Send to another printer"), self.tr("Printer address:"), text="sim://"
        )
        if not ok:
            return
        try:
            self._spooler.redirect(job.job_id, url.strip())
        except (HardwareError, LookupError, ValueError) as error:
            self.message.setText(str(error))
            return
        self.message.setText("")
        self.refresh()
