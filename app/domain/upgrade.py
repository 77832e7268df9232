"""Moving up a tier for the difference in annual fees, while the membership is current.

The member pays the next tier's annual fee less their own tier's; the term and its
expiry stay as they are, and the new tier's discount applies to the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.tiers import Tier


@dataclass(frozen=True)
class UpgradeQuote:
    tier: Tier
    fee: int


def upgrade_quote(
    current: Tier, tiers: Sequence[Tier], expires_on: date | None, today: date
) -> UpgradeQuote | None:
    """The next tier up and what it costs, or ``None`` (top tier, lapsed, or no higher fee)."""
    if expires_on is not None and today > expires_on:
        return None
    higher = sorted((tier for tier in tiers if tier.rank > current.rank), key=lambda t: t.rank)
    if not higher:
        return None
    fee = higher[0].annual_fee - current.annual_fee
    return UpgradeQuote(higher[0], fee) if fee > 0 else None
