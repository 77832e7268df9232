"""Allergens as people write them, in Chinese or English: a menu file's allergens cell
read into codes and a free-text rest, and the allergens a member's recorded allergies
mention."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.domain.menu import Allergen

NAMES: dict[Allergen, tuple[str, ...]] = {
    Allergen.PEANUT: ("peanut", "peanuts", "花生"),
    Allergen.TREE_NUTS: ("tree_nuts", "tree nuts", "tree nut", "nuts", "坚果"),
    Allergen.SHELLFISH: ("shellfish", "crustaceans", "贝类", "甲壳类", "甲壳类动物"),
    Allergen.FISH: ("fish", "鱼", "鱼类"),
    Allergen.EGG: ("egg", "eggs", "蛋", "鸡蛋", "蛋类"),
    Allergen.MILK: ("milk", "dairy", "奶", "乳", "牛奶", "乳制品"),
    Allergen.SOY: ("soy", "soya", "soybean", "soybeans", "大豆", "黄豆"),
    Allergen.WHEAT_GLUTEN: (
        "wheat_gluten", "wheat/gluten", "wheat", "gluten", "麸质", "小麦", "面筋",
    ),
    Allergen.SESAME: ("sesame", "芝麻"),
}  # fmt: skip
SEPARATORS = re.compile(r"[;；、|｜]")
_BY_NAME = {name: allergen for allergen, names in NAMES.items() for name in names}


def read_allergens(cell: str) -> tuple[frozenset[Allergen], str]:
    """The allergens a cell names (separated by ``;``, ``、`` or ``|``) and what else it
    says, joined by ``; `` for the free-text note."""
    found: set[Allergen] = set()
    rest: list[str] = []
    for part in SEPARATORS.split(cell):
        word = " ".join(part.split())
        if not word:
            continue
        allergen = _BY_NAME.get(word.lower())
        if allergen is None:
            rest.append(word)
        else:
            found.add(allergen)
    return frozenset(found), "; ".join(rest)


def _pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Latin names as whole words ("nuts" is not in "peanuts"), Chinese ones anywhere."""
    parts = [
        rf"\b{re.escape(n.replace('_', ' '))}\b" if n.isascii() else re.escape(n) for n in names
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


_MENTIONS = {allergen: _pattern(names) for allergen, names in NAMES.items()}


def mentioned_in(text: str) -> frozenset[Allergen]:
    """The allergens free text such as a member's "花生过敏, no shellfish" mentions."""
    return frozenset(a for a, pattern in _MENTIONS.items() if pattern.search(text))
