"""The anniversary tier review: members who no longer spend enough move down, at their
membership anniversary only, after a grace of one period (``qualification.at_anniversary``).

It runs at start-up and daily, like points expiry, and remembers the last day reviewed
(``loyalty.tiers_reviewed_through``), so a till closed for some days catches up and two
tills never review a day twice. A tier set by hand (an override) since the last
anniversary is left alone until the next one. Each move is a ``tier_changes`` row with
reason ``anniversary`` and the spend it was based on.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, extract, or_, select
from sqlalchemy.orm import Session

from app.domain.loyalty import LoyaltyRules
from app.domain.membership_term import add_years
from app.domain.qualification import at_anniversary, window
from app.services.daily_job import DailyJob
from db import loyalty as store
from db import watermarks
from db.loyalty_rules import rules_from_rows
from db.models import MemberRow, TierChangeRow, TierRow

WATERMARK = "loyalty.tiers_reviewed_through"
MAX_CATCH_UP_DAYS = 400


class TierReviewService(DailyJob):
    """``run`` reviews every anniversary due and returns how many members moved down."""

    def _run(self, today: date) -> int:
        now = self._clock.now()
        with self._sessions.begin() as session:
            reviewed = watermarks.claim(session, WATERMARK)
            first = today if reviewed is None else reviewed + timedelta(days=1)
            first = max(first, today - timedelta(days=MAX_CATCH_UP_DAYS))
            rules = rules_from_rows(session)
            moved = 0
            if rules.thresholds:
                tiers = {row.id: row for row in store.tier_rows(session)}
                day = first
                while day <= today:
                    for member_id in _anniversaries(session, day, tiers):
                        moved += _review(session, member_id, day, tiers, rules, now)
                    day += timedelta(days=1)
            if reviewed is None or today > reviewed:
                watermarks.advance(session, WATERMARK, today)
            return moved


def _anniversaries(session: Session, day: date, tiers: dict[int, TierRow]) -> list[int]:
    """Members above the lowest tier whose joining day has its anniversary on ``day``."""
    lowest = min(row.rank for row in tiers.values())
    above = [tier_id for tier_id, row in tiers.items() if row.rank > lowest]
    same_day: ColumnElement[bool] = (extract("month", MemberRow.joined_on) == day.month) & (
        extract("day", MemberRow.joined_on) == day.day
    )
    if (day.month, day.day) == (2, 28) and not _is_leap(day.year):
        leap_born = (extract("month", MemberRow.joined_on) == 2) & (
            extract("day", MemberRow.joined_on) == 29
        )
        same_day = or_(same_day, leap_born)  # 29 February joiners: 28 February
    query = select(MemberRow.id).where(
        same_day,
        MemberRow.joined_on < day,
        MemberRow.tier_id.in_(above),
        MemberRow.merged_into_id.is_(None),
    )
    return list(session.scalars(query.order_by(MemberRow.id)))


def _review(
    session: Session,
    member_id: int,
    day: date,
    tiers: dict[int, TierRow],
    rules: LoyaltyRules,
    now: datetime,
) -> int:
    member = store.lock_member(session, member_id)
    current = tiers[member.tier_id]
    since = add_years(day, -1)
    if _overridden_since(session, member_id, since):
        return 0
    yesterday = day - timedelta(days=1)
    this_first, this_last = window(rules.window, yesterday, member.joined_on)
    before_first, before_last = window(rules.window, add_years(yesterday, -1), member.joined_on)
    this_period = store.qualifying_spend(session, member_id, this_first, this_last)
    before = store.qualifying_spend(session, member_id, before_first, before_last)
    rank = at_anniversary(current.rank, this_period, before, rules.thresholds)
    if rank >= current.rank:
        return 0
    target = next(row for row in tiers.values() if row.rank == rank)
    session.add(
        TierChangeRow(
            member_id=member_id,
            from_tier_id=current.id,
            to_tier_id=target.id,
            reason="anniversary",
            note=f"spend {this_period} this period, {before} the period before",
            at=now,
        )
    )
    member.tier_id = target.id
    return 1


def _overridden_since(session: Session, member_id: int, since: date) -> bool:
    query = select(TierChangeRow.id).where(
        TierChangeRow.member_id == member_id,
        TierChangeRow.reason == "override",
        TierChangeRow.at >= datetime.combine(since, datetime.min.time()),
    )
    return session.scalar(query.limit(1)) is not None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
