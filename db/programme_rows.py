"""The loyalty programme's rows as stored: tiers, active renewal offers and top-up rules."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import RenewalOfferRow, TierRow, TopUpRuleRow


def renewal_offers(session: Session) -> Sequence[RenewalOfferRow]:
    query = select(RenewalOfferRow).where(RenewalOfferRow.active.is_(True))
    return session.scalars(query.order_by(RenewalOfferRow.id)).all()


def top_up_rules(session: Session) -> Sequence[TopUpRuleRow]:
    query = select(TopUpRuleRow).where(TopUpRuleRow.active.is_(True))
    return session.scalars(query.order_by(TopUpRuleRow.minimum_fen)).all()


def tier_rows(session: Session) -> Sequence[TierRow]:
    return session.scalars(select(TierRow).order_by(TierRow.rank)).all()
