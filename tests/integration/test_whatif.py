"""The what-if simulator on both databases: the live rules exported as a draft and read
back, and real checkouts replayed under the rules in force and under a draft, with
figures worked out by hand."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest

from app.bootstrap import Till
from app.demo_database import create_demo_database
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.services.loyalty_admin import LoyaltyAdminService
from app.whatif.draft import DraftRejected, DraftRules, DraftTier, dump_draft
from app.whatif.figures import TierMove
from app.whatif.run import export_rules, read_draft, read_live_rules, what_if
from db.engine import create_db_engine, session_factory
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock

TODAY = date(2026, 11, 22)  # the clock fixture's day, a Sunday: no demo offer applies


@pytest.fixture
def admin(till: Till, database_url: str, clock: FakeClock) -> Iterator[LoyaltyAdminService]:
    engine = create_db_engine(database_url)
    yield LoyaltyAdminService(
        partial(SqlUnitOfWork, session_factory(engine)), clock, till.config.till_id
    )
    engine.dispose()


def sell(till: Till, phone: str | None, *codes: str) -> None:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    if phone is not None:
        draft.set_member(till.members.identify(phone).member)
    cashier = till.auth.log_in("wangfang", "1111")
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 50_000), cashier)


def three_orders(till: Till, clock: FakeClock) -> None:
    sell(till, "13800138000", "HOT-01")  # 张伟, Gold 10%: ¥38, ¥3.80 off, 51 points at 1.5x
    clock.advance(timedelta(minutes=5))
    sell(till, "18600008000", "HOT-03")  # 曾小贤, Silver 5%: ¥88, ¥4.40 off, 83 points
    clock.advance(timedelta(minutes=5))
    sell(till, None, "HOT-02")  # a guest: nothing off, no points


def with_tier(draft: DraftRules, code: str, **changes: int) -> DraftRules:
    tiers = []
    for entry in draft.tiers:
        if entry.tier.code == code:
            spend = changes.pop("qualify_spend", entry.qualify_spend)
            entry = DraftTier(replace(entry.tier, **changes), spend)
        tiers.append(entry)
    return DraftRules(tuple(tiers), draft.rules)


def test_the_live_rules_export_as_a_draft_that_reads_back_equal(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "rules.json"
    exported = export_rules(database_url, out)
    document = json.loads(out.read_text("utf-8"))
    assert (document["format"], document["version"]) == ("pos-loyalty-rules", 1)
    assert [t["tier"]["code"] for t in document["tiers"]] == ["SILVER", "GOLD", "PLATINUM"]
    assert read_draft(out) == exported == read_live_rules(database_url)
    assert {o.code for o in exported.rules.offers} >= {"AFTERNOON-TEA", "CPN-BIRTHDAY"}


def test_a_higher_gold_discount_costs_exactly_the_difference_on_golds_orders(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    three_orders(till, clock)
    live = read_live_rules(database_url)
    draft = with_tier(live, "GOLD", discount_bp=1200)

    result = what_if(database_url, draft, TODAY, TODAY)

    assert result.not_reproduced == []
    assert (result.current.orders, result.draft.orders) == (3, 3)
    assert result.current.discount_cost == 380 + 440
    assert result.draft.discount_cost == 456 + 440  # 12% of ¥38 is ¥4.56
    assert result.current.points_issued == 51 + 83
    assert result.draft.points_issued == 50 + 83  # (3800 - 456) * 1.5 / 100 = 50.16
    assert (
        result.draft.by_tier["GOLD"].discount_cost - result.current.by_tier["GOLD"].discount_cost
        == 76
    )
    assert result.tier_moves == []


def test_a_lower_gold_threshold_moves_the_silver_member_who_spent_it_up(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    three_orders(till, clock)
    draft = with_tier(read_live_rules(database_url), "GOLD", qualify_spend=8_000)

    result = what_if(database_url, draft, TODAY, TODAY)

    zeng = till.members.identify("18600008000").member
    assert zeng is not None
    assert result.tier_moves == [
        TierMove(zeng.member_id, zeng.member_no, "曾小贤", "SILVER", "GOLD", "up")
    ]  # ¥83.60 paid reaches the draft's ¥80 mark; 张伟 is Gold already
    assert (result.current.tier_ups, result.draft.tier_ups) == (0, 1)


def test_orders_before_a_rule_change_replay_under_the_rules_then_in_force(
    till: Till, database_url: str, clock: FakeClock, admin: LoyaltyAdminService
) -> None:
    sell(till, "13800138000", "HOT-01")  # Gold at 10%: ¥3.80 off
    clock.advance(timedelta(minutes=10))
    gold = next(t for t in admin.tiers() if t.code == "GOLD")
    admin.save_tier(replace(gold, discount_bp=2000), till.auth.log_in("manager", "9999"))
    clock.advance(timedelta(minutes=10))
    sell(till, "13800138000", "HOT-01")  # Gold at 20%: ¥7.60 off
    live = read_live_rules(database_url)

    result = what_if(database_url, live, TODAY, TODAY)

    assert result.not_reproduced == []
    assert result.current.tier_discount == 380 + 760
    assert result.draft.tier_discount == 760 + 760  # the draft is today's rules throughout


def test_the_demo_history_replays_to_the_fen_under_the_rules_in_force(
    database_url: str,
) -> None:
    today = date(2026, 11, 22)
    create_demo_database(database_url, 300, today)
    live = read_live_rules(database_url)

    result = what_if(database_url, live, today - timedelta(days=60), today)

    assert result.current.orders > 300
    assert result.not_reproduced == []
    assert result.current.discount_cost > 0 and result.current.points_issued > 0
    # top-ups and renewals were on the history, and replayed to the fen too
    assert result.current.stored_value_bonus > 0 and result.current.renewal_income > 0
    assert result.draft.tier_discount == result.current.tier_discount
    assert result.tier_moves == []


def test_a_draft_file_with_a_tier_the_orders_need_missing_is_refused(
    till: Till, database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    sell(till, "13800138000", "HOT-01")
    live = read_live_rules(database_url)
    without_gold = DraftRules(tuple(t for t in live.tiers if t.tier.code != "GOLD"), live.rules)
    path = tmp_path / "draft.json"
    path.write_text(dump_draft(without_gold), "utf-8")
    with pytest.raises(DraftRejected, match="no tier GOLD"):
        what_if(database_url, read_draft(path), TODAY, TODAY)


def test_the_replay_keeps_the_period_it_read_out_of_collections_while_it_runs(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    three_orders(till, clock)
    frozen_while_replaying: list[int] = []
    live = read_live_rules(database_url)

    what_if(
        database_url,
        live,
        TODAY,
        TODAY,
        lambda *_: frozen_while_replaying.append(gc.get_freeze_count()),
    )

    assert frozen_while_replaying and min(frozen_while_replaying) > 0
    assert gc.get_freeze_count() == 0  # collected as before once it is done
