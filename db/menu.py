"""The menu in SQL: categories and the items on sale, read as the till shows them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
from db import queries
from db.models import MenuCategoryRow, MenuItemRow


def category_from_row(row: MenuCategoryRow) -> MenuCategory:
    return MenuCategory(CategoryId(row.id), row.code, row.name_zh, row.name_en)


def item_from_row(row: MenuItemRow) -> MenuItem:
    return MenuItem(
        ItemId(row.id),
        row.code,
        row.name_zh,
        row.name_en,
        CategoryId(row.category_id),
        row.price_fen,
    )


class SqlMenu:
    def __init__(self, session: Session) -> None:
        self._session = session

    def categories(self) -> list[MenuCategory]:
        """In the till's order."""
        return [category_from_row(row) for row in queries.categories(self._session)]

    def items_on_sale(self) -> list[MenuItem]:
        """Active items, by category and the till's order."""
        return [item_from_row(row) for row in queries.active_items(self._session)]
