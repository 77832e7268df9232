"""The back office's menu (``MenuAdmin``) on the fake unit of work: its refusals, the
role read from storage, the audit trail, and "sold out today" ending by itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from app.domain.menu import Allergen, CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.staff import Role, StaffAccount, StaffId, StaffMember
from app.errors import MenuProblem, MenuRefused, PermissionDenied
from app.menu_admin.order import one_step, placed
from app.menu_admin.service import ItemDetails, MenuAdmin
from app.services.catalog import CatalogService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 12, 4, 10, 0)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
HOT = CategoryId(1)
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", HOT, 3_800)


def back_office() -> tuple[MenuAdmin, FakeUnits, FakeClock]:
    store = FakeStore(categories=[MenuCategory(HOT, "HOT", "热菜", "Hot dishes")], items=[NOODLES])
    for staff in (CASHIER, MANAGER):
        store.staff[staff.staff_id] = StaffAccount(staff, "scrypt$...")
    units, clock = FakeUnits(store), FakeClock(NOW)
    return MenuAdmin(units, clock, "T1"), units, clock


def problem(call: object, *args: object) -> MenuProblem:
    assert callable(call)
    with pytest.raises(MenuRefused) as refused:
        call(*args)
    return refused.value.problem


def test_a_manager_adds_an_item_with_allergens_last_in_its_category() -> None:
    admin, units, _clock = back_office()
    dumplings = ItemDetails(HOT, " 虾饺 ", "", 2_800, frozenset({Allergen.SHELLFISH}), "葱")
    item_id = admin.add_item(MANAGER, dumplings)
    listing = admin.listed(MANAGER)
    added = listing.items_in(HOT)[-1]
    assert (added.item_id, added.code, added.name_zh, added.name_en) == (
        item_id, "HOT-02", "虾饺", "虾饺",
    )  # fmt: skip
    assert (added.allergens, added.allergen_note, added.unit_price) == (
        frozenset({Allergen.SHELLFISH}), "葱", 2_800,
    )  # fmt: skip
    action, subject, detail = units.store.audit[-1][1:]
    assert (action, subject) == ("menu_item_added", f"menu_item:{item_id}")
    assert detail["allergens"] == "shellfish" and detail["price_fen"] == 2_800


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        (ItemDetails(HOT, " ", "", 100), MenuProblem.NO_NAME),
        (ItemDetails(HOT, "牛肉面", "Other", 100), MenuProblem.DUPLICATE_ITEM),
        (ItemDetails(HOT, "新面", "BEEF NOODLES", 100), MenuProblem.DUPLICATE_ITEM),
        (ItemDetails(HOT, "新面", "", -1), MenuProblem.BAD_PRICE),
        (ItemDetails(HOT, "新面", "", 10_000_001), MenuProblem.BAD_PRICE),
        (ItemDetails(HOT, "面" * 65, "", 100), MenuProblem.LONG_NAME),
        (ItemDetails(HOT, "新面", "", 100, allergen_note="x" * 201), MenuProblem.LONG_NOTE),
        (ItemDetails(CategoryId(99), "新面", "", 100), MenuProblem.UNKNOWN_CATEGORY),
    ],
)
def test_a_bad_item_is_refused_with_its_reason_and_nothing_changes(
    details: ItemDetails, expected: MenuProblem
) -> None:
    admin, units, _clock = back_office()
    assert problem(admin.add_item, MANAGER, details) is expected
    assert units.store.items == [NOODLES] and units.store.audit == []


def test_the_same_name_may_be_used_in_another_category() -> None:
    admin, _units, _clock = back_office()
    cold = admin.add_category(MANAGER, "凉菜", "Cold dishes")
    admin.add_item(MANAGER, ItemDetails(cold, "牛肉面", "Beef noodles", 1_000))
    assert problem(admin.add_category, MANAGER, "凉菜", "") is MenuProblem.DUPLICATE_CATEGORY
    assert problem(admin.rename_category, MANAGER, cold, "", "HOT DISHES") is (
        MenuProblem.DUPLICATE_CATEGORY
    )


def test_a_cashier_and_a_demoted_manager_may_not_edit_the_menu() -> None:
    admin, units, _clock = back_office()
    with pytest.raises(PermissionDenied):
        admin.set_sold_out(CASHIER, NOODLES.item_id, True)
    units.store.staff[MANAGER.staff_id] = StaffAccount(replace(MANAGER, role=Role.CASHIER), "x")
    with pytest.raises(PermissionDenied):  # the role the caller carries is only a claim
        admin.add_category(MANAGER, "汤", "Soups")
    assert units.store.audit == []


def test_sold_out_today_is_back_tomorrow_by_itself() -> None:
    admin, units, clock = back_office()
    catalog = CatalogService(units)
    admin.set_sold_out(MANAGER, NOODLES.item_id, True)
    item = catalog.load().items[0]
    assert item.sold_out(NOW.date()) and not item.on_sale(NOW.date())
    clock.advance(timedelta(days=1))
    assert catalog.load().items[0].on_sale(clock.now().date())
    _ctx, action, _subject, detail = units.store.audit[-1]
    assert (action, detail) == (
        "menu_item_sold_out",
        {"before": {"sold_out_on": None}, "after": {"sold_out_on": "2026-12-04"}},
    )


def test_a_hidden_item_is_off_the_till_until_shown_again() -> None:
    admin, units, _clock = back_office()
    admin.set_hidden(MANAGER, NOODLES.item_id, True)
    assert CatalogService(units).load().items == ()
    assert not admin.listed(MANAGER).items[0].active
    admin.set_hidden(MANAGER, NOODLES.item_id, False)
    assert CatalogService(units).load().items[0].item_id == NOODLES.item_id
    assert [a for _c, a, _s, _d in units.store.audit] == ["menu_item_hidden", "menu_item_shown"]


def test_an_edit_records_only_what_changed_and_a_move_to_another_category_goes_last() -> None:
    admin, units, _clock = back_office()
    cold = admin.add_category(MANAGER, "凉菜", "Cold dishes")
    cucumber = admin.add_item(MANAGER, ItemDetails(cold, "拍黄瓜", "Cucumber", 1_200))
    admin.edit_item(MANAGER, NOODLES.item_id, ItemDetails(cold, "牛肉面", "Beef noodles", 4_200))
    assert [i.item_id for i in admin.listed(MANAGER).items_in(cold)] == [
        cucumber, NOODLES.item_id,
    ]  # fmt: skip
    _ctx, action, _subject, detail = units.store.audit[-1]
    assert (action, detail) == (
        "menu_item_edited",
        {"before": {"category": HOT, "price_fen": 3_800},
         "after": {"category": cold, "price_fen": 4_200}},
    )  # fmt: skip


def test_placing_items_and_categories_changes_the_tills_order_once_and_stops_at_the_ends() -> None:
    admin, units, _clock = back_office()
    soup = admin.add_item(MANAGER, ItemDetails(HOT, "酸辣汤", "Hot and sour soup", 1_800))
    admin.place_item(MANAGER, soup, 0)
    admin.place_item(MANAGER, soup, 0)  # already first (a retry): nothing done or recorded
    admin.place_item(MANAGER, soup, -1)  # before the first: first
    assert [i.item_id for i in admin.listed(MANAGER).items] == [soup, NOODLES.item_id]
    drinks = admin.add_category(MANAGER, "饮品", "Drinks")
    admin.place_category(MANAGER, drinks, 0)
    admin.place_category(MANAGER, drinks, 0)
    assert [c.category_id for c in admin.listed(MANAGER).categories] == [drinks, HOT]
    actions = [a for _c, a, _s, _d in units.store.audit]
    assert actions.count("menu_items_reordered") == 1
    assert actions[-1] == "menu_categories_reordered"


def test_a_place_is_where_it_ends_up_and_one_step_stops_at_the_ends() -> None:
    ids = ["a", "b", "c", "d"]
    assert placed(ids, "c", 0) == ["c", "a", "b", "d"]
    assert placed(ids, "a", 2) == ["b", "c", "a", "d"]
    assert placed(ids, "b", 9) == ["a", "c", "d", "b"]
    assert placed(placed(ids, "c", 1), "c", 1) == placed(ids, "c", 1) == ["a", "c", "b", "d"]
    assert [one_step(ids, "a", -1), one_step(ids, "a", 1), one_step(ids, "d", 1)] == [None, 1, None]
    assert one_step(ids, "z", 1) is None
