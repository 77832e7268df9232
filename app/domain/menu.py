"""Menu items and categories as the till prices them, with their allergens and whether
they can be sold today."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NewType

ItemId = NewType("ItemId", int)
CategoryId = NewType("CategoryId", int)


class Allergen(enum.Enum):
    """The common allergens a kitchen declares, stored by these codes."""

    PEANUT = "peanut"
    TREE_NUTS = "tree_nuts"
    SHELLFISH = "shellfish"
    FISH = "fish"
    EGG = "egg"
    MILK = "milk"
    SOY = "soy"
    WHEAT_GLUTEN = "wheat_gluten"
    SESAME = "sesame"


def allergen_codes(allergens: Iterable[Allergen]) -> str:
    """The stored form: codes in the list's order, joined by ``;`` ("" for none)."""
    chosen = set(allergens)
    return ";".join(a.value for a in Allergen if a in chosen)


def allergens_from_codes(text: str) -> frozenset[Allergen]:
    """The stored form read back; a code the till does not know is skipped."""
    known = {a.value: a for a in Allergen}
    return frozenset(known[c] for c in text.split(";") if c in known)


@dataclass(frozen=True)
class MenuCategory:
    """A group of items with its own button row at the till (hot dishes, drinks, ...)."""

    category_id: CategoryId
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class MenuItem:
    """One sellable item; ``unit_price`` is in minor units. ``sold_out_on`` is the day it
    is sold out (it is back the next day by itself); a hidden item has ``active=False``."""

    item_id: ItemId
    code: str
    name_zh: str
    name_en: str
    category_id: CategoryId
    unit_price: int
    allergens: frozenset[Allergen] = frozenset()
    allergen_note: str = ""
    sold_out_on: date | None = None
    active: bool = True

    def sold_out(self, today: date) -> bool:
        return self.sold_out_on == today

    def on_sale(self, today: date) -> bool:
        return self.active and not self.sold_out(today)
