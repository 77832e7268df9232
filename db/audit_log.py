"""The audit log's one writer and its one encoding of an event's detail.

Every audit event goes through ``SqlAuditLog.record``, so the table is uniform: the detail
is a JSON object with sorted keys (or empty), which is what lets it be read back, shown
and, later, chained and verified.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any, Protocol

from sqlalchemy.orm import Session

from db import chained_writes
from db.hash_chains import AUDIT


class AuditContext(Protocol):
    """What the writer reads from the action (``app.context.ActionContext`` fits)."""

    @property
    def staff_id(self) -> int | None: ...

    @property
    def till_id(self) -> str: ...

    @property
    def now(self) -> datetime: ...


def encode_detail(detail: Mapping[str, object] | None) -> str:
    """The stored form of a detail: ``""`` for none, else JSON with sorted keys.

    Dates and times as ISO text, enums by value, sets as sorted lists; anything else
    that JSON cannot hold is a programming error and raises ``TypeError``.
    """
    if not detail:
        return ""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: object) -> object:
    if isinstance(value, frozenset | set):
        return sorted(value, key=_sort_key)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} in an audit detail")


def _sort_key(value: object) -> Any:  # the members of one set are of one type
    return value.value if isinstance(value, enum.Enum) else value


class SqlAuditLog:
    """Appends audit events in the caller's transaction (chained and inserted with the
    transaction's next statement, flush or commit: ``db.chained_writes``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self,
        context: AuditContext,
        action: str,
        subject: str = "",
        detail: Mapping[str, object] | None = None,
    ) -> None:
        row: dict[str, object] = {
            "at": context.now,
            "till_id": context.till_id,
            "staff_id": context.staff_id,
            "action": action,
            "subject": subject,
            "detail": encode_detail(detail),
        }
        chained_writes.add(self._session, AUDIT, row)
