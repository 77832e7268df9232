"""The print spooler: one worker thread per printer sends outbox jobs in order.

Jobs are rows in the database (``print_jobs``), written in the same transaction as
the sale, so nothing is lost to a printer that is off, out of paper or unplugged,
nor to a till that is killed: on start, interrupted jobs go back to the queue. A
failed job stays at the head of its printer's queue and is retried with growing
pauses until it prints, so slips never come out of order. No Qt here: listeners
are called on the worker thread and the UI marshals them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.clock import Clock
from app.domain.print_jobs import JobStatus as JobStatus
from app.domain.print_jobs import PrintJob
from app.domain.request_keys import RequestKind, fingerprint
from app.once.keys import claim, committed_outcome, once_more_if_taken
from app.ports import ReceiptPrinter
from app.unit_of_work import UnitOfWorkFactory
from hardware.errors import HardwareError
from hardware.printing.document import document_from_json, document_to_json, marked_duplicate
from hardware.printing.transports import Delivery

log = logging.getLogger(__name__)

RETRY_DELAYS_S = (1.0, 2.0, 5.0, 10.0, 30.0)
IDLE_WAIT_S = 5.0
DUPLICATE_MARK = "重印 DUPLICATE"
DRAWER_JOB = "drawer"


@dataclass(frozen=True)
class JobState:
    """One job as staff see it; ``fault`` is a ``Fault`` value when it failed."""

    job_id: int
    kind: str
    reference: str
    printer_url: str
    status: JobStatus
    fault: str
    error: str
    attempts: int
    created_at: datetime
    offline: bool = False
    """In the local copy's outbox: a slip of a sale made while the server was gone."""


def _state(job: PrintJob) -> JobState:
    reference = document_from_json(job.document).reference
    return JobState(
        job.job_id,
        job.kind,
        reference,
        job.printer_url,
        job.status,
        job.fault,
        job.last_error,
        job.attempts,
        job.created_at,
    )


