"""The cashier window of someone who signed in from the local copy (the server did not
answer): what the window reads as it opens, the menu and the programme's rules, comes
from the copy as it last had them, so the counter opens, marked offline."""

from __future__ import annotations

from dataclasses import replace

from app.bootstrap import Till
from app.services.catalog import CatalogService
from app.services.member_outlook import LoyaltyService
from ui.cashier.ports import CashierServices


def from_copy(services: CashierServices, till: Till) -> CashierServices:
    units = till.offline_units
    if units is None:
        return services
    store_id = till.offline_place.store_id
    return replace(services, menu=CatalogService(units), loyalty=LoyaltyService(units, store_id))
