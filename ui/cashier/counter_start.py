"""What the counter reads as it opens (the menu, the programme's rules, the tier a new
member joins at), as work for a pool thread: the sign-in window keeps turning while the
server answers, and says why when it does not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.loyalty import LoyaltyRules
from app.domain.tiers import Tier
from app.services.catalog import Catalog
from ui.cashier.ports import CashierServices


@dataclass(frozen=True)
class CounterStart:
    catalog: Catalog
    rules: LoyaltyRules
    entry_tier: Tier | None


def counter_start_job(services: CashierServices) -> Callable[[], CounterStart]:
    menu, loyalty = services.menu, services.loyalty
    return lambda: CounterStart(menu.load(), loyalty.rules(), loyalty.entry_tier())
