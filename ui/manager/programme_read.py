"""Everything the loyalty rules editor shows, read in one go off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.loyalty_admin import OfferSpec, TierSpec, TopUpRuleSpec
from app.domain.menu import MenuCategory, MenuItem
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.services.loyalty_admin import LoyaltyAdminService


@dataclass(frozen=True)
class Programme:
    categories: list[MenuCategory]
    items: list[MenuItem]
    tiers: list[TierSpec]
    offers: list[OfferSpec]
    top_ups: list[TopUpRuleSpec]
    targeted: list[TargetedOfferSpec]
    holidays: list[Holiday]
    stacking: OfferStacking


def read_programme(service: LoyaltyAdminService) -> Programme:
    """On a pool thread: the service's reads, each checked and in its own unit."""
    return Programme(
        service.categories(),
        service.menu_items(),
        service.tiers(),
        service.offers(),
        service.top_up_rules(),
        service.targeted_offers(),
        service.holidays(),
        service.offer_stacking(),
    )
