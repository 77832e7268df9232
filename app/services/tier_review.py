"""The anniversary tier review: members who no longer spend enough move down, at their
membership anniversary only, after a grace of one period (``qualification.at_anniversary``).

It runs at start-up and daily, like points expiry, and remembers the last day reviewed
(``loyalty.tiers_reviewed_through``), so a till closed for some days catches up and two
tills never review a day twice. A tier set by hand (an override) since the last
anniversary is left alone until the next one. Each move is a tier change with reason
``anniversary`` and the spend it was based on.

A day's members are locked and read ``CHUNK`` at a time (their locks taken together in
id order, their tiers read in one query), so a catch-up over many days stays a few
statements per member.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId
from app.domain.membership_term import add_years
from app.domain.qualification import Standing, at_anniversary, window
from app.domain.tiers import Tier, TierChange
from app.services.daily_job import DailyJob
from app.unit_of_work import UnitOfWork

WATERMARK = "loyalty.tiers_reviewed_through"
MAX_CATCH_UP_DAYS = 400
CHUNK = 500


class TierReviewService(DailyJob):
    """``run`` reviews every anniversary due and returns how many members moved down."""

    def _run(self, today: date) -> int:
        now = self._clock.now()
        with self._units() as uow:
            reviewed = uow.watermarks.claim(WATERMARK)
            first = today if reviewed is None else reviewed + timedelta(days=1)
            first = max(first, today - timedelta(days=MAX_CATCH_UP_DAYS))
            rules = uow.programme.rules()
            moved = 0
            if rules.thresholds:
                tiers = uow.tiers.ranked()
                above = [tier.tier_id for tier in tiers if tier.rank > tiers[0].rank]
                day = first
                while day <= today:
                    due = uow.anniversaries.due(day, above)
                    for start in range(0, len(due), CHUNK):
                        chunk = due[start : start + CHUNK]
                        uow.members.lock_many(chunk)
                        for member in uow.anniversaries.standing(chunk):
                            moved += _review(uow, member, day, tiers, rules, now)
                    day += timedelta(days=1)
            if reviewed is None or today > reviewed:
                uow.watermarks.advance(WATERMARK, today)
            uow.commit()
            return moved


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
