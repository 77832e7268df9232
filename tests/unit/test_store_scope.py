"""Store scopes, who may see them, the picker's entries and targets down the hierarchy."""

from __future__ import annotations

import pytest

from app.domain.staff import Permission, Role, role_allows
from app.domain.store_scope import (
    CHAIN,
    ScopeError,
    StoreScope,
    in_region,
    may_see,
    scope_choices,
    scope_of,
    target_key,
    target_setting,
    targets_set,
)
from app.domain.stores import Store

STORES = (
    Store(1, "Main", region="华东/上海"),
    Store(2, "East Road", region="华东/杭州"),
    Store(3, "Beijing", region="华北/北京"),
    Store(4, "Pop-up"),
)


def test_a_scope_comes_from_the_store_or_region_parameter() -> None:
    assert scope_of("", "") == CHAIN and CHAIN.store_ids(STORES) is None
    assert scope_of(" 2 ", "").store_ids(STORES) == (2,)
    assert scope_of("", "华东").store_ids(STORES) == (1, 2)
    assert scope_of("", "华东/杭州/").store_ids(STORES) == (2,)
    assert scope_of("", "华").store_ids(STORES) == ()  # whole labels only, not prefixes
    with pytest.raises(ScopeError, match="not both"):
        scope_of("1", "华东")
    with pytest.raises(ScopeError, match="store number"):
        scope_of("Main", "")
    assert in_region("华东 / 上海", "华东") and not in_region("", "华东")


def test_only_a_chain_manager_sees_beyond_their_store() -> None:
    assert role_allows(Role.CHAIN_MANAGER, Permission.VIEW_CHAIN)
    assert not role_allows(Role.MANAGER, Permission.VIEW_CHAIN)
    assert role_allows(Role.MANAGER, Permission.VIEW_REPORTS)
    assert may_see(StoreScope(2), 2, sees_chain=False)
    for scope in (StoreScope(1), StoreScope(region="华东"), CHAIN):
        assert not may_see(scope, 2, sees_chain=False)
        assert may_see(scope, 2, sees_chain=True)


def test_the_picker_offers_a_store_manager_their_store_and_a_chain_manager_everything() -> None:
    own = scope_choices(STORES, 2, sees_chain=False)
    assert [(c.kind, c.name, c.values()) for c in own] == [
        ("this_store", "East Road", {"store": "2", "region": ""})
    ]
    every = scope_choices(STORES, 2, sees_chain=True)
    assert [c.name for c in every] == [
        "East Road", "Main", "Beijing", "Pop-up", "华东", "华东/上海", "华东/杭州", "华北",
        "华北/北京", "",
    ]  # fmt: skip
    assert every[-1].kind == "chain" and every[-1].values() == {"store": "", "region": ""}


def test_targets_are_inherited_store_city_region_company() -> None:
    settings = {target_key("company"): "4", target_key("region", "华东"): "3"}
    assert target_setting(settings, StoreScope(1), STORES) == "3"
    assert target_setting(settings, StoreScope(3), STORES) == "4"
    assert target_setting(settings, CHAIN, STORES) == "4"
    settings[target_key("city", "华东/杭州")] = "2"
    settings[target_key("store", "1")] = "1.5"
    assert target_setting(settings, StoreScope(2), STORES) == "2"
    assert target_setting(settings, StoreScope(1), STORES) == "1.5"
    assert target_setting(settings, StoreScope(region="华东/杭州"), STORES) == "2"
    assert target_setting(settings, StoreScope(region="华东"), STORES) == "3"
    assert target_setting({}, StoreScope(1), STORES) is None
    assert targets_set(settings) == {
        "company": "4", "region:华东": "3", "city:华东/杭州": "2", "store:1": "1.5",
    }  # fmt: skip
    with pytest.raises(ScopeError):
        target_key("planet", "Mars")
    with pytest.raises(ScopeError, match="too long"):
        target_key("region", "x" * 60)
