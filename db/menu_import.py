"""Bring menu lines into the menu: categories matched by Chinese name, items by category
and Chinese name; a known item takes the new price, availability and allergens (past
orders keep the prices they were sold at: order lines hold their own)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.menu import allergen_codes
from app.domain.menu_lines import MenuChanges, MenuLine
from db.models import MenuCategoryRow, MenuItemRow


def import_menu(session: Session, lines: Sequence[MenuLine]) -> MenuChanges:
    categories = {row.name_zh: row for row in session.scalars(select(MenuCategoryRow))}
    items = {(row.category_id, row.name_zh): row for row in session.scalars(select(MenuItemRow))}
    counts = {"categories_added": 0, "items_added": 0, "items_changed": 0, "items_unchanged": 0}
    next_category = len(categories) + 1
    for line in lines:
        category = categories.get(line.category)
        if category is None:
            category = MenuCategoryRow(
                code=_free_code(session, MenuCategoryRow, f"C{next_category:02d}"),
                name_zh=line.category,
                name_en=line.category_en,
                sort_order=next_category,
            )
            session.add(category)
            session.flush()
            categories[line.category] = category
            next_category += 1
            counts["categories_added"] += 1
        item = items.get((category.id, line.item))
        if item is None:
            position = 1 + sum(1 for cat_id, _ in items if cat_id == category.id)
            item = MenuItemRow(
                code=_free_code(session, MenuItemRow, f"{category.code}-{position:02d}"),
                category_id=category.id,
                name_zh=line.item,
                name_en=line.item_en,
                price_fen=line.price,
                active=line.available,
                sort_order=position,
                allergens=allergen_codes(line.allergens),
                allergen_note=line.allergen_note,
            )
            session.add(item)
            session.flush()
            items[(category.id, line.item)] = item
            counts["items_added"] += 1
        elif _values(item) != (new := _line_values(line)):
            item.name_en, item.price_fen, item.active, item.allergens, item.allergen_note = new
            counts["items_changed"] += 1
        else:
            counts["items_unchanged"] += 1
    session.flush()
    return MenuChanges(**counts)


def _values(item: MenuItemRow) -> tuple[str, int, bool, str, str]:
    return item.name_en, item.price_fen, item.active, item.allergens, item.allergen_note


def _line_values(line: MenuLine) -> tuple[str, int, bool, str, str]:
    codes = allergen_codes(line.allergens)
    return line.item_en, line.price, line.available, codes, line.allergen_note


def _free_code(session: Session, table: type[MenuCategoryRow | MenuItemRow], wanted: str) -> str:
    code, n = wanted, 1
    while session.scalar(select(func.count()).select_from(table).where(table.code == code)):
        n += 1
        code = f"{wanted}-{n}"
    return code
