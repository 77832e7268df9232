"""The anniversary tier review on the fake unit of work: who moves down, when, and who not."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.orders import PaidOrder
from app.domain.payment import PaymentMethod, Tender, settle
from app.domain.qualification import TierThreshold
from app.domain.service_type import ServiceType
from app.domain.tiers import Tier, TierChange, TierId
from app.services.tier_review import POSITION, WATERMARK, TierReviewService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 6, 0)
TODAY = NOW.date()
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 0, frozenset(), 10_000, 0)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 500, frozenset(), 12_000, 0)
DIAMOND = Tier(TierId(3), "DIAMOND", 3, "钻石卡", "Diamond", 1_000, frozenset(), 15_000, 0)
RULES = LoyaltyRules(
    thresholds=(TierThreshold(1, 0), TierThreshold(2, 100_000), TierThreshold(3, 300_000))
)
JOINED = date(2023, 11, 22)
"""The members' joining day: today is their third anniversary."""


def member(member_id: int, tier: Tier, joined_on: date = JOINED) -> MemberSummary:
    return MemberSummary(MemberId(member_id), f"M{member_id:07d}", "张伟", "13800138000", tier,
                         joined_on, None, 0, 0, "", "")  # fmt: skip


@pytest.fixture
def units() -> FakeUnits:
    members = [member(1, DIAMOND), member(2, GOLD), member(3, SILVER)]
    return FakeUnits(
        FakeStore(
            members={m.member_id: m for m in members},
            tiers={t.tier_id: t for t in (SILVER, GOLD, DIAMOND)},
            rules=RULES,
        )
    )


def spent(units: FakeUnits, member_id: int, day: date, spend: int) -> None:
    bill = build_bill(OrderDraft(), LoyaltyRules(), NOW)
    sequence = len(units.store.orders) + 1
    units.store.orders.append(
        PaidOrder(
            order_no=f"T1-{day:%Y%m%d}-{sequence:04d}", till_id="T1", business_day=day,
            sequence=sequence, staff_id=1, member_id=member_id,
            service_type=ServiceType.TAKEAWAY, table_no="", party_size=1, bill=bill,
            settlement=settle(bill.due, Tender(PaymentMethod.CASH, bill.due)),
            points_earned=0, qualifying_spend=spend, created_at=NOW,
        )
    )  # fmt: skip


def review(units: FakeUnits, today: date = TODAY) -> int:
    return TierReviewService(units, FakeClock(NOW)).run(today)


def tier_of(units: FakeUnits, member_id: int) -> Tier:
    return units.store.members[MemberId(member_id)].tier


def test_a_member_who_missed_the_mark_twice_drops_to_what_the_better_period_earned(
    units: FakeUnits,
) -> None:
    spent(units, 1, date(2025, 3, 1), 120_000)  # the period before: gold's mark
    spent(units, 1, date(2026, 3, 1), 50_000)  # this period: silver
    assert review(units) == 2  # and the gold member who spent nothing drops to silver
    assert tier_of(units, 1) == GOLD
    assert tier_of(units, 2) == SILVER
    changes = {m: (old, change) for m, old, change in units.store.tier_changes}
    assert changes[1] == (
        DIAMOND.tier_id,
        TierChange(
            GOLD.tier_id,
            "anniversary",
            NOW,
            staff_id=None,
            note="spend 50000 this period, 120000 the period before",
        ),
    )
    assert units.store.watermarks[WATERMARK] == TODAY


def test_a_member_who_made_the_mark_the_period_before_keeps_the_tier_one_more_period(
    units: FakeUnits,
) -> None:
    spent(units, 1, date(2025, 3, 1), 300_000)
    assert review(units) == 1  # only the gold member
    assert tier_of(units, 1) == DIAMOND


def test_a_member_who_still_spends_enough_keeps_the_tier(units: FakeUnits) -> None:
    spent(units, 2, date(2026, 11, 21), 100_000)
    review(units)
    assert tier_of(units, 2) == GOLD


def test_a_tier_set_by_hand_since_the_last_anniversary_is_left_alone(units: FakeUnits) -> None:
    override = TierChange(GOLD.tier_id, "override", datetime(2026, 1, 5, 10, 0), staff_id=2)
    units.store.tier_changes.append((2, SILVER.tier_id, override))
    assert review(units) == 1  # the diamond member only
    assert tier_of(units, 2) == GOLD


def test_only_the_anniversary_counts_and_a_day_is_reviewed_once(units: FakeUnits) -> None:
    assert review(units, TODAY - timedelta(days=1)) == 0  # the day before: nobody is due
    assert tier_of(units, 2) == GOLD
    assert review(units) == 2
    assert review(units) == 0
    assert len(units.store.tier_changes) == 2


def test_a_till_closed_for_some_days_catches_up_on_the_anniversaries_missed(
    units: FakeUnits,
) -> None:
    units.store.watermarks[WATERMARK] = TODAY - timedelta(days=3)
    assert review(units, TODAY + timedelta(days=2)) == 2
    assert units.store.watermarks[WATERMARK] == TODAY + timedelta(days=2)


def test_without_thresholds_nobody_moves(units: FakeUnits) -> None:
    units.store.rules = LoyaltyRules()
    assert review(units) == 0
    assert units.store.tier_changes == []
    assert units.store.watermarks[WATERMARK] == TODAY


def test_a_review_cut_short_resumes_after_the_last_member_it_committed(units: FakeUnits) -> None:
    """A chunk of one member: the position recorded after member 1 (as a crash after that
    commit leaves it) makes the next run start at member 2, and the day ends recorded."""
    units.store.watermarks[WATERMARK] = TODAY - timedelta(days=1)
    units.store.texts[POSITION] = f"{TODAY.isoformat()}|1"
    job = TierReviewService(units, FakeClock(NOW), "T1", pause=lambda _s: None)
    job.chunk = 1
    assert job.run(TODAY) == 1  # the gold member only: the diamond one counts as done
    assert (tier_of(units, 1), tier_of(units, 2)) == (DIAMOND, SILVER)
    assert units.store.watermarks[WATERMARK] == TODAY and units.store.texts[POSITION] == ""


def test_a_position_left_for_another_day_is_not_trusted(units: FakeUnits) -> None:
    units.store.watermarks[WATERMARK] = TODAY - timedelta(days=1)
    units.store.texts[POSITION] = f"{(TODAY - timedelta(days=5)).isoformat()}|99"
    assert review(units) == 2


def test_another_tills_live_lease_leaves_the_review_to_it(units: FakeUnits) -> None:
    units.store.watermarks[WATERMARK] = TODAY - timedelta(days=1)
    units.store.texts[f"{WATERMARK}.lease"] = f"T2|{(NOW + timedelta(minutes=1)).isoformat()}"
    job = TierReviewService(units, FakeClock(NOW), "T1", pause=lambda _s: None)
    assert job.run(TODAY) == 0 and job.pending
    assert units.store.watermarks[WATERMARK] == TODAY - timedelta(days=1)
    later = TierReviewService(units, FakeClock(NOW + timedelta(minutes=2)), "T1",
                              pause=lambda _s: None)  # fmt: skip
    assert later.run(TODAY) == 2 and not later.pending
