"""Words for the menu on screen: allergens as short labels, and the menu's refusals, in
the interface language (the cashier's grid and the back office both use them)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from app.domain.menu import Allergen
from app.errors import MenuProblem


def allergen_label(allergen: Allergen) -> str:
    translate = QCoreApplication.translate
    return {
        Allergen.PEANUT: translate("MenuText", "Peanut"),
        Allergen.TREE_NUTS: translate("MenuText", "Tree nuts"),
        Allergen.SHELLFISH: translate("MenuText", "Shellfish"),
        Allergen.FISH: translate("MenuText", "Fish"),
        Allergen.EGG: translate("MenuText", "Egg"),
        Allergen.MILK: translate("MenuText", "Milk"),
        Allergen.SOY: translate("MenuText", "Soy"),
        Allergen.WHEAT_GLUTEN: translate("MenuText", "Wheat/gluten"),
        Allergen.SESAME: translate("MenuText", "Sesame"),
    }[allergen]


def allergen_labels(allergens: Iterable[Allergen], note: str = "") -> str:
    """Short labels in the list's order, then the note: "Peanut, Soy; contains alcohol"."""
    chosen = set(allergens)
    labels = ", ".join(allergen_label(a) for a in Allergen if a in chosen)
    return "; ".join(part for part in (labels, note) if part)


def menu_refusal(problem: MenuProblem) -> str:
    translate = QCoreApplication.translate
    return {
        MenuProblem.NO_NAME: translate("MenuText", "Give it a name."),
        MenuProblem.LONG_NAME: translate("MenuText", "A name has at most 64 characters."),
        MenuProblem.LONG_NOTE: translate(
            "MenuText", "The allergen note has at most 200 characters."
        ),
        MenuProblem.DUPLICATE_ITEM: translate(
            "MenuText", "This category already has an item of that name."
        ),
        MenuProblem.DUPLICATE_CATEGORY: translate(
            "MenuText", "A category of that name already exists."
        ),
        MenuProblem.BAD_PRICE: translate(
            "MenuText", "A price is a number from 0.00 to 100,000.00."
        ),
        MenuProblem.UNKNOWN_CATEGORY: translate("MenuText", "That category is no longer there."),
        MenuProblem.UNKNOWN_ITEM: translate("MenuText", "That item is no longer there."),
    }[problem]
