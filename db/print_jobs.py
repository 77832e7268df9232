"""The print outbox: slips queued, taken in order, marked printed or failed, all in the
caller's session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Executable, Result, Row, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.domain.print_jobs import JobStatus, PrintJob
from db.models import OrderRow, PrintJobRow
from db.store_stamps import store_of_till

PENDING = ("queued", "printing", "failed")
INTERRUPTED = "interrupted: the till stopped while printing"


def add_job(
    session: Session,
    *,
    till_id: str,
    printer_url: str,
    kind: str,
    document: str,
    open_drawer: bool,
    created_at: datetime,
    order_id: int | None = None,
) -> int:
    """Queue a job in the session's transaction; its id. One Core insert (the till's
    store stamped as ``db.store_stamps`` would at a flush): the outbox row is never
    needed as an ORM object in the transaction that writes it."""
    values = {
        "till_id": till_id,
        "store_id": store_of_till(session, till_id),
        "printer_url": printer_url,
        "kind": kind,
        "document": document,
        "open_drawer": open_drawer,
        "order_id": order_id,
        "created_at": created_at,
        "status": "queued",
    }
    written = session.connection().execute(_INSERT_JOB, values)
    return int(written.inserted_primary_key[0])  # type: ignore[index]


_INSERT_JOB = insert(PrintJobRow)


def unfinished_summary(session: Session, till_id: str) -> tuple[int, int, list[str]]:
    """(waiting, failed, faults of the failed) over the whole outbox, not a recent window."""
    rows = session.execute(
        select(PrintJobRow.status, PrintJobRow.fault, func.count())
        .where(PrintJobRow.till_id == till_id, PrintJobRow.status.in_(PENDING))
        .group_by(PrintJobRow.status, PrintJobRow.fault)
    ).all()
    waiting = sum(count for status, _fault, count in rows if status != "failed")
    failed = sum(count for status, _fault, count in rows if status == "failed")
    faults = sorted({fault or "error" for status, fault, _count in rows if status == "failed"})
    return waiting, failed, faults


class SqlPrintJobs:
    """The print outbox, written in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        till_id: str,
        printer_url: str,
        kind: str,
        document: str,
        open_drawer: bool,
        created_at: datetime,
        order_id: int | None = None,
    ) -> int:
        return add_job(
            self._session,
            till_id=till_id,
            printer_url=printer_url,
            kind=kind,
            document=document,
            open_drawer=open_drawer,
            created_at=created_at,
            order_id=order_id,
        )

    def head(self, till_id: str, printer_url: str) -> PrintJob | None:
        return next(iter(self.front(till_id, printer_url, 1)), None)

    def front(self, till_id: str, printer_url: str, count: int) -> list[PrintJob]:
        found = self._execute(_FRONT, {"till": till_id, "printer": printer_url, "count": count})
        return [job_from_row(row) for row in found]

    def get(self, job_id: int) -> PrintJob | None:
        return _job_or_none(self._execute(_SELECT_JOBS.where(_JOBS.c.id == job_id)).first())

    def recent(self, till_id: str, limit: int) -> list[PrintJob]:
        query = _SELECT_JOBS.where(_JOBS.c.till_id == till_id).order_by(_JOBS.c.id.desc())
        return [job_from_row(row) for row in self._execute(query.limit(limit))]

    def first_receipt(self, order_no: str) -> PrintJob | None:
        query = (
            _SELECT_JOBS.join(OrderRow, OrderRow.id == _JOBS.c.order_id)
            .where(OrderRow.order_no == order_no, _JOBS.c.kind == "receipt")
            .order_by(_JOBS.c.id)
            .limit(1)
        )
        return _job_or_none(self._execute(query).first())

    def pending_printers(self, till_id: str) -> list[str]:
        query = (
            select(PrintJobRow.printer_url)
            .where(PrintJobRow.till_id == till_id, PrintJobRow.status.in_(PENDING))
            .distinct()
        )
        return list(self._session.scalars(query))

    def requeue_interrupted(self, till_id: str) -> int:
        result = self._session.execute(
            update(PrintJobRow)
            .where(PrintJobRow.till_id == till_id, PrintJobRow.status == "printing")
            .values(status="queued", last_error=INTERRUPTED)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def start_attempt(self, job_id: int) -> PrintJob:
        return self._changed(self._execute(_START, {"job": job_id}).first(), job_id)

    def mark_finished(self, job_id: int, status: JobStatus, at: datetime) -> PrintJob:
        ended = {"job": job_id, "ended_as": status.value, "ended_at": at}
        return self._changed(self._execute(_FINISH, ended).first(), job_id)

    def mark_failed(
        self, job_id: int, fault: str, error: str, retry_at: datetime | None
    ) -> PrintJob:
        return self._change(
            job_id,
            status=JobStatus.FAILED.value,
            fault=fault,
            last_error=error,
            next_attempt_at=retry_at,
        )

    def redirect(self, job_id: int, printer_url: str) -> None:
        self._change(job_id, printer_url=printer_url, status=JobStatus.QUEUED.value)

    def _change(self, job_id: int, **values: Any) -> PrintJob:
        """One round trip: the update returns the job as it now is."""
        changed = update(_JOBS).where(_JOBS.c.id == job_id).values(**values).returning(*_JOBS.c)
        return self._changed(self._execute(changed).first(), job_id)

    @staticmethod
    def _changed(row: Row[Any] | None, job_id: int) -> PrintJob:
        if row is None:
            raise LookupError(f"no print job {job_id}")
        return job_from_row(row)

    def _execute(self, statement: Executable, params: dict[str, Any] | None = None) -> Result[Any]:
        """Core statements on the session's connection: the outbox is never loaded as ORM
        objects, so nothing of it waits in the session to be flushed or refreshed."""
        return self._session.connection().execute(statement, params)


_JOBS: Table = PrintJobRow.__table__  # type: ignore[assignment]
_SELECT_JOBS = select(*_JOBS.c)
# The spooler's statements, built once (building one costs more than sending it).
_FRONT = (
    _SELECT_JOBS.where(
        _JOBS.c.till_id == bindparam("till"),
        _JOBS.c.printer_url == bindparam("printer"),
        _JOBS.c.status.in_(PENDING),
    )
    .order_by(_JOBS.c.id)
    .limit(bindparam("count"))
)
_START = (
    update(_JOBS)
    .where(_JOBS.c.id == bindparam("job"))
    .values(status=JobStatus.PRINTING.value, attempts=_JOBS.c.attempts + 1, next_attempt_at=None)
    .returning(*_JOBS.c)
)
_FINISH = (
    update(_JOBS)
    .where(_JOBS.c.id == bindparam("job"))
    .values(
        status=bindparam("ended_as"),
        fault="",
        last_error="",
        finished_at=bindparam("ended_at"),
        next_attempt_at=None,
    )
    .returning(*_JOBS.c)
)


def job_from_row(row: Row[Any]) -> PrintJob:
    return PrintJob(
        job_id=row.id,
        till_id=row.till_id,
        printer_url=row.printer_url,
        kind=row.kind,
        document=row.document,
        open_drawer=row.open_drawer,
        status=JobStatus(row.status),
        created_at=row.created_at,
        order_id=row.order_id,
        attempts=row.attempts,
        fault=row.fault,
        last_error=row.last_error,
        next_attempt_at=row.next_attempt_at,
        finished_at=row.finished_at,
    )


def _job_or_none(row: Row[Any] | None) -> PrintJob | None:
    return None if row is None else job_from_row(row)
