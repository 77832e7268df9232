"""Managing the menu, as a manager in the back office.

Every change is checked against the role stored for the manager who asks
(``require_stored``) and audited with the values before and after. A price change writes
the menu only: paid orders keep the prices their lines were sold at. Nothing is deleted
(orders and offers refer to items): an item is hidden instead; "sold out today" ends by
itself the next day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.menu import (
    Allergen,
    CategoryId,
    ItemId,
    MenuCategory,
    MenuItem,
    allergen_codes,
)
from app.domain.staff import Permission, StaffMember
from app.errors import MenuProblem, MenuRefused
from app.menu_admin.order import placed
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_NAME = 64  # the name columns' width
MAX_NOTE = 200
MAX_PRICE = 10_000_000  # 100,000.00: a larger price is a typing mistake
_DOING = "edit the menu"


@dataclass(frozen=True)
class ItemDetails:
    """What the manager types for an item; ``price`` in minor units. An empty name takes
    the other language's."""

    category_id: CategoryId
    name_zh: str
    name_en: str
    price: int
    allergens: frozenset[Allergen] = frozenset()
    allergen_note: str = ""


@dataclass(frozen=True)
class MenuListing:
    """The whole menu, hidden items too, in the till's order."""

    categories: tuple[MenuCategory, ...]
    items: tuple[MenuItem, ...]
    today: date

    def items_in(self, category_id: CategoryId) -> list[MenuItem]:
        return [item for item in self.items if item.category_id == category_id]


class MenuAdmin:
    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id

    def listed(self, manager: StaffMember) -> MenuListing:
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_MENU, _DOING)
            return MenuListing(
                tuple(uow.menu.categories()), tuple(uow.menu.all_items()), self._today()
            )

    def add_category(self, manager: StaffMember, name_zh: str, name_en: str) -> CategoryId:
        zh, en = _names(name_zh, name_en)
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_MENU, _DOING)
            categories = uow.menu.categories()
            _unique_category(categories, zh, en, None)
            code = _free_code({c.code for c in categories}, "C", len(categories) + 1)
            category_id = uow.menu.add_category(code, zh, en)
            after = {"code": code, "name_zh": zh, "name_en": en}
            uow.audit.record(self._as(manager), "menu_category_added", _cat(category_id), after)
            uow.commit()
        return category_id

    def rename_category(
        self, manager: StaffMember, category_id: CategoryId, name_zh: str, name_en: str
    ) -> None:
        zh, en = _names(name_zh, name_en)
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_MENU, _DOING)
            categories = uow.menu.categories()
            old = _category(categories, category_id)
            if (old.name_zh, old.name_en) == (zh, en):
                return
            _unique_category(categories, zh, en, category_id)
            uow.menu.rename_category(category_id, zh, en)
            detail = {
                "before": {"name_zh": old.name_zh, "name_en": old.name_en},
                "after": {"name_zh": zh, "name_en": en},
            }
            uow.audit.record(self._as(manager), "menu_category_renamed", _cat(category_id), detail)
            uow.commit()

    def place_category(self, manager: StaffMember, category_id: CategoryId, position: int) -> None:
        """At ``position`` on the till (0: first; past either end: at that end). Where it
        ends up, not a step: repeated (a retry after a lost reply), it stays there."""
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_MENU, _DOING)
            before = [c.category_id for c in uow.menu.categories()]
            if category_id not in before:
                raise MenuRefused(MenuProblem.UNKNOWN_CATEGORY)
            after = placed(before, category_id, position)
            if after == before:
                return
            uow.menu.order_categories(after)
            detail = {"before": before, "after": after}
            uow.audit.record(self._as(manager), "menu_categories_reordered", "menu", detail)
            uow.commit()

    def add_item(self, manager: StaffMember, details: ItemDetails) -> ItemId:
        """A new item, on sale, last in its category."""
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_MENU, _DOING)
            items = uow.menu.all_items()
            categories = uow.menu.categories()
            category = _category(categories, details.category_id)
            item = _checked(details, items, None)
            count = sum(1 for i in items if i.category_id == category.category_id)
            code = _free_code({i.code for i in items}, f"{category.code}-", count + 1)
            item_id = uow.menu.add_item(replace(item, code=code))
            after = _values(replace(item, code=code))
            uow.audit.record(self._as(manager), "menu_item_added", _item(item_id), after)
            uow.commit()
        return item_id

    def edit_item(self, manager: StaffMember, item_id: ItemId, details: ItemDetails) -> None:
        """New names, price, category or allergens; past orders keep their prices. Moved
        to another category, it comes last there."""
        with self._units() as uow:
            old, items = self._target(uow, manager, item_id)
            _category(uow.menu.categories(), details.category_id)
            new = replace(_checked(details, items, item_id), item_id=item_id, code=old.code)
            new = replace(new, sold_out_on=old.sold_out_on, active=old.active)
            if new == old:
                return
            uow.menu.update_item(new)
            if new.category_id != old.category_id:
                others = [i.item_id for i in items if i.category_id == new.category_id]
                uow.menu.order_items([*others, item_id])
            self._record(uow, manager, "menu_item_edited", old, new)
            uow.commit()

    def place_item(self, manager: StaffMember, item_id: ItemId, position: int) -> None:
        """At ``position`` in its category on the till (0: first), hidden items counted;
        repeated, it stays there (as ``place_category``)."""
        with self._units() as uow:
            old, items = self._target(uow, manager, item_id)
            before = [i.item_id for i in items if i.category_id == old.category_id]
            after = placed(before, item_id, position)
            if after == before:
                return
            uow.menu.order_items(after)
            detail = {"category": old.category_id, "before": before, "after": after}
            action = self._as(manager)
            uow.audit.record(action, "menu_items_reordered", _cat(old.category_id), detail)
            uow.commit()

    def set_hidden(self, manager: StaffMember, item_id: ItemId, hidden: bool) -> None:
        """A hidden item is off the till until it is shown again."""
        what = "menu_item_hidden" if hidden else "menu_item_shown"
        self._change(manager, item_id, what, lambda old: replace(old, active=not hidden))

    def set_sold_out(self, manager: StaffMember, item_id: ItemId, sold_out: bool) -> None:
        """Sold out for the rest of today (it is back tomorrow by itself), or back on."""
        day = self._today() if sold_out else None
        what = "menu_item_sold_out" if sold_out else "menu_item_back"
        self._change(manager, item_id, what, lambda old: replace(old, sold_out_on=day))

    def _change(
        self,
        manager: StaffMember,
        item_id: ItemId,
        what: str,
        change: Callable[[MenuItem], MenuItem],
    ) -> None:
        with self._units() as uow:
            old, _items = self._target(uow, manager, item_id)
            new = change(old)
            if new == old:
                return
            uow.menu.update_item(new)
            self._record(uow, manager, what, old, new)
            uow.commit()

    def _target(
        self, uow: UnitOfWork, manager: StaffMember, item_id: ItemId
    ) -> tuple[MenuItem, list[MenuItem]]:
        require_stored(uow.staff, manager, Permission.MANAGE_MENU, _DOING)
        items = uow.menu.all_items()
        old = next((i for i in items if i.item_id == item_id), None)
        if old is None:
            raise MenuRefused(MenuProblem.UNKNOWN_ITEM)
        return old, items

    def _record(
        self, uow: UnitOfWork, manager: StaffMember, what: str, old: MenuItem, new: MenuItem
    ) -> None:
        before, after = _values(old), _values(new)
        changed = [key for key in after if before[key] != after[key]]
        detail = {
            "before": {k: before[k] for k in changed},
            "after": {k: after[k] for k in changed},
        }
        uow.audit.record(self._as(manager), what, _item(old.item_id), detail)

    def _today(self) -> date:
        return self._clock.now().date()

    def _as(self, manager: StaffMember) -> ActionContext:
        return ActionContext(manager.staff_id, self._till_id, self._clock.now())


