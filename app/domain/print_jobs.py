"""Slips in the print outbox: where they go, how far they got, why they failed."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class JobStatus(enum.Enum):
    QUEUED = "queued"
    PRINTING = "printing"
    PRINTED = "printed"
    SENT_UNCONFIRMED = "sent_unconfirmed"
    FAILED = "failed"
    PRINTED_OFFLINE = "printed_offline"
    """Not printed: the till printed this sale's slip from its local copy (the server
    committed the sale, its reply was lost, and the retry sold it offline)."""

    @property
    def finished(self) -> bool:
        return self in (JobStatus.PRINTED, JobStatus.SENT_UNCONFIRMED, JobStatus.PRINTED_OFFLINE)


@dataclass(frozen=True)
class PrintJob:
    """One job in the outbox; ``document`` is the slip as JSON, ``fault`` a hardware
    ``Fault`` value and ``last_error`` its message when the last attempt failed."""

    job_id: int
    till_id: str
    printer_url: str
    kind: str
    document: str
    open_drawer: bool
    status: JobStatus
    created_at: datetime
    order_id: int | None = None
    attempts: int = 0
    fault: str = ""
    last_error: str = ""
    next_attempt_at: datetime | None = None
    finished_at: datetime | None = None
