"""The default store ("Main store", made by the migration before the restaurant had a
name) takes the restaurant's name and address when the set-up, the back office or the
demo names the restaurant; audited; a store someone named keeps its name. Both
databases."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from app.bootstrap import Till
from app.demo import DEMO_ADDRESS, DEMO_NAME
from app.restaurant_profile.profile import RestaurantProfile
from app.setup.restaurant import SetupRequest, set_up_restaurant
from tests.fakes import FakeClock


def rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def run(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def renamings(url: str) -> list[dict[str, object]]:
    found = rows(url, "SELECT detail FROM audit_events WHERE action = 'store_renamed'")
    return [json.loads(str(detail)) for (detail,) in found]


def test_the_demo_names_its_store(till: Till) -> None:
    url = till.config.database_url
    assert rows(url, "SELECT id, name, address FROM stores") == [(1, DEMO_NAME, DEMO_ADDRESS)]
    assert renamings(url) == []  # the demo's seed is not audited, as none of it is


@pytest.mark.parametrize("name", ["蜀香阁", "The Sichuan Kitchen"])
def test_saving_the_profile_names_a_store_still_under_the_default_name(
    till: Till, name: str
) -> None:
    url = till.config.database_url
    run(url, "UPDATE stores SET name = 'Main store', address = ''")
    manager = till.auth.log_in("manager", "9999")
    profile = RestaurantProfile(name=name, address="成都市锦江区春熙路1号")
    till.restaurant_profile.save(manager, profile)
    assert rows(url, "SELECT name, address FROM stores") == [(name, "成都市锦江区春熙路1号")]
    assert renamings(url)[-1] == {"before": "Main store", "after": name, "why": "restaurant_named"}
    # Named once: renaming the restaurant later leaves the store's own name alone.
    till.restaurant_profile.save(manager, RestaurantProfile(name="别的名字", address="别处"))
    assert rows(url, "SELECT name, address FROM stores") == [(name, "成都市锦江区春熙路1号")]
    assert len(renamings(url)) == 1


def test_the_set_up_names_the_store_the_migration_made(database_url: str, clock: FakeClock) -> None:
    profile = RestaurantProfile(name="蜀香阁", address="成都市锦江区春熙路1号")
    set_up_restaurant(database_url, SetupRequest(profile, "王经理", "2468"), clock)
    assert rows(database_url, "SELECT name, address FROM stores") == [
        ("蜀香阁", "成都市锦江区春熙路1号")
    ]
    (renamed,) = renamings(database_url)
    assert (renamed["before"], renamed["after"]) == ("Main store", "蜀香阁")
