"""Tier qualification: spend in a window lifts a member at once, and lowers them only at
the membership anniversary, after a grace of one period.

Each tier names the spend (minor units) that earns it within the window; the lowest
tier needs 0. Windows are a rolling 12 months, the calendar year, or the membership
year (from the joining day's anniversary).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.membership_term import add_years, first_day_of_year_ending


class Window(enum.Enum):
    ROLLING_12_MONTHS = "rolling_12_months"
    CALENDAR_YEAR = "calendar_year"
    MEMBERSHIP_YEAR = "membership_year"


@dataclass(frozen=True)
class TierThreshold:
    rank: int
    spend: int
    """Spend within the window that earns (and keeps) this tier."""


@dataclass(frozen=True)
class Standing:
    """What the anniversary review needs of a member: their tier and joining day."""

    member_id: int
    tier_id: int
    joined_on: date


@dataclass(frozen=True)
class Progress:
    next_rank: int
    missing: int
    """"Spend ¥320 more for Gold": minor units still to spend in this window."""


def window(kind: Window, today: date, joined_on: date) -> tuple[date, date]:
    """The first and last day of the qualification window containing ``today``."""
    if kind is Window.CALENDAR_YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if kind is Window.ROLLING_12_MONTHS:
        return first_day_of_year_ending(today), today
    start = joined_on
    while add_years(start, 1) <= today:
        start = add_years(start, 1)
    return start, add_years(start, 1) - timedelta(days=1)


def earned_rank(spend: int, thresholds: Sequence[TierThreshold]) -> int:
    """The highest tier the spend reaches."""
    reached = [t.rank for t in thresholds if spend >= t.spend]
    return max(reached) if reached else min(t.rank for t in thresholds)


def after_spend(
    current_rank: int, spend_in_window: int, thresholds: Sequence[TierThreshold]
) -> int:
    """Upgrades happen at once; a sale never lowers a tier."""
    return max(current_rank, earned_rank(spend_in_window, thresholds))


def at_anniversary(
    current_rank: int,
    spend_this_period: int,
    spend_previous_period: int,
    thresholds: Sequence[TierThreshold],
) -> int:
    """The tier kept at the anniversary: a member who missed the mark this period but
    made it the period before keeps the tier one more period (the grace); missing it
    twice in a row drops them to what the better of the two periods earned."""
    this_period = earned_rank(spend_this_period, thresholds)
    if this_period >= current_rank:
        return current_rank
    if earned_rank(spend_previous_period, thresholds) >= current_rank:
        return current_rank
    return max(this_period, earned_rank(spend_previous_period, thresholds))


def progress(
    current_rank: int, spend_in_window: int, thresholds: Sequence[TierThreshold]
) -> Progress | None:
    """How far the member is from the next tier up; ``None`` at the top."""
    higher = sorted((t for t in thresholds if t.rank > current_rank), key=lambda t: t.rank)
    if not higher:
        return None
    target = higher[0]
    return Progress(target.rank, max(target.spend - spend_in_window, 0))
