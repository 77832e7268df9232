"""The menu and tiers as the till shows them; read once per order screen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from app.domain.menu import CategoryId, MenuCategory, MenuItem
from app.domain.tiers import Tier
from app.services.mapping import category_from_row, item_from_row
from db import queries
from db.member_accounts import tier_from_row


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
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def load(self) -> Catalog:
        with self._sessions() as session:
            return Catalog(
                tuple(category_from_row(r) for r in queries.categories(session)),
                tuple(item_from_row(r) for r in queries.active_items(session)),
                tuple(tier_from_row(r) for r in queries.tiers(session)),
            )

    def restaurant_settings(self) -> dict[str, str]:
        with self._sessions() as session:
            return queries.settings(session)
