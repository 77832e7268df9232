"""The daily segment job on the fake unit of work: who is scored, who is cleared, once a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from app.domain.members import MemberId, MemberSummary
from app.domain.rfm import Segment
from app.domain.tiers import Tier, TierId
from app.services.segments import AUDIT_ACTION, WATERMARK, SegmentService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 6, 0)
TODAY = NOW.date()
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 0, frozenset(), 10_000, 0)


def member(member_id: int, segment: str = "") -> MemberSummary:
    return MemberSummary(MemberId(member_id), f"M{member_id:07d}", "张伟", "13800138000",
                         SILVER, date(2024, 1, 1), None, 0, 0, "", "", segment=segment)  # fmt: skip


def units() -> FakeUnits:
    members = [member(1), member(2), member(3, Segment.LOST.value), member(4, Segment.LOST.value)]
    return FakeUnits(
        FakeStore(
            members={m.member_id: m for m in members},
            tiers={SILVER.tier_id: SILVER},
            unscored={4},  # refused automated decisions
        )
    )


def job(units: FakeUnits) -> SegmentService:
    return SegmentService(units, FakeClock(NOW), "T1")


def segments(units: FakeUnits) -> dict[int, str]:
    return {member_id: m.segment for member_id, m in units.store.members.items()}


def test_every_member_is_scored_and_one_who_refused_is_cleared() -> None:
    store = units()
    changed = job(store).run(TODAY)
    lost = Segment.LOST.value  # no visit in the year: all three alike
    assert segments(store) == {1: lost, 2: lost, 3: lost, 4: ""}
    assert changed == 3  # members 1 and 2 scored, 4 cleared; 3 stays as they were
    [(context, action, subject, detail)] = store.store.audit
    assert (action, subject, context.till_id, context.staff_id) == (
        AUDIT_ACTION, "2026-11-21", "T1", None,
    )  # fmt: skip
    assert (detail["members"], detail["not_segmented"], detail["changed"]) == (3, 1, changed)
    assert store.store.watermarks[WATERMARK] == date(2026, 11, 21)


def test_the_day_is_scored_once_whichever_till_asks() -> None:
    store = units()
    first, second = job(store), job(store)
    scoring = first.score(TODAY)
    assert scoring is not None
    assert second.run(TODAY) > 0
    assert first.write(scoring) == 0  # another till wrote the day meanwhile
    assert first.score(TODAY) is None
    assert len(store.store.audit) == 1


def test_a_member_whose_segment_stays_is_not_written_again() -> None:
    store = units()
    job(store).run(TODAY)
    kept = segments(store)
    store.store.members[MemberId(5)] = replace(member(5), segment="")
    assert job(store).run(date(2026, 11, 23)) == 1  # the new member only
    assert segments(store) == {**kept, 5: kept[2]}
