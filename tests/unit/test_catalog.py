"""The menu and tiers the till shows, read through the fake unit of work."""

from __future__ import annotations

from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.tiers import Tier, TierId
from app.services.catalog import CatalogService
from tests.fakes import FakeStore, FakeUnits

HOT, DRINKS = CategoryId(1), CategoryId(2)
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", HOT, 3_800)
TEA = MenuItem(ItemId(2), "DRK-01", "茶", "Tea", DRINKS, 1_000)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 0)


def test_the_catalog_groups_items_by_category_and_ranks_the_tiers() -> None:
    store = FakeStore(
        categories=[
            MenuCategory(HOT, "HOT", "热菜", "Hot"),
            MenuCategory(DRINKS, "DRK", "饮品", "Drinks"),
        ],
        items=[NOODLES, TEA],
        tiers={GOLD.tier_id: GOLD, SILVER.tier_id: SILVER},
        settings={"restaurant.name": "小馆"},
    )
    service = CatalogService(FakeUnits(store))
    catalog = service.load()
    assert catalog.items_in(DRINKS) == [TEA]
    assert catalog.category(HOT).name_en == "Hot"
    assert catalog.tiers == (SILVER, GOLD)
    assert service.restaurant_settings() == {"restaurant.name": "小馆"}
