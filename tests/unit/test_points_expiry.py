"""Points expiry on the fake unit of work: what expires when, oldest first, and once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.points import PointsPolicy
from app.domain.tiers import Tier, TierId
from app.services.points_expiry import WATERMARK, PointsExpiryService
from tests.fakes import FakeClock, FakeStore, FakeUnits

TODAY = date(2026, 11, 22)
CUTOFF = TODAY - timedelta(days=730)
"""Points earned on this day or before have lived their 730 days today."""
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 0, frozenset(), 10_000, 0)


def member(member_id: int) -> MemberSummary:
    return MemberSummary(MemberId(member_id), f"M{member_id:07d}", "张伟", "13800138000",
                         SILVER, date(2020, 1, 1), None, 0, 0, "", "")  # fmt: skip


def units_with(*entries: tuple[int, int, date]) -> FakeUnits:
    """A store whose points live 730 days, with these (member, delta, day) entries."""
    store = FakeStore(
        members={MemberId(i): member(i) for i in (1, 2, 3)},
        tiers={SILVER.tier_id: SILVER},
        rules=LoyaltyRules(points=PointsPolicy(life_days=730)),
    )
    for member_id, delta, day in entries:
        at = datetime.combine(day, datetime.min.time()) + timedelta(hours=12)
        store.points.append(
            dict(entry_id=len(store.points) + 1, member_id=member_id, delta=delta,
                 reason="earn" if delta > 0 else "redeem", at=at)
        )  # fmt: skip
    return FakeUnits(store)


def run(units: FakeUnits) -> int:
    return PointsExpiryService(units, FakeClock(datetime(2026, 11, 22, 6, 0))).run(TODAY)


def expired(units: FakeUnits) -> dict[int, int]:
    return {e["member_id"]: -e["delta"] for e in units.store.points if e["reason"] == "expire"}


def test_points_that_lived_their_life_expire_in_one_entry_per_member() -> None:
    units = units_with(
        (1, 100, CUTOFF - timedelta(days=1)),
        (1, 50, TODAY - timedelta(days=10)),
        (2, 30, CUTOFF),
        (3, 70, CUTOFF + timedelta(days=1)),
    )
    assert run(units) == 130
    assert expired(units) == {1: 100, 2: 30}
    assert all(
        e["at"] == datetime(2026, 11, 22, 6, 0)
        for e in units.store.points
        if e["reason"] == "expire"
    )
    assert units.store.watermarks[WATERMARK] == CUTOFF


def test_points_used_are_taken_from_the_oldest_first() -> None:
    units = units_with(
        (1, 100, CUTOFF - timedelta(days=60)),
        (1, 80, CUTOFF - timedelta(days=5)),
        (1, -150, CUTOFF + timedelta(days=100)),
        (2, 40, CUTOFF - timedelta(days=60)),
        (2, -40, CUTOFF + timedelta(days=1)),
    )
    assert run(units) == 30
    assert expired(units) == {1: 30}


def test_a_second_run_on_the_same_day_expires_nothing() -> None:
    units = units_with((1, 100, CUTOFF - timedelta(days=1)))
    assert run(units) == 100
    entries = len(units.store.points)
    assert run(units) == 0
    assert len(units.store.points) == entries


def test_a_run_looks_only_at_points_that_crossed_the_line_since_the_last_one() -> None:
    units = units_with(
        (1, 100, CUTOFF - timedelta(days=3)),  # crossed before the last run: not looked at
        (2, 30, CUTOFF),
    )
    units.store.watermarks[WATERMARK] = CUTOFF - timedelta(days=1)
    assert run(units) == 30
    assert expired(units) == {2: 30}
    assert units.store.locks_taken == 1  # only the member who crossed was locked


def test_nothing_is_due_before_the_first_points_have_lived_their_life() -> None:
    units = units_with((1, 100, CUTOFF + timedelta(days=1)))
    assert run(units) == 0
    assert expired(units) == {}
    assert units.store.watermarks[WATERMARK] == CUTOFF
