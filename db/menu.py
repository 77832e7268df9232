"""The menu in SQL: categories and items, read as the till shows them and edited by the
back office."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.menu import (
    CategoryId,
    ItemId,
    MenuCategory,
    MenuItem,
    allergen_codes,
    allergens_from_codes,
)
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
        allergens_from_codes(row.allergens),
        row.allergen_note,
        row.sold_out_on,
        row.active,
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

    def all_items(self) -> list[MenuItem]:
        query = (
            select(MenuItemRow)
            .join(MenuCategoryRow, MenuCategoryRow.id == MenuItemRow.category_id)
            .order_by(MenuCategoryRow.sort_order, MenuCategoryRow.id)
            .order_by(MenuItemRow.sort_order, MenuItemRow.id)
        )
        return [item_from_row(row) for row in self._session.scalars(query)]

    def add_category(self, code: str, name_zh: str, name_en: str) -> CategoryId:
        last = self._session.scalar(select(func.max(MenuCategoryRow.sort_order))) or 0
        row = MenuCategoryRow(code=code, name_zh=name_zh, name_en=name_en, sort_order=last + 1)
        self._session.add(row)
        self._session.flush()
        return CategoryId(row.id)

    def rename_category(self, category_id: CategoryId, name_zh: str, name_en: str) -> None:
        row = self._session.get_one(MenuCategoryRow, category_id)
        row.name_zh, row.name_en = name_zh, name_en
        self._session.flush()

    def order_categories(self, ids: Sequence[CategoryId]) -> None:
        for position, category_id in enumerate(ids, start=1):
            self._session.get_one(MenuCategoryRow, category_id).sort_order = position
        self._session.flush()

    def add_item(self, item: MenuItem) -> ItemId:
        last = self._session.scalar(
            select(func.max(MenuItemRow.sort_order)).where(
                MenuItemRow.category_id == item.category_id
            )
        )
        row = MenuItemRow(code=item.code, sort_order=(last or 0) + 1)
        _write(row, item)
        self._session.add(row)
        self._session.flush()
        return ItemId(row.id)

    def update_item(self, item: MenuItem) -> None:
        _write(self._session.get_one(MenuItemRow, item.item_id), item)
        self._session.flush()

    def order_items(self, ids: Sequence[ItemId]) -> None:
        for position, item_id in enumerate(ids, start=1):
            self._session.get_one(MenuItemRow, item_id).sort_order = position
        self._session.flush()


def _write(row: MenuItemRow, item: MenuItem) -> None:
    row.category_id = item.category_id
    row.name_zh, row.name_en, row.price_fen = item.name_zh, item.name_en, item.unit_price
    row.allergens, row.allergen_note = allergen_codes(item.allergens), item.allergen_note
    row.sold_out_on, row.active = item.sold_out_on, item.active
