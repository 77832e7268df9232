"""The anniversary tier review: members who no longer spend enough move down, at their
membership anniversary only, after a grace of one period (``qualification.at_anniversary``).

It runs at start-up and daily, like points expiry, and remembers the last day reviewed
(``loyalty.tiers_reviewed_through``), so a till closed for some days catches up and two
tills never review a day twice. A tier set by hand (an override) since the last
anniversary is left alone until the next one. Each move is a tier change with reason
``anniversary`` and the spend it was based on.

A day's members are listed without a lock, then reviewed ``CHUNK`` at a time in
transactions of their own (``app.services.daily_job``): their locks taken together in id
order, their tiers read in one query, and the position ("day|last member reviewed",
``loyalty.tier_review_position``) recorded in the same commit; the watermark moves on
at the end of each day with members due (and today), covering the quiet days before it.
A run cut short resumes after the last member committed, so no member is reviewed twice
on one anniversary and none is missed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId
from app.domain.membership_term import add_years
from app.domain.qualification import Standing, at_anniversary, window
from app.domain.tiers import Tier, TierChange
from app.services.daily_job import ChunkedStep, DailyJob
from app.unit_of_work import UnitOfWork

WATERMARK = "loyalty.tiers_reviewed_through"
POSITION = "loyalty.tier_review_position"
MAX_CATCH_UP_DAYS = 400
CHUNK = 250


class TierReviewService(DailyJob):
    """``run`` reviews every anniversary due and returns how many members moved down."""

    watermark_key = WATERMARK
    chunk = CHUNK

    def _run(self, today: date) -> int:
        with self._units() as uow:
            reviewed = uow.watermarks.peek(WATERMARK)
            rules = uow.programme.rules()
            tiers = uow.tiers.ranked()
        first = today if reviewed is None else reviewed + timedelta(days=1)
        first = max(first, today - timedelta(days=MAX_CATCH_UP_DAYS))
        above = [tier.tier_id for tier in tiers if tier.rank > tiers[0].rank]
        moved, day = 0, first
        while day <= today:
            due: list[MemberId] = []
            if rules.thresholds:
                with self._units() as uow:
                    due = uow.anniversaries.due(day, above)
            if due or day == today:  # days with nobody due are recorded with the next one
                start, finished = 0, False
                while not finished:
                    step = _Step(day, due, start, self.chunk, tiers, rules, self._release)
                    moved += self._chunk(step)
                    start, finished = step.next_start, step.finished
            day += timedelta(days=1)
        return moved


class _Step(ChunkedStep):
    """One chunk of a day's anniversaries: locked together, reviewed."""

    def __init__(
        self,
        day: date,
        due: Sequence[MemberId],
        start: int,
        size: int,
        tiers: list[Tier],
        rules: LoyaltyRules,
        release: Callable[[UnitOfWork], None],
    ) -> None:
        super().__init__(due, start, size, day, (WATERMARK, POSITION), release)
        self._tiers, self._rules = tiers, rules

    def _work(self, uow: UnitOfWork, chunk: Sequence[int], now: datetime) -> int:
        members = [MemberId(member_id) for member_id in chunk]
        uow.members.lock_many(members)
        return sum(
            _review(uow, member, self._day, self._tiers, self._rules, now)
            for member in uow.anniversaries.standing(members)
        )


def _review(
    uow: UnitOfWork,
    member: Standing,
    day: date,
    tiers: list[Tier],
    rules: LoyaltyRules,
    now: datetime,
) -> int:
    member_id = MemberId(member.member_id)
    current = next(tier for tier in tiers if tier.tier_id == member.tier_id)
    if uow.anniversaries.overridden_since(member_id, add_years(day, -1)):
        return 0
    yesterday = day - timedelta(days=1)
    this_first, this_last = window(rules.window, yesterday, member.joined_on)
    before_first, before_last = window(rules.window, add_years(yesterday, -1), member.joined_on)
    this_period = uow.orders.qualifying_spend(member_id, this_first, this_last)
    before = uow.orders.qualifying_spend(member_id, before_first, before_last)
    rank = at_anniversary(current.rank, this_period, before, rules.thresholds)
    if rank >= current.rank:
        return 0
    target = next(tier for tier in tiers if tier.rank == rank)
    note = f"spend {this_period} this period, {before} the period before"
    uow.members.change_tier(
        member_id, TierChange(target.tier_id, "anniversary", now, staff_id=None, note=note)
    )
    return 1
