"""The member lock: every change to a member's balances or record starts by taking it."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, bindparam, event, update
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.orm.util import identity_key

from db import chained_writes
from db.models import MemberRow

_members: Table = MemberRow.__table__  # type: ignore[assignment]


def lock_member(session: Session, member_id: int) -> MemberRow:
    """Take the member's lock before reading any balance (see ``MemberRow.ledger_version``).

    It must be the transaction's first statement on SQLite: a transaction that read
    first cannot always upgrade to a writer.
    """
    row = session.scalars(_LOCK, {"member": member_id}).one_or_none()
    if row is None:
        raise LookupError(f"member {member_id} does not exist")
    return row


_LOCK = (  # built once: building it cost more than sending it
    update(MemberRow)
    .where(MemberRow.id == bindparam("member"))
    .values(ledger_version=MemberRow.ledger_version + 1)
    .returning(MemberRow)  # the row as locked, in the same round trip
    .execution_options(synchronize_session=False, populate_existing=True)
)


def lock_members(session: Session, member_ids: Sequence[int]) -> None:
    """The same lock on several members: one ``UPDATE`` each in id order, sent as one
    batch, so tills that lock several members in id order (merges too) cannot deadlock."""
    bump = (
        update(MemberRow)
        .where(MemberRow.id == bindparam("member"))
        .values(ledger_version=MemberRow.ledger_version + 1)
    )
    if member_ids:
        session.connection().execute(
            bump, [{"member": member_id} for member_id in sorted(member_ids)]
        )


_LOCKED = "member_lock.locked"
_LOCK_VALUES = (
    update(_members)
    .where(_members.c.id == bindparam("member"))
    .values(ledger_version=_members.c.ledger_version + 1)
    .returning(*_members.c)
)


def lock_member_values(session: Session, member_id: int) -> SimpleNamespace:
    """The same lock, returning the member's columns without loading an ORM row (a
    checkout takes it every time and needs only a few of them). They are kept for the
    transaction (``locked_values``); a row of the member the session loaded before is
    expired, so it is read again as locked."""
    if session.new or session.dirty or session.deleted:
        session.flush()  # as the ORM's own execute would: the lock sees what was written
    row = chained_writes.connection(session).execute(_LOCK_VALUES, {"member": member_id}).first()
    if row is None:
        raise LookupError(f"member {member_id} does not exist")
    loaded = _loaded(session, member_id)
    if loaded is not None:
        session.expire(loaded)
    values = SimpleNamespace(**row._mapping)
    session.info.setdefault(_LOCKED, {})[member_id] = values
    return values


def locked_values(session: Session, member_id: int) -> SimpleNamespace | None:
    """The member's columns as this transaction locked them and wrote them since (the
    writes that use them keep them equal), while no ORM row of the member is loaded: from
    then on that row holds the truth, and ``None`` is returned."""
    kept: dict[int, SimpleNamespace] = session.info.get(_LOCKED, {})
    values = kept.get(member_id)
    if values is not None and _loaded(session, member_id) is not None:
        del kept[member_id]
        return None
    return values


def _loaded(session: Session, member_id: int) -> object | None:
    key = identity_key(MemberRow, (member_id,))
    return session.identity_map.get(key)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_members_write(state: ORMExecuteState) -> None:
    if state.is_select or _LOCKED not in state.session.info:
        return
    table = getattr(state.statement, "table", None)  # none on text(): it may touch them
    if getattr(table, "name", MemberRow.__tablename__) == MemberRow.__tablename__:
        state.session.info.pop(_LOCKED, None)


@event.listens_for(Session, "after_flush")
def _forget_on_members_flush(session: Session, _context: Any) -> None:
    """A member row written through the ORM may be dropped from the identity map after
    its flush: its kept columns would then be older than the database's."""
    if _LOCKED in session.info and any(
        isinstance(row, MemberRow) for row in chain(session.new, session.dirty, session.deleted)
    ):
        session.info.pop(_LOCKED, None)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_LOCKED, None)
