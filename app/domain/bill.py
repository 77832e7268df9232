"""What the guest owes for an order: items after discounts, a renewal, a top-up, points.

The bill adds up in this order (all minor units):

    items total (after tier discounts)
  - points redeemed (at most ``max_share_bp`` of the items total, never of fees)
  + renewal fee
  + top-up amount (stored value bought; never paid with stored value or points)
  = due

Points are earned on what the guest really paid for food: the items total less the
points redeemed and less any stored-value bonus spent on the order (bonus is the
restaurant's money). Renewal fees and top-ups earn nothing. There are no tips.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.points import max_redeemable, redemption_value
from app.domain.pricing import PricedOrder, points_for, price
from app.domain.renewal import RenewalQuote
from app.domain.stored_value import top_up_bonus
from app.domain.tiers import PricingMember


@dataclass(frozen=True)
class TopUp:
    amount: int
    bonus: int


@dataclass(frozen=True)
class Bill:
    priced: PricedOrder
    renewal: RenewalQuote | None
    top_up: TopUp | None
    points_redeemed: int
    points_value: int

    @property
    def renewal_fee(self) -> int:
        return self.renewal.fee if self.renewal else 0

    @property
    def top_up_amount(self) -> int:
        return self.top_up.amount if self.top_up else 0

    @property
    def due(self) -> int:
        return self.priced.total - self.points_value + self.renewal_fee + self.top_up_amount

    @property
    def is_empty(self) -> bool:
        return not self.priced.lines and self.renewal is None and self.top_up is None

    def earn_base(self, bonus_spent: int) -> int:
        """What points are earned on (see the module docstring)."""
        return max(self.priced.total - self.points_value - bonus_spent, 0)

    def points_earned(self, bonus_spent: int) -> int:
        tier = self.priced.tier
        if tier is None or not self.priced.member_current:
            return 0
        return points_for(self.earn_base(bonus_spent), tier.points_multiplier_bp)


def build_bill(draft: OrderDraft, rules: LoyaltyRules, today: date) -> Bill:
    """Price the draft under ``rules``; a renewal on the order counts from today."""
    member = draft.member
    renewal = draft.renewal if member is not None else None
    pricing = None
    if member is not None:
        expires_on = renewal.new_expiry if renewal else member.expires_on
        pricing = PricingMember(member.tier, expires_on, rules.discount_grace_days())
    priced = price(draft.lines(), pricing, today)
    points = 0
    if member is not None and draft.redeem_points:
        points = max_redeemable(member.points, priced.total, rules.points)
    top_up = None
    if member is not None and draft.top_up_amount:
        amount = draft.top_up_amount
        top_up = TopUp(amount, top_up_bonus(amount, rules.top_up_rules))
    return Bill(priced, renewal, top_up, points, redemption_value(points, rules.points))
