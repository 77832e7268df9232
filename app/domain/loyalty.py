"""The loyalty programme's rules as one value: points, stored value, tiers and renewals.

Every rule here is data a manager edits (settings, tiers, offers and top-up rules in
the database); ``db/loyalty_rules.py`` reads them (``uow.programme.rules()``). The
defaults are what a new restaurant starts with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from app.domain.money import BASIS_POINTS_PER_WHOLE
from app.domain.offers import Offer, StackingPolicy
from app.domain.points import PointsPolicy
from app.domain.qualification import TierThreshold, Window
from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.stored_value import ConsumptionOrder, TopUpRule

MIN_TOP_UP = 100  # ¥1: anything less is a slip of the finger
MAX_TOP_UP = 5_000_000  # ¥50,000: more is a typing mistake or needs the office


@dataclass(frozen=True)
class LoyaltyRules:
    points: PointsPolicy = field(default_factory=PointsPolicy)
    consumption: ConsumptionOrder = ConsumptionOrder.PROPORTIONAL
    window: Window = Window.ROLLING_12_MONTHS
    grace_keeps_discount: bool = False
    """Whether a member inside a grace-renewal window still gets the tier discount."""
    top_up_rules: tuple[TopUpRule, ...] = ()
    renewal_offers: tuple[RenewalOffer, ...] = ()
    thresholds: tuple[TierThreshold, ...] = ()
    offers: tuple[Offer, ...] = ()
    """Active offers, coupon-only ones included (they apply only with their coupon)."""
    stacking: StackingPolicy = StackingPolicy.BEST_OF
    offer_cap_bp: int = BASIS_POINTS_PER_WHOLE
    holidays: frozenset[date] = frozenset()
    upgrade_for_fee_difference: bool = False
    """Whether the till offers the next tier up for the difference in annual fees."""
    store_id: int | None = None
    """The store the rules are applied in (``in_store``); ``None``: chain-wide."""

    def in_store(self, store_id: int | None) -> LoyaltyRules:
        """The rules at a till of ``store_id``: the offers that store is excluded from are
        left out (their coupons too: ``app.domain.bill``); ``None``: unchanged."""
        if store_id is None:
            return self
        offers = tuple(o for o in self.offers if store_id not in o.excluded_stores)
        return replace(self, offers=offers, store_id=store_id)

    def discount_grace_days(self) -> int:
        """Days after expiry on which the tier discount still applies."""
        if not self.grace_keeps_discount:
            return 0
        return max(
            (o.window_days for o in self.renewal_offers if o.kind is OfferKind.GRACE), default=0
        )


class TopUpRefused(ValueError):
    """A top-up amount the till will not take; ``str()`` says why."""


def check_top_up(amount: int) -> None:
    if amount < MIN_TOP_UP:
        raise TopUpRefused("a top-up is at least ¥1")
    if amount > MAX_TOP_UP:
        raise TopUpRefused("a top-up above ¥50,000 is not taken at the till")
