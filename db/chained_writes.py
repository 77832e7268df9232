"""Audit events and ledger entries written as sets: kept in the session until its
transaction next sends a statement through the session, flushes or commits, then
chained and inserted with one statement per table (``db.hash_chains``).

The ORM's flush did the same for these rows at about three times the CPU (its unit of
work, identity map and per-row bookkeeping, for rows nothing reads back as objects).
Writing them at the same moments the ORM would autoflush them keeps what a transaction
reads of its own appends, and writing each table's streams in sorted order (audit,
points, stored value, as the flush did) keeps two tills from locking two heads in
opposite orders.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, insert
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from db.hash_chains import AUDIT, CHAINED, HINTS, ChainedTable, chained
from db.store_stamps import store_of_till

_PENDING = "chained_writes.pending"
HELD = "ledgers.held_under_lock"
"""Stored value read under the member's lock (``db.ledgers``), forgotten with the
transaction like the chains' head hints."""


def add(session: Session, spec: ChainedTable, row: dict[str, object]) -> None:
    """Queue ``row`` (its table's columns but the chain's and, for an audit event, the
    store's) for ``spec``'s table. Nothing is sent here: a statement between two appends
    would write the first alone, and its streams' locks would come before the second's
    whatever their order."""
    session.info.setdefault(_PENDING, {}).setdefault(spec.name, []).append(row)


def write_pending(session: Session) -> None:
    """Chain and insert what is queued, in this transaction."""
    pending: dict[str, list[dict[str, object]]] | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    for row in pending.get(AUDIT.name, ()):  # the till's store (as db.store_stamps does)
        row["store_id"] = store_of_till(session, str(row["till_id"]))
    connection = session.connection()
    hints = session.info.get(HINTS)
    for spec in CHAINED:  # audit, points, stored value: the streams' sorted order
        rows = pending.get(spec.name)
        if rows:
            connection.execute(_INSERTS[spec.name], chained(connection, spec, rows, hints))


def connection(session: Session) -> Connection:
    """The session's connection for a Core statement, with what is queued written first
    (as the session's own ``execute`` would): the ORM's per-statement work is skipped
    where nothing needs it."""
    write_pending(session)
    return session.connection()


_INSERTS = {spec.name: insert(spec.table) for spec in CHAINED}
assert [spec.name for spec in CHAINED] == sorted(spec.name for spec in CHAINED), AUDIT


@event.listens_for(Session, "do_orm_execute")
def _before_a_statement(state: ORMExecuteState) -> None:
    write_pending(state.session)


@event.listens_for(Session, "before_flush")
def _before_a_flush(session: Session, _context: Any, _instances: object) -> None:
    write_pending(session)


@event.listens_for(Session, "before_commit")
def _before_the_commit(session: Session) -> None:
    write_pending(session)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # rolled back (a commit wrote them first)
        session.info.pop(_PENDING, None)
        session.info.pop(HINTS, None)
        session.info.pop(HELD, None)
