"""Every slip the till printed or tried to print: state, retry, reprint, send elsewhere
(the outbox read and changed off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

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
from app.domain.request_keys import new_request_key
from app.offline.print_jobs import NoOfflineReceipt, PrintJobs
from app.services.spooler import JobState, JobStatus
from ui.cashier.server_work import ServerWork, failure_text
from ui.widgets import error_label


def status_text(status: JobStatus) -> str:
    translate = QCoreApplication.translate
    return {
        JobStatus.QUEUED: translate("PrintJobs", "waiting"),
        JobStatus.PRINTING: translate("PrintJobs", "printing"),
        JobStatus.PRINTED: translate("PrintJobs", "printed"),
        JobStatus.SENT_UNCONFIRMED: translate("PrintJobs", "sent, not confirmed"),
        JobStatus.FAILED: translate("PrintJobs", "FAILED"),
        JobStatus.PRINTED_OFFLINE: translate("PrintJobs", "not printed: printed offline"),
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
    """The outbox is read and changed off the GUI thread (``work``): the buttons wait while
    a read or change is out, a failure is said on the message line. While the counter
    sells on its local copy, ``spooler`` (``SwitchedPrintJobs``) is the copy's outbox: its
    slips say "offline"."""

    def __init__(
        self,
        spooler: PrintJobs,
        printer_url: str,
        work: ServerWork,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("printJobsDialog")
        self.setWindowTitle(self.tr("Print jobs"))
        self.resize(900, 480)
        self._spooler, self._printer_url, self._work = spooler, printer_url, work
        self._jobs: list[JobState] = []
        self._buttons: list[QPushButton] = []
        self._reprint_key: tuple[str, str] | None = None
        """The order a reprint was asked for and its request key, kept until it is queued:
        a retry after a lost reply queues one copy."""
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
        self.busy_label = QLabel(self.tr("Waiting for the server…"), objectName="printJobsBusy")
        self.busy_label.setVisible(False)
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
            self._buttons.append(button)
        reprint_row = QHBoxLayout()
        reprint_row.addWidget(QLabel(self.tr("Reprint a past receipt:")))
        reprint_row.addWidget(self.order_edit, 1)
        reprint = QPushButton(self.tr("Reprint"), objectName="reprintOrderButton")
        reprint.clicked.connect(lambda: self._reprint(self.order_edit.text().strip()))
        reprint_row.addWidget(reprint)
        self._buttons.append(reprint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(reprint_row)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.message)
        self._not_found = ""
        """What a ``LookupError`` of the change in flight means, in the cashier's words."""
        self._order_no = ""
        self.refresh()

    @property
    def waiting(self) -> bool:
        return self._work.busy

    def refresh(self) -> None:
        self._run(lambda spooler: spooler.recent(100), self._show, clears=False)

    def _run(
        self,
        job: Callable[[PrintJobs], object],
        done: Callable[[Any], None],
        clears: bool = True,
    ) -> None:
        """``job`` off the GUI thread, the buttons off until it is back."""
        spooler = self._spooler
        self._busy(True)
        self._work.run(
            self, lambda: job(spooler), partial(self._back, done, clears), self._failed,
            offline=True,  # on the copy's outbox while the counter sells there
        )  # fmt: skip

    def _back(self, done: Callable[[Any], None], clears: bool, result: object) -> None:
        self._busy(False)
        if clears:
            self.message.setText("")
        done(result)

    def _busy(self, busy: bool) -> None:
        for button in self._buttons:
            button.setEnabled(not busy)
        self.busy_label.setVisible(busy)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, NoOfflineReceipt):
            text = self.tr(
                "No receipt of a sale made offline has number %1: the receipts of online"
                " orders can be reprinted once the server is back."
            )
            self.message.setText(text.replace("%1", self._order_no))
        elif isinstance(error, LookupError):
            self.message.setText(self._not_found)
        elif isinstance(error, (HardwareError, ValueError)):
            self.message.setText(str(error))
        else:
            self.message.setText(failure_text(error))

    def _show(self, jobs: list[JobState]) -> None:
        self._jobs = jobs
        self.table.setRowCount(len(self._jobs))
        for row, job in enumerate(self._jobs):
            slip = f"{kind_text(job.kind)} {job.reference}"
            if job.offline:
                slip = self.tr("%1 (offline)").replace("%1", slip)
            cells = [
                f"{job.created_at:%m-%d %H:%M}",
                slip,
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
        url = self._printer_url
        self._order_no = order_no
        self._not_found = self.tr("No receipt found for order %1.").replace("%1", order_no)
        if self._reprint_key is None or self._reprint_key[0] != order_no:
            self._reprint_key = (order_no, new_request_key())
        key = self._reprint_key[1]
        self._run(lambda spooler: spooler.reprint(order_no, url, key), self._reprinted)

    def _reprinted(self, _job_id: int) -> None:
        self._reprint_key = None
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
        job_id, address = job.job_id, url.strip()
        self._not_found = self.tr("Select a slip that has not printed.")
        self._run(lambda spooler: spooler.redirect(job_id, address), lambda _: self.refresh())
