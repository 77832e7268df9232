from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

from app.domain.draft import OrderDraft
from app.domain.draft_snapshot import restore, snapshot
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.service_type import ServiceType
from app.domain.tiers import Tier, TierId
from app.open_order_file import OpenOrderFile

FOOD = CategoryId(1)
NOODLES = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", FOOD, 3_800)
TEA = MenuItem(ItemId(2), "DRK-01", "茶", "Tea", FOOD, 1_000)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
ZHANG = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 120, 5_000, "", "")  # fmt: skip
MENU = {NOODLES.item_id: NOODLES, TEA.item_id: TEA}


def rung_up() -> OrderDraft:
    draft = OrderDraft()
    draft.add(NOODLES, 2)
    draft.add(TEA)
    draft.open_table("A7", 4)
    draft.set_member(ZHANG)
    draft.top_up_amount = 20_000
    draft.redeem_points = True
    return draft


def test_an_order_comes_back_as_it_was_rung_up_through_json() -> None:
    saved = json.loads(json.dumps(snapshot(rung_up())))
    restored = restore(saved, MENU, {7: ZHANG}.get)
    assert restored is not None
    draft = restored.draft
    assert [(line.item, line.quantity) for line in draft.lines()] == [(NOODLES, 2), (TEA, 1)]
    assert (draft.service_type, draft.table_no, draft.party_size) == (ServiceType.DINE_IN, "A7", 4)
    assert draft.member == ZHANG
    assert draft.top_up_amount == 20_000 and draft.redeem_points
    assert restored.dishes_left_out == () and restored.discounts_dropped == 0


def test_a_dish_taken_off_the_menu_and_a_vanished_member_are_left_out() -> None:
    restored = restore(snapshot(rung_up()), {NOODLES.item_id: NOODLES}, lambda _id: None)
    assert restored is not None
    assert [line.item for line in restored.draft.lines()] == [NOODLES]
    assert restored.dishes_left_out == (2,)
    assert restored.draft.member is None and restored.draft.top_up_amount == 0
    assert not restored.wants_renewal


def test_a_snapshot_of_another_format_is_not_guessed_at() -> None:
    assert restore({"version": 99, "lines": [[1, 1]]}, MENU, {7: ZHANG}.get) is None


def test_the_file_is_replaced_whole_and_owner_only(tmp_path: Path) -> None:
    store = OpenOrderFile(tmp_path / "data", "T1/../x")
    assert store.load() is None
    store.save(snapshot(rung_up()))
    store.save({"version": 1, "lines": [[2, 3]]})
    assert store.path.parent == tmp_path / "data"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.load() == {"version": 1, "lines": [[2, 3]]}
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]
    store.clear()
    assert store.load() is None


def test_an_unreadable_file_is_set_aside_not_crashed_on(tmp_path: Path) -> None:
    store = OpenOrderFile(tmp_path, "T1")
    store.path.write_text('{"version": 1, "lin')
    assert store.load() is None
    assert store.path.with_suffix(".json.unreadable").exists()


def test_the_request_key_of_a_payment_under_way_comes_back_after_a_restart() -> None:
    draft = rung_up()
    draft.request_key = "9f0c3a6e2b1d4c5e8a7b6c5d4e3f2a1b"
    restored = restore(json.loads(json.dumps(snapshot(draft))), MENU, {7: ZHANG}.get)
    assert restored is not None
    assert restored.draft.request_key == draft.request_key
    unpaid = restore(json.loads(json.dumps(snapshot(rung_up()))), MENU, {7: ZHANG}.get)
    assert unpaid is not None and unpaid.draft.request_key is None
