"""Menu items and categories as the till prices them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

ItemId = NewType("ItemId", int)
CategoryId = NewType("CategoryId", int)


@dataclass(frozen=True)
class MenuCategory:
    """A group of items with its own button row at the till (hot dishes, drinks, ...)."""

    category_id: CategoryId
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class MenuItem:
    """One sellable item; ``unit_price`` is in minor units."""

    item_id: ItemId
    code: str
    name_zh: str
    name_en: str
    category_id: CategoryId
    unit_price: int
