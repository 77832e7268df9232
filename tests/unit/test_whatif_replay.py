"""The replay engine on hand-made periods: the till's own billing under each rule set,
rules rebuilt from the audit trail, progress and cancel."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date, datetime, timedelta

import pytest

from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import TierSpec
from app.domain.menu import CategoryId
from app.domain.recorded_orders import (
    RecordedLine,
    RecordedMember,
    RecordedOrder,
    RuleChange,
)
from app.domain.service_type import ServiceType
from app.domain.tiers import Tier, TierId
from app.whatif.draft import DraftRules, DraftTier
from app.whatif.history import RuleTimeline
from app.whatif.period import Period
from app.whatif.replay import ReplayCancelled, replay

SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset({CategoryId(4)}), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1000, frozenset(), 15_000, 0)
LIVE = DraftRules((DraftTier(SILVER, 0), DraftTier(GOLD, 300_000)), LoyaltyRules())
START = datetime(2026, 11, 2, 12, 0)
MEMBER = RecordedMember(7, "M0000007", "王芳", date(2025, 3, 1), "champions",
                        ((datetime.min, date(2027, 3, 1)),))  # fmt: skip


def order(
    n: int, tier: Tier | None, discount: int, points: int, *lines: RecordedLine
) -> RecordedOrder:
    return RecordedOrder(
        order_id=n, order_no=f"T1-{n:04}", created_at=START + timedelta(hours=n),
        member_id=MEMBER.member_id if tier else None, tier_id=tier.tier_id if tier else None,
        service_type=ServiceType.DINE_IN, party_size=2, lines=lines, discount=discount,
        offer_discount=0, manual_discount=0, points_earned=points, points_redeemed=0,
        bonus_spent=0, top_up=0, top_up_bonus=0, upgrade_fee=0,
    )  # fmt: skip


FISH = RecordedLine(3, 1, "Boiled Fish", 8_800, 1, "tier")
BEER = RecordedLine(9, 4, "Beer", 1_500, 2, "category_excluded")


def period(*orders: RecordedOrder, changes: tuple[RuleChange, ...] = ()) -> Period:
    return Period(orders, {MEMBER.member_id: MEMBER}, {1: SILVER, 2: GOLD}, changes)


def test_a_silver_members_order_replays_as_recorded_and_a_richer_silver_costs_more() -> None:
    # ¥88 fish at 5% = ¥4.40 off; beer excluded; paid ¥83.60 + ¥30 = 113 points at 1x
    recorded = period(order(1, SILVER, 440, 113, FISH, BEER), order(2, None, 0, 0, FISH))
    richer = DraftRules((DraftTier(replace(SILVER, discount_bp=800), 0), DraftTier(GOLD, 300_000)),
                        LoyaltyRules())  # fmt: skip

    result = replay(recorded, LIVE, richer)

    assert result.not_reproduced == []
    assert (result.current.tier_discount, result.draft.tier_discount) == (440, 704)
    assert (result.current.points_issued, result.draft.points_issued) == (113, 110)
    assert result.current.by_segment["champions"].discount_cost == 440
    assert result.current.by_tier["guest"].orders == 1


def test_an_order_that_does_not_match_the_record_is_listed_with_the_difference() -> None:
    result = replay(period(order(1, SILVER, 500, 113, FISH, BEER)), LIVE, LIVE)

    [missed] = result.not_reproduced
    assert missed.order_no == "T1-0001"
    assert missed.reason == "differs from the record"
    assert missed.differences == "tier discount 440 replayed, 500 recorded"


def test_an_order_before_a_discount_change_is_priced_with_the_discount_then() -> None:
    # recorded at 10% for Silver; a manager set 5% after it (the audit detail says so)
    excluded = frozenset({CategoryId(4)})
    before = TierSpec("SILVER", 1, "银卡", "Silver", 1000, excluded_categories=excluded,
                      tier_id=TierId(1))  # fmt: skip
    after = replace(before, discount_bp=500)
    change = RuleChange(START + timedelta(hours=1, minutes=30), "tier:SILVER",
                        _json(asdict(before)), _json(asdict(after)))  # fmt: skip
    first, second = order(1, SILVER, 880, 109, FISH, BEER), order(2, SILVER, 440, 113, FISH, BEER)
    recorded = period(first, second, changes=(change,))

    result = replay(recorded, LIVE, LIVE)

    assert result.not_reproduced == []
    assert result.current.tier_discount == 880 + 440
    assert result.draft.tier_discount == 440 + 440


def test_a_change_the_audit_cannot_undo_explains_the_orders_before_it() -> None:
    change = RuleChange(START + timedelta(hours=1, minutes=30), "loyalty.points_value", None, None)
    recorded = period(order(1, SILVER, 880, 109, FISH, BEER), changes=(change,))

    [missed] = replay(recorded, LIVE, LIVE).not_reproduced

    assert missed.reason.startswith("rules changed after the order and the audit log cannot")
    assert RuleTimeline(LIVE, (change,)).unknown_before == change.at


def test_progress_is_reported_and_a_cancel_stops_the_replay() -> None:
    orders = [order(n, None, 0, 0, FISH) for n in range(2_500)]
    seen: list[tuple[int, int]] = []

    replay(period(*orders), LIVE, LIVE, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2_500), (1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]

    with pytest.raises(ReplayCancelled):
        replay(period(*orders), LIVE, LIVE, cancelled=lambda: len(seen) > 5,
               progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert seen[-1] == (1_000, 2_500)


def _json(value: object) -> object:
    """As the audit log stores a detail (``db.audit_log.encode_detail``): sets as lists."""
    return json.loads(json.dumps(value, default=sorted))
