"""The member lock: every change to a member's balances or record starts by taking it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from db.models import MemberRow


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
