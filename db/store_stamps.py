"""Orders, payments, refunds, print jobs and audit events carry their till's store.

Rows name their till already; a ``before_flush`` listener (``db.engine.session_factory``
installs it beside the hash chains) fills ``store_id`` from the till's registration
(``tills``), and a payment's till and store from its order, so no service has to thread
the store through. A till id not registered (``setup``, ``import``) leaves it empty.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, UOWTransaction

from db.models import AuditEventRow, OrderRow, PrintJobRow, RefundRow, TillRow

_STAMPED = (OrderRow, RefundRow, PrintJobRow, AuditEventRow)
_CACHE = "store_of_till"


def stamp_new_rows(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """``before_flush``: each new row of a till gets the till's store."""
    for row in session.new:
        if isinstance(row, _STAMPED) and row.store_id is None:
            row.store_id = _store_of(session, row.till_id)
        if isinstance(row, OrderRow):
            for payment in row.payments:
                payment.till_id = payment.till_id or row.till_id
                payment.store_id = payment.store_id or row.store_id


def _store_of(session: Session, till_id: str) -> int | None:
    cache: dict[str, int | None] = session.info.setdefault(_CACHE, {})
    if till_id not in cache:
        query = select(TillRow.store_id).where(TillRow.till_id == till_id)
        cache[till_id] = session.execute(query).scalar_one_or_none()
    return cache[till_id]
