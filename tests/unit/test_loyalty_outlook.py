"""What the till tells a member it has just identified, on the fake unit of work."""

from __future__ import annotations

from datetime import date

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.qualification import TierThreshold
from app.domain.tiers import Tier, TierId
from app.services.member_outlook import LoyaltyService, outlook
from tests.fakes import FakeStore, FakeUnits

TODAY = date(2026, 11, 22)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 9_900)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1_000, frozenset(), 15_000, 29_900)
RULES = LoyaltyRules(thresholds=(TierThreshold(1, 0), TierThreshold(2, 300_000)))


def member(tier: Tier) -> MemberSummary:
    return MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", tier,
                         date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip


class Spent:
    """Every window and term holds the same spend."""

    def __init__(self, spend: int) -> None:
        self.spend = spend

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int:
        return self.spend


def units() -> FakeUnits:
    return FakeUnits(FakeStore(tiers={1: SILVER, 2: GOLD}, rules=RULES))


def test_a_silver_member_is_told_what_gold_still_needs() -> None:
    with units()() as uow:
        ahead = outlook(Spent(250_000), uow.tiers, member(SILVER), TODAY, RULES)
    assert (ahead.next_tier, ahead.missing_for_next_tier) == (GOLD, 50_000)
    assert ahead.upgrade is None  # the rules do not sell upgrades


def test_the_top_tier_has_nothing_ahead_and_an_upgrade_is_offered_only_below_it() -> None:
    rules = LoyaltyRules(thresholds=RULES.thresholds, upgrade_for_fee_difference=True)
    with units()() as uow:
        top = outlook(Spent(0), uow.tiers, member(GOLD), TODAY, rules)
        below = outlook(Spent(0), uow.tiers, member(SILVER), TODAY, rules)
    assert (top.next_tier, top.missing_for_next_tier, top.upgrade) == (None, 0, None)
    assert below.upgrade is not None and below.upgrade.fee == 20_000


def test_the_service_reads_rules_and_tiers_through_the_unit() -> None:
    service = LoyaltyService(units())
    assert service.rules() == RULES
    assert service.tiers() == [SILVER, GOLD] and service.entry_tier() == SILVER
    assert LoyaltyService(FakeUnits()).entry_tier() is None
