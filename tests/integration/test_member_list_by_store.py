"""The member list and the tenure report by store, on both databases: a member belongs to
the store whose till enrolled them (members older than stores, and the demo's, to the
first store); a store manager lists their own store's members, a chain manager any
store, region or the chain; asking for another store is refused and audited."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from app.bootstrap import Till
from app.domain.member_filters import MemberFilter
from app.domain.store_scope import StoreScope
from app.services.member_list import ListScopeRefused
from app.services.reports import CommandLine
from db.engine import create_db_engine
from tests.integration.test_store_views import Chain, chain  # noqa: F401

NEW_AT_EAST = {"韩梅梅", "王小明"}


def names(till: Till, who: str, scope: StoreScope | None = None) -> set[str]:
    staff = till.auth.log_in(who, "9999")
    member_filter = MemberFilter() if scope is None else MemberFilter(scope=scope)
    prepared = till.member_lists.prepare(staff, member_filter)
    return {row.name for row in till.member_lists.page(staff, prepared, limit=1000)}


def make_chain_manager(url: str) -> None:
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE staff SET role = 'chain_manager' WHERE username = 'manager'")
            )
    finally:
        engine.dispose()


def test_a_chain_manager_lists_the_members_of_a_store_a_region_or_the_chain(
    chain: Chain,  # noqa: F811
) -> None:
    make_chain_manager(chain.url)
    east, main = StoreScope(chain.east_id), StoreScope(1)
    whole = names(chain.east, "manager")
    assert names(chain.east, "manager", east) == NEW_AT_EAST
    at_main = names(chain.east, "manager", main)
    assert "李雷" in at_main and not at_main & NEW_AT_EAST
    assert at_main | NEW_AT_EAST == whole  # every member is some store's, once
    assert len(at_main) > 10  # the demo's members (no store written) are the first store's
    assert names(chain.east, "manager", StoreScope(region="华东/杭州")) == NEW_AT_EAST
    assert names(chain.east, "manager", StoreScope(region="华东")) == whole
    assert names(chain.east, "manager", StoreScope(region="华南")) == set()
    manager = chain.east.auth.log_in("manager", "9999")
    assert chain.east.member_lists.default_scope(manager) == StoreScope()
    kinds = [c.kind for c in chain.east.member_lists.scope_choices(manager)]
    assert kinds[0] == "this_store" and kinds[-1] == "chain" and "region" in kinds


def test_a_store_manager_lists_their_own_stores_members_and_is_refused_others(
    chain: Chain,  # noqa: F811
) -> None:
    manager = chain.east.auth.log_in("manager", "9999")
    assert chain.east.member_lists.default_scope(manager) == StoreScope(chain.east_id)
    assert [c.kind for c in chain.east.member_lists.scope_choices(manager)] == ["this_store"]
    assert names(chain.east, "manager") == NEW_AT_EAST  # the whole chain means their store
    assert names(chain.east, "manager", StoreScope(chain.east_id)) == NEW_AT_EAST
    for scope in (StoreScope(1), StoreScope(region="华东")):
        with pytest.raises(ListScopeRefused):
            chain.east.member_lists.prepare(manager, MemberFilter(scope=scope))
    engine = create_db_engine(chain.url)
    try:
        with engine.connect() as connection:
            refused = connection.execute(
                text("SELECT store_id FROM audit_events WHERE action = 'member_list_refused'")
            ).scalars()
            assert list(refused) == [chain.east_id, chain.east_id]
    finally:
        engine.dispose()


def test_an_export_of_a_stores_members_writes_only_them_and_says_so_in_the_audit(
    chain: Chain,  # noqa: F811
    tmp_path: object,
) -> None:
    from pathlib import Path

    from app.services.member_list import ListExport

    make_chain_manager(chain.url)
    manager = chain.main.auth.log_in("manager", "9999")
    out = Path(str(tmp_path)) / "east.csv"
    member_filter = replace(MemberFilter(), scope=StoreScope(chain.east_id))
    done = chain.main.member_lists.export(manager, member_filter, None, ListExport.CSV, out)
    assert done.rows == 2
    written = out.read_text(encoding="utf-8-sig")
    assert all(name in written for name in NEW_AT_EAST) and "李雷" not in written
    engine = create_db_engine(chain.url)
    try:
        with engine.connect() as connection:
            detail = connection.execute(
                text("SELECT detail FROM audit_events WHERE action = 'member_list_exported'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert f'"store": {chain.east_id}' in detail


def test_the_tenure_report_covers_the_members_who_joined_at_a_store(
    chain: Chain,  # noqa: F811
) -> None:
    def new_members(**scope: str) -> set[str]:
        given = {"group": "new", **scope}
        preview = chain.main.reports.preview("tenure", given, CommandLine(), "en", limit=1000)
        (section,) = preview.sections
        return {row[2] for row in section.rows}

    whole = new_members(store="")
    assert NEW_AT_EAST | {"李雷"} <= whole
    assert new_members(store=str(chain.east_id)) == NEW_AT_EAST
    assert new_members(store="", region="华东/杭州") == NEW_AT_EAST
    assert new_members(store="1") == whole - NEW_AT_EAST


def test_sign_ups_per_staff_are_counted_where_they_joined_against_the_stores_target(
    chain: Chain,  # noqa: F811
) -> None:
    from app.stores.admin import StoreAdmin

    StoreAdmin(chain.url, chain.main.clock).set_target("city", "华东/杭州", "4")
    day = chain.main.clock.now().date().isoformat()

    def staff(store: str) -> tuple[int, dict[str, tuple[int, int]]]:
        given = {"from": day, "to": day, "till": "all", "store": store}
        figures, _ = chain.main.reports.kpi(given, CommandLine(), "en")
        lines = {s.name: (s.line.signups, s.line.of_target_bp) for s in figures.staff}
        return figures.target, lines

    target, east = staff(str(chain.east_id))
    assert target == 400 and east["王芳"] == (2, 5_000)  # 2 a day against 4: 50%
    target, main = staff("1")
    assert target == 300 and main["王芳"][0] == 1  # the company's default target


def test_each_stores_active_members_add_up_to_the_chains(chain: Chain) -> None:  # noqa: F811
    day = chain.main.clock.now().date().isoformat()

    def active(store: str) -> int:
        given = {"from": day, "to": day, "till": "all", "store": store}
        figures, _ = chain.main.reports.kpi(given, CommandLine(), "en")
        return figures.rows[-1].active_end

    east, main, whole = active(str(chain.east_id)), active("1"), active("")
    assert east == len(NEW_AT_EAST) and main > 10  # the demo's members are the first store's
    assert east + main == whole