def _names(name_zh: str, name_en: str) -> tuple[str, str]:
    zh, en = " ".join(name_zh.split()), " ".join(name_en.split())
    if not zh and not en:
        raise MenuRefused(MenuProblem.NO_NAME)
    zh, en = zh or en, en or zh
    if max(len(zh), len(en)) > MAX_NAME:
        raise MenuRefused(MenuProblem.LONG_NAME)
    return zh, en


def _checked(details: ItemDetails, items: list[MenuItem], item_id: ItemId | None) -> MenuItem:
    zh, en = _names(details.name_zh, details.name_en)
    if not 0 <= details.price <= MAX_PRICE:
        raise MenuRefused(MenuProblem.BAD_PRICE)
    note = " ".join(details.allergen_note.split())
    if len(note) > MAX_NOTE:
        raise MenuRefused(MenuProblem.LONG_NOTE)
    siblings = [i for i in items if i.item_id != item_id and i.category_id == details.category_id]
    if any(_same(i.name_zh, zh) or _same(i.name_en, en) for i in siblings):
        raise MenuRefused(MenuProblem.DUPLICATE_ITEM)
    return MenuItem(
        ItemId(0), "", zh, en, details.category_id, details.price,
        frozenset(details.allergens), note,
    )  # fmt: skip


def _unique_category(
    categories: list[MenuCategory], zh: str, en: str, category_id: CategoryId | None
) -> None:
    for other in categories:
        if other.category_id != category_id and (
            _same(other.name_zh, zh) or _same(other.name_en, en)
        ):
            raise MenuRefused(MenuProblem.DUPLICATE_CATEGORY)


def _category(categories: list[MenuCategory], category_id: CategoryId) -> MenuCategory:
    found = next((c for c in categories if c.category_id == category_id), None)
    if found is None:
        raise MenuRefused(MenuProblem.UNKNOWN_CATEGORY)
    return found


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _free_code(taken: set[str], prefix: str, start: int) -> str:
    n = start
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


def _values(item: MenuItem) -> dict[str, object]:
    return {
        "code": item.code,
        "category": item.category_id,
        "name_zh": item.name_zh,
        "name_en": item.name_en,
        "price_fen": item.unit_price,
        "allergens": allergen_codes(item.allergens),
        "allergen_note": item.allergen_note,
        "sold_out_on": None if item.sold_out_on is None else item.sold_out_on.isoformat(),
        "active": item.active,
    }


def _cat(category_id: CategoryId) -> str:
    return f"menu_category:{category_id}"


def _item(item_id: ItemId) -> str:
    return f"menu_item:{item_id}"