class PrintSpooler:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        open_printer: Callable[[str], ReceiptPrinter],
        retry_delays_s: tuple[float, ...] = RETRY_DELAYS_S,
    ) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id
        self._open_printer = open_printer
        self._retry_delays = retry_delays_s
        self._workers: dict[str, _Worker] = {}
        self._listeners: list[Callable[[JobState], None]] = []
        self._lock = threading.Lock()
        self._stopped = False
        self._printed_elsewhere: Callable[[PrintJob], bool] | None = None

    # lifecycle --------------------------------------------------------------

    def start(self) -> None:
        """Requeue what a crash interrupted and start a worker for every printer with work."""
        with self._units() as uow:
            if uow.print_jobs.requeue_interrupted(self._till_id):
                log.warning("requeued print jobs interrupted by the last shutdown")
            urls = uow.print_jobs.pending_printers(self._till_id)
            uow.commit()
        for url in urls:
            self.wake(url)

    def stop(self, timeout_s: float = 10.0) -> None:
        with self._lock:
            self._stopped = True
            workers = list(self._workers.values())
        for worker in workers:
            worker.stop()
        for worker in workers:
            worker.join(timeout_s)

    def skip_when(self, printed_elsewhere: Callable[[PrintJob], bool]) -> None:
        """Before a job prints, ``printed_elsewhere(job)`` is asked (on the worker thread);
        when it says so the job is finished as ``PRINTED_OFFLINE`` instead: the till
        printed that sale's slip from its local copy (``app/offline/twins.py``)."""
        self._printed_elsewhere = printed_elsewhere

    def add_listener(self, listener: Callable[[JobState], None]) -> None:
        """``listener`` runs on a worker thread after every change of a job's state."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[JobState], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # requests ---------------------------------------------------------------

    def wake(self, printer_url: str) -> None:
        worker = self._worker_for(printer_url)
        if worker is not None:
            worker.wake()

    def _worker_for(self, printer_url: str) -> _Worker | None:
        """The printer's worker, started on first use; raises ``DeviceUrlError`` on a bad URL."""
        with self._lock:
            if self._stopped:
                return None
            worker = self._workers.get(printer_url)
            if worker is None:
                worker = _Worker(self, printer_url, self._open_printer(printer_url))
                self._workers[printer_url] = worker
                worker.start()
            return worker

    def retry_now(self) -> None:
        """The cashier fixed the printer: try every failed job at once."""
        with self._lock:
            workers = list(self._workers.values())
        for worker in workers:
            worker.retry_now()

    def reprint(self, order_no: str, printer_url: str, request_key: str | None = None) -> int:
        """Queue a copy of an order's receipt marked as a duplicate; returns the job id.
        With a ``request_key`` a retry after a lost reply queues no second copy: it gets
        the job that committed."""
        asked = fingerprint(RequestKind.REPRINT, {"order": order_no, "printer": printer_url})
        job_id = once_more_if_taken(
            lambda: self._reprint(order_no, printer_url, (request_key, asked))
        )
        self.wake(printer_url)
        return job_id

    def _reprint(self, order_no: str, printer_url: str, keyed: tuple[str | None, str]) -> int:
        request_key, asked = keyed
        with self._units() as uow:
            prior = committed_outcome(uow, request_key, RequestKind.REPRINT, asked)
            if prior is not None:
                return int(prior["job_id"])
            original = uow.print_jobs.first_receipt(order_no)
            if original is None:
                raise LookupError(f"no receipt was printed for order {order_no}")
            document = marked_duplicate(document_from_json(original.document), DUPLICATE_MARK)
            now = self._clock.now()
            job_id = uow.print_jobs.add(
                till_id=self._till_id,
                printer_url=printer_url,
                kind="reprint",
                document=document_to_json(document),
                open_drawer=False,
                created_at=now,
                order_id=original.order_id,
            )
            outcome = {"reference": order_no, "job_id": job_id}
            claim(uow, request_key, RequestKind.REPRINT, asked, self._till_id, now, outcome)
            uow.commit()
        return job_id

    def redirect(self, job_id: int, printer_url: str) -> None:
        """Send a job that has not printed to another printer."""
        self._worker_for(printer_url)  # refuse a bad address before touching the job
        with self._units() as uow:
            job = uow.print_jobs.get(job_id)
            if job is None or job.till_id != self._till_id:
                raise LookupError(f"no print job {job_id} on this till")
            if job.status.finished or job.status is JobStatus.PRINTING:
                raise ValueError("only a waiting or failed job can be sent elsewhere")
            uow.print_jobs.redirect(job_id, printer_url)
            uow.commit()
        self.wake(printer_url)

    def recent(self, limit: int = 50) -> list[JobState]:
        with self._units() as uow:
            jobs = uow.print_jobs.recent(self._till_id, limit)
        return [_state(job) for job in jobs]

    # worker side ------------------------------------------------------------

    def _next(
        self,
        printer_url: str,
        done: tuple[int, JobStatus] | None,
        wait_s: Callable[[int], float],
        look: bool = True,
    ) -> tuple[PrintJob | None, float, bool]:
        """One transaction per slip: record how the last job ended (``done``), find the
        printer's head and start it: ``(the job now printing, 0, whether another waits
        behind it)``, or ``(None, how long to wait, False)`` when there is none or its
        retry pause (``wait_s(job id)``) has not passed. A head printed offline is finished
        as ``PRINTED_OFFLINE`` and the next one looked at. ``look=False``: only record
        ``done`` (stopping, or nothing can be waiting)."""
        changed: list[PrintJob] = []
        taken, waiting, more = None, IDLE_WAIT_S, False
        now = self._clock.now()
        with self._units() as uow:
            if done is not None:
                changed.append(uow.print_jobs.mark_finished(done[0], done[1], now))
            while look:
                front = uow.print_jobs.front(self._till_id, printer_url, 2)
                head = front[0] if front else None
                waiting = IDLE_WAIT_S if head is None else wait_s(head.job_id)
                if head is None or waiting > 0:
                    break
                try:
                    skip = self._printed_elsewhere is not None and self._printed_elsewhere(head)
                except Exception:  # how the last job ended stands; this one waits
                    log.exception("print job %s: could not tell if it printed offline", head.job_id)
                    waiting = RETRY_DELAYS_S[-1]
                    break
                if not skip:
                    taken, more = uow.print_jobs.start_attempt(head.job_id), len(front) > 1
                    changed.append(taken)
                    break
                log.info(
                    "print job %s not printed: its sale's slip was printed offline", head.job_id
                )
                changed.append(
                    uow.print_jobs.mark_finished(head.job_id, JobStatus.PRINTED_OFFLINE, now)
                )
            uow.commit()
        for job in changed:
            self._tell(job)
        return taken, waiting, more

    def _failed(self, job_id: int, error: HardwareError, retry_in_s: float) -> None:
        retry_at = self._clock.now() + timedelta(seconds=retry_in_s)
        with self._units() as uow:
            job = uow.print_jobs.mark_failed(job_id, error.fault.value, str(error), retry_at)
            uow.commit()
        self._tell(job)

    def _tell(self, job: PrintJob) -> None:
        state = _state(job)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(state)

    def _delay_after(self, attempts: int) -> float:
        return self._retry_delays[min(attempts, len(self._retry_delays)) - 1]


