"""A menu item as an import brings it: its category and names, price, availability and
allergens."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.menu import Allergen


@dataclass(frozen=True)
class MenuLine:
    line: int
    """Where it came from in the file (for the report)."""
    category: str
    category_en: str
    item: str
    item_en: str
    price: int
    """Minor units (fen)."""
    available: bool
    allergens: frozenset[Allergen] = frozenset()
    allergen_note: str = ""
    """What the allergens cell says besides the common allergens."""


@dataclass(frozen=True)
class MenuChanges:
    """What an import did (or, in a dry run, would do)."""

    categories_added: int = 0
    items_added: int = 0
    items_changed: int = 0
    items_unchanged: int = 0
