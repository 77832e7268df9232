"""What a replay adds up, per rule set, and the comparison of the live rules with a draft.

All amounts in minor units; ``points_liability`` is what the points issued would pay
when redeemed under that rule set's point value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

GUEST = "guest"
NO_SEGMENT = "none"
NO_STORE = "none"


@dataclass
class Slice:
    """The figures of one tier or segment."""

    orders: int = 0
    discount_cost: int = 0
    points_issued: int = 0


@dataclass
class Figures:
    """One rule set's cost of the period.

    ``discount_cost`` is the tier discount plus what offers and coupons took off (manual
    discounts are the cashiers', not the rules': they are held as recorded and left out).
    """

    orders: int = 0
    tier_discount: int = 0
    offer_discount: int = 0
    points_issued: int = 0
    points_liability: int = 0
    stored_value_bonus: int = 0
    renewal_income: int = 0
    upgrade_income: int = 0
    tier_ups: int = 0
    """Members lifted a tier by their spend during the period."""
    by_tier: dict[str, Slice] = field(default_factory=dict)
    by_segment: dict[str, Slice] = field(default_factory=dict)
    by_store: dict[str, Slice] = field(default_factory=dict)
    """By the store's name (``NO_STORE`` for orders sold before stores were recorded)."""

    @property
    def discount_cost(self) -> int:
        return self.tier_discount + self.offer_discount

    def add(self, tier: str, segment: str, store: str, discount: int, points: int) -> None:
        keyed = ((self.by_tier, tier), (self.by_segment, segment), (self.by_store, store))
        for table, key in keyed:
            part = table.setdefault(key, Slice())
            part.orders += 1
            part.discount_cost += discount
            part.points_issued += points


SCALARS = (
    "orders",
    "discount_cost",
    "tier_discount",
    "offer_discount",
    "points_issued",
    "points_liability",
    "stored_value_bonus",
    "renewal_income",
    "upgrade_income",
    "tier_ups",
)


@dataclass(frozen=True)
class TierMove:
    """A member who would end the period in another tier under the draft."""

    member_id: int
    member_no: str
    name: str
    current_tier: str
    draft_tier: str
    direction: str
    """``up`` or ``down``, by the draft's ranks."""


@dataclass(frozen=True)
class NotReproduced:
    order_no: str
    reason: str
    differences: str
    """"discount 1200 recorded 1100; points ..." for the person who checks."""


@dataclass
class Comparison:
    current: Figures
    draft: Figures
    tier_moves: list[TierMove] = field(default_factory=list)
    not_reproduced: list[NotReproduced] = field(default_factory=list)

    def reasons(self) -> Counter[str]:
        return Counter(item.reason for item in self.not_reproduced)