class _Worker(threading.Thread):
    """Prints one printer's jobs. It looks for work when woken (``wake``: a job was
    queued), after a slip when another was waiting behind it, after a failure, and every
    ``IDLE_WAIT_S`` for jobs queued without a wake (another process): after a slip with
    nothing behind it and no wake since, it only records that the slip printed."""

    def __init__(self, spooler: PrintSpooler, printer_url: str, printer: ReceiptPrinter) -> None:
        super().__init__(name=f"printer {printer.describe()}", daemon=True)
        self._spooler, self._url, self._printer = spooler, printer_url, printer
        self._woken = threading.Condition()
        self._wakes = 0
        """Wakes so far: a look that began after the n-th saw every job queued before it."""
        self._stop_requested = threading.Event()
        self._retry_at: dict[int, float] = {}

    def wake(self) -> None:
        with self._woken:
            self._wakes += 1
            self._woken.notify()

    def retry_now(self) -> None:
        self._retry_at.clear()
        self.wake()

    def stop(self) -> None:
        self._stop_requested.set()
        self.wake()

    def run(self) -> None:
        done: tuple[int, JobStatus] | None = None
        """The job that has just printed: recorded with the next transaction."""
        look = True
        while not self._stop_requested.is_set() or done is not None:
            stopping = self._stop_requested.is_set()
            seen = self._wakes
            try:
                job, waiting, more = self._spooler._next(
                    self._url, done, self._waiting, look and not stopping
                )
            except Exception as error:  # keep the worker alive; the job stays in the outbox
                log.exception("print worker for %s failed; retrying", self._url)
                if stopping:
                    return  # the job stays "printing": the next start queues it again
                if isinstance(error, LookupError):  # the job is gone
                    done = None
                look = True
                self._pause(RETRY_DELAYS_S[-1], seen)
                continue  # else ``done`` is recorded with the next look: it has printed
            done = None
            if stopping:
                return
            if job is None:
                self._pause(waiting, seen)
                look = True
            else:
                done = self._print(job)
                look = done is None or more or self._wakes != seen

    def _waiting(self, job_id: int) -> float:
        return self._retry_at.get(job_id, 0.0) - time.monotonic()

    def _print(self, job: PrintJob) -> tuple[int, JobStatus] | None:
        """Send ``job`` (started): how it ended, or None when it failed (recorded here)."""
        try:
            if job.kind == DRAWER_JOB:
                delivery = self._printer.kick_drawer()
            else:
                document = document_from_json(job.document)
                delivery = self._printer.print_receipt(document, open_drawer=job.open_drawer)
        except Exception as exc:
            error = exc if isinstance(exc, HardwareError) else HardwareError(f"print failed: {exc}")
            delay = self._spooler._delay_after(job.attempts)
            self._retry_at[job.job_id] = time.monotonic() + delay
            log.warning("print job %s failed (%s); retrying in %.0f s", job.job_id, error, delay)
            try:
                self._spooler._failed(job.job_id, error, delay)
            except Exception:  # it stays "printing": the next look finds and retries it
                log.exception("print worker for %s could not record a failure", self._url)
            return None
        self._retry_at.pop(job.job_id, None)
        printed = delivery is Delivery.CONFIRMED
        return job.job_id, JobStatus.PRINTED if printed else JobStatus.SENT_UNCONFIRMED

    def _pause(self, seconds: float, seen: int) -> None:
        """Until ``seconds`` have passed or a wake came after the ``seen``-th."""
        with self._woken:
            self._woken.wait_for(
                lambda: self._wakes != seen or self._stop_requested.is_set(), seconds
            )
