"""The loyalty programme's rows as stored: tiers, active renewal offers and top-up rules.

The tiers are read once per transaction: a checkout prices, checks personal offers,
sums up the member and qualifies them against the same tiers, and used to read them (with
their excluded categories) seven times. The rows are kept in ``session.info`` (which
also keeps them in the identity map, where ``session.get`` finds them) until the
transaction ends or a flush writes a tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from db.models import RenewalOfferRow, TierExcludedCategoryRow, TierRow, TopUpRuleRow

_TIERS = "programme_rows.tiers"


def renewal_offers(session: Session) -> Sequence[RenewalOfferRow]:
    query = select(RenewalOfferRow).where(RenewalOfferRow.active.is_(True))
    return session.scalars(query.order_by(RenewalOfferRow.id)).all()


def top_up_rules(session: Session) -> Sequence[TopUpRuleRow]:
    query = select(TopUpRuleRow).where(TopUpRuleRow.active.is_(True))
    return session.scalars(query.order_by(TopUpRuleRow.minimum_fen)).all()


def tier_rows(session: Session) -> Sequence[TierRow]:
    """Every tier by rank, read once per transaction (see the module's docstring)."""
    cached: Sequence[TierRow] | None = session.info.get(_TIERS)
    if cached is None:
        cached = session.scalars(select(TierRow).order_by(TierRow.rank)).all()
        session.info[_TIERS] = cached
    return cached


@event.listens_for(Session, "after_flush")
def _forget_written_tiers(session: Session, _context: Any) -> None:
    written = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(row, TierRow | TierExcludedCategoryRow) for row in written):
        session.info.pop(_TIERS, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_tiers(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one (a flush has its own inside)
        session.info.pop(_TIERS, None)
