"""Queries on the print outbox; every function takes the caller's session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.models import OrderRow, PrintJobRow

PENDING = ("queued", "printing", "failed")


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
) -> PrintJobRow:
    job = PrintJobRow(
        till_id=till_id,
        printer_url=printer_url,
        kind=kind,
        document=document,
        open_drawer=open_drawer,
        order_id=order_id,
        created_at=created_at,
        status="queued",
    )
    session.add(job)
    session.flush()
    return job


def head_of_queue(session: Session, till_id: str, printer_url: str) -> PrintJobRow | None:
    """The oldest unfinished job for one printer: jobs print strictly in order."""
    query = (
        select(PrintJobRow)
        .where(
            PrintJobRow.till_id == till_id,
            PrintJobRow.printer_url == printer_url,
            PrintJobRow.status.in_(PENDING),
        )
        .order_by(PrintJobRow.id)
        .limit(1)
    )
    return session.scalar(query)


def pending_printers(session: Session, till_id: str) -> list[str]:
    query = (
        select(PrintJobRow.printer_url)
        .where(PrintJobRow.till_id == till_id, PrintJobRow.status.in_(PENDING))
        .distinct()
    )
    return list(session.scalars(query))


def requeue_interrupted(session: Session, till_id: str) -> int:
    """Jobs left 'printing' by a crash go back to the queue (a duplicate beats a loss)."""
    result = session.execute(
        update(PrintJobRow)
        .where(PrintJobRow.till_id == till_id, PrintJobRow.status == "printing")
        .values(status="queued", last_error="interrupted: the till stopped while printing")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def recent_jobs(session: Session, till_id: str, limit: int) -> Sequence[PrintJobRow]:
    query = (
        select(PrintJobRow)
        .where(PrintJobRow.till_id == till_id)
        .order_by(PrintJobRow.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def receipt_job_for_order(session: Session, order_no: str) -> PrintJobRow | None:
    query = (
        select(PrintJobRow)
        .join(OrderRow, OrderRow.id == PrintJobRow.order_id)
        .where(OrderRow.order_no == order_no, PrintJobRow.kind == "receipt")
        .order_by(PrintJobRow.id)
        .limit(1)
    )
    return session.scalar(query)


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
        job = add_job(
            self._session,
            till_id=till_id,
            printer_url=printer_url,
            kind=kind,
            document=document,
            open_drawer=open_drawer,
            created_at=created_at,
            order_id=order_id,
        )
        return job.id
