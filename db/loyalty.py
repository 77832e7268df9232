"""Reads and writes of the loyalty engine: rules as data, balances, spend, the member lock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.models import (
    MemberRow,
    OrderRow,
    RenewalOfferRow,
    TierRow,
    TopUpRuleRow,
)


def lock_member(session: Session, member_id: int) -> MemberRow:
    """Take the member's lock before reading any balance (see ``MemberRow.ledger_version``).

    It must be the transaction's first statement on SQLite: a transaction that read
    first cannot always upgrade to a writer.
    """
    session.execute(
        update(MemberRow)
        .where(MemberRow.id == member_id)
        .values(ledger_version=MemberRow.ledger_version + 1)
        .execution_options(synchronize_session=False)
    )
    row = session.get(MemberRow, member_id, populate_existing=True)
    if row is None:
        raise LookupError(f"member {member_id} does not exist")
    return row


def qualifying_spend(session: Session, member_id: int, first: date, last: date) -> int:
    """Spend that counts for tiers and free renewal, on paid orders less what was refunded."""
    spend = OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen
    query = select(func.coalesce(func.sum(spend), 0)).where(
        OrderRow.member_id == member_id,
        OrderRow.status.in_(("paid", "part_refunded")),
        OrderRow.business_day >= first,
        OrderRow.business_day <= last,
    )
    return int(session.scalar(query) or 0)


def renewal_offers(session: Session) -> Sequence[RenewalOfferRow]:
    query = select(RenewalOfferRow).where(RenewalOfferRow.active.is_(True))
    return session.scalars(query.order_by(RenewalOfferRow.id)).all()


def top_up_rules(session: Session) -> Sequence[TopUpRuleRow]:
    query = select(TopUpRuleRow).where(TopUpRuleRow.active.is_(True))
    return session.scalars(query.order_by(TopUpRuleRow.minimum_fen)).all()


def tier_rows(session: Session) -> Sequence[TierRow]:
    return session.scalars(select(TierRow).order_by(TierRow.rank)).all()
