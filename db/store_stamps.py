"""Orders, payments, refunds, print jobs and audit events carry their till's store.

Rows name their till already; a ``before_flush`` listener (``db.engine.session_factory``
installs it beside the hash chains) fills ``store_id`` from the till's registration
(``tills``), and a payment's till and store from its order, so no service has to thread
the store through. A till id not registered (``setup``, ``import``) leaves it empty.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sqlalchemy import select
from sqlalchemy.orm import Session, UOWTransaction

from db.models import AuditEventRow, OrderRow, PrintJobRow, RefundRow, TillRow

_STAMPED = (OrderRow, RefundRow, PrintJobRow, AuditEventRow)
_STORES: WeakKeyDictionary[object, dict[str, int]] = WeakKeyDictionary()


def stamp_new_rows(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """``before_flush``: each new row of a till gets the till's store."""
    for row in session.new:
        if isinstance(row, _STAMPED) and row.store_id is None:
            row.store_id = store_of_till(session, row.till_id)
        if isinstance(row, OrderRow):
            for payment in row.payments:
                payment.till_id = payment.till_id or row.till_id
                payment.store_id = payment.store_id or row.store_id


def store_of_till(session: Session, till_id: str) -> int | None:
    """Cached per engine once found: a till's store changes (``pos tills move``) when the
    till restarts, that is with a new engine; an id not registered yet is asked again."""
    engine = session.get_bind()
    known = _STORES.setdefault(engine, {})
    if till_id not in known:
        query = select(TillRow.store_id).where(TillRow.till_id == till_id)
        store = session.execute(query).scalar_one_or_none()
        if store is None:
            return None
        known[till_id] = store
    return known[till_id]
