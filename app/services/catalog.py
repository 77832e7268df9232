"""The menu and tiers as the till shows them; read once per order screen."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.menu import CategoryId, MenuCategory, MenuItem
from app.domain.tiers import Tier
from app.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True)
class Catalog:
    categories: tuple[MenuCategory, ...]
    items: tuple[MenuItem, ...]
    tiers: tuple[Tier, ...]

    def items_in(self, category_id: CategoryId) -> list[MenuItem]:
        return [item for item in self.items if item.category_id == category_id]

    def category(self, category_id: CategoryId) -> MenuCategory:
        return next(c for c in self.categories if c.category_id == category_id)


class CatalogService:
    def __init__(self, units: UnitOfWorkFactory) -> None:
        self._units = units

    def load(self) -> Catalog:
        with self._units() as uow:
            return Catalog(
                tuple(uow.menu.categories()),
                tuple(uow.menu.items_on_sale()),
                tuple(uow.tiers.ranked()),
            )

    def restaurant_settings(self) -> dict[str, str]:
        with self._units() as uow:
            return uow.restaurant.settings()
