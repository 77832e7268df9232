"""What the guest owes for an order: items after discounts, a renewal, a top-up, points.

The bill adds up in this order (all minor units):

    items total (after the tier discount, offers (``app.domain.offers``) and manual
                 discounts (``app.domain.manual_discount``))
  - points redeemed (at most ``max_share_bp`` of the items total, never of fees)
  + renewal fee
  + upgrade fee (the next tier's annual fee less the member's own)
  + top-up amount (stored value bought; never paid with stored value or points)
  = due

Points are earned on what the guest really paid for food: the items total less the
points redeemed and less any stored-value bonus spent on the order (bonus is the
restaurant's money). Renewal fees and top-ups earn nothing. There are no tips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import AppliedManualDiscount, apply_manual_discounts
from app.domain.offers import Candidate, OfferContext, OfferOutcome, StackingPolicy, apply_offers
from app.domain.points import max_redeemable, redemption_value
from app.domain.pricing import PricedOrder, points_for, price
from app.domain.renewal import RenewalQuote
from app.domain.stored_value import top_up_bonus
from app.domain.tiers import PricingMember
from app.domain.upgrade import UpgradeQuote


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
    offers: OfferOutcome = field(default_factory=OfferOutcome)
    upgrade: UpgradeQuote | None = None
    manual: tuple[AppliedManualDiscount, ...] = ()

    @property
    def renewal_fee(self) -> int:
        return self.renewal.fee if self.renewal else 0

    @property
    def upgrade_fee(self) -> int:
        return self.upgrade.fee if self.upgrade else 0

    @property
    def top_up_amount(self) -> int:
        return self.top_up.amount if self.top_up else 0

    @property
    def due(self) -> int:
        fees = self.renewal_fee + self.upgrade_fee + self.top_up_amount
        return self.priced.total - self.points_value + fees

    @property
    def is_empty(self) -> bool:
        return (
            not self.priced.lines
            and self.renewal is None
            and self.upgrade is None
            and self.top_up is None
        )

    def earn_base(self, bonus_spent: int) -> int:
        """What points are earned on (see the module docstring)."""
        return max(self.priced.total - self.points_value - bonus_spent, 0)

    def points_earned(self, bonus_spent: int) -> int:
        tier = self.priced.tier
        if tier is None or not self.priced.member_current:
            return 0
        return points_for(self.earn_base(bonus_spent), tier.points_multiplier_bp)


def build_bill(draft: OrderDraft, rules: LoyaltyRules, at: datetime) -> Bill:
    """Price the draft under ``rules`` at the moment ``at``; a renewal on the order counts
    from today (an expired member renewing gets the discount back on the same order)."""
    member = draft.member
    today = at.date()
    renewal = draft.renewal if member is not None else None
    pricing = None
    if member is not None:
        expires_on = renewal.new_expiry if renewal else member.expires_on
        tier = draft.upgrade.tier if draft.upgrade else member.tier
        pricing = PricingMember(tier, expires_on, rules.discount_grace_days())
    lines = draft.lines()
    with_tier = price(lines, pricing, today)
    without_tier = None
    if rules.stacking is StackingPolicy.EXCLUSIVE:
        without_tier = price(lines, pricing, today, tier_discount=False)
    context = OfferContext(
        at=at,
        party_size=draft.party_size,
        service_type=draft.service_type,
        holidays=rules.holidays,
        is_member=member is not None,
        member_current=with_tier.member_current,
        tier_code=pricing.tier.code if pricing else "",
        segment=member.segment if member else "",
        uses=dict(member.offer_uses) if member else {},
    )
    priced, offers = apply_offers(
        with_tier,
        _candidates(draft, rules),
        context,
        rules.stacking,
        rules.offer_cap_bp,
        without_tier,
    )
    priced, manual = apply_manual_discounts(priced, draft.manual_discounts)
    points = 0
    if member is not None and draft.redeem_points:
        points = max_redeemable(member.points, priced.total, rules.points)
    top_up = None
    if member is not None and draft.top_up_amount:
        amount = draft.top_up_amount
        top_up = TopUp(amount, top_up_bonus(amount, rules.top_up_rules))
    value = redemption_value(points, rules.points)
    upgrade = draft.upgrade if member is not None else None
    return Bill(priced, renewal, top_up, points, value, offers, upgrade, manual)


def _candidates(draft: OrderDraft, rules: LoyaltyRules) -> list[Candidate]:
    member = draft.member
    held_back = member.held_back if member is not None else ()
    automatic = [
        Candidate(offer)
        for offer in rules.offers
        if not offer.coupon_only and offer.code not in held_back
    ]
    if member is None:
        return automatic
    chosen = [
        Candidate(c.offer, c)
        for c in member.coupons
        if c.coupon_id in draft.coupon_ids and rules.store_id not in c.offer.excluded_stores
    ]
    return automatic + chosen
