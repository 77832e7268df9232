"""Behaviour clusters: when a member comes, with how many, and how much they spend.

A member's visits in a window (each paid order is one, as in ``app.domain.rfm``) are
counted per *slot*: the till's daypart (``app.domain.member_story.daypart_of``, by the
order's time) and the kind of day (``day_kind_of``: Saturday, Sunday and the manager's
public holidays, ``public_holidays``, are ``WEEKEND_OR_HOLIDAY``; the day is the order's
business day). The cluster, first match wins (``cluster_of``):

1. ``NO_VISITS``: no visit in the window.
2. ``BUSINESS_BANQUET``: at least ``min_visits`` visits, an average party of at least
   ``banquet_party`` and an average spend per visit of at least ``banquet_spend``.
3. A dominant *pattern*: the one pattern with at least ``min_visits`` visits and at
   least ``dominant_share_bp`` of all visits (50%). Patterns are the slots, except
   that breakfast and late night each make one pattern whatever the day. Two
   patterns at exactly half each is a tie: no single pattern, so ``MIXED``.
   Weekend dinner is ``WEEKEND_FAMILY_DINNER`` when the average party at those
   dinners is at least ``family_party`` (3), else ``WEEKEND_DINNER``.
4. ``MIXED``: anything else, including a single visit (one visit is not a habit).

All comparisons are in whole numbers (an average party of at least 3 is
``party_total >= 3 * visits``), so there is no float rounding at the edges. Amounts are
minor units (fen); the banquet threshold suits a mid-priced restaurant in CNY.

Each cluster has one suggested action (``SUGGESTED_ACTION``), named by a key whose words
in each language live with the reports (``app.reports.text``).
"""

from __future__ import annotations

import enum
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from app.domain.member_story import DAYPART_STARTS, Daypart, daypart_of

WEEKEND = (5, 6)
"""Saturday and Sunday, as ``date.weekday()`` numbers them."""


def daypart_starts() -> tuple[tuple[time, Daypart], ...]:
    """The till's dayparts by start time, earliest first (``daypart_of`` reads the same
    table); before the first start, the last daypart (late night) carries on."""
    return DAYPART_STARTS


class DayKind(enum.Enum):
    WEEKDAY = "weekday"
    WEEKEND_OR_HOLIDAY = "weekend"


def day_kind_of(day: date, holidays: Container[date]) -> DayKind:
    """A public holiday on a Monday is a ``WEEKEND_OR_HOLIDAY`` like a Saturday."""
    if day.weekday() in WEEKEND or day in holidays:
        return DayKind.WEEKEND_OR_HOLIDAY
    return DayKind.WEEKDAY


class Cluster(enum.Enum):
    """A member's behaviour cluster; the value is what reports and the CLI name."""

    WEEKDAY_LUNCH = "weekday_lunch"
    WEEKDAY_TEA = "weekday_tea"
    WEEKDAY_DINNER = "weekday_dinner"
    WEEKEND_LUNCH = "weekend_lunch"
    WEEKEND_TEA = "weekend_tea"
    WEEKEND_DINNER = "weekend_dinner"
    WEEKEND_FAMILY_DINNER = "weekend_family_dinner"
    BREAKFAST_REGULAR = "breakfast_regular"
    LATE_NIGHT_REGULAR = "late_night_regular"
    BUSINESS_BANQUET = "business_banquet"
    MIXED = "mixed"
    NO_VISITS = "no_visits"


SUGGESTED_ACTION: Mapping[Cluster, str] = {
    Cluster.WEEKDAY_LUNCH: "act_lunch_set_quiet_days",
    Cluster.WEEKDAY_TEA: "act_tea_points_multiplier",
    Cluster.WEEKDAY_DINNER: "act_dinner_bring_a_friend",
    Cluster.WEEKEND_LUNCH: "act_weekend_lunch_set",
    Cluster.WEEKEND_TEA: "act_weekend_tea_group",
    Cluster.WEEKEND_DINNER: "act_weekend_dinner_for_two",
    Cluster.WEEKEND_FAMILY_DINNER: "act_family_set_kids_dish",
    Cluster.BREAKFAST_REGULAR: "act_breakfast_stamp_card",
    Cluster.LATE_NIGHT_REGULAR: "act_late_night_snack_coupon",
    Cluster.BUSINESS_BANQUET: "act_banquet_account_manager",
    Cluster.MIXED: "act_general_benefits",
    Cluster.NO_VISITS: "act_win_back_coupon",
}
"""The text key of each cluster's suggested offer (``app.reports.text``)."""

Slot = tuple[Daypart, DayKind]

_SLOT_CLUSTER: Mapping[Slot, Cluster] = {
    (Daypart.LUNCH, DayKind.WEEKDAY): Cluster.WEEKDAY_LUNCH,
    (Daypart.AFTERNOON_TEA, DayKind.WEEKDAY): Cluster.WEEKDAY_TEA,
    (Daypart.DINNER, DayKind.WEEKDAY): Cluster.WEEKDAY_DINNER,
    (Daypart.LUNCH, DayKind.WEEKEND_OR_HOLIDAY): Cluster.WEEKEND_LUNCH,
    (Daypart.AFTERNOON_TEA, DayKind.WEEKEND_OR_HOLIDAY): Cluster.WEEKEND_TEA,
    (Daypart.DINNER, DayKind.WEEKEND_OR_HOLIDAY): Cluster.WEEKEND_DINNER,
    (Daypart.BREAKFAST, DayKind.WEEKDAY): Cluster.BREAKFAST_REGULAR,
    (Daypart.BREAKFAST, DayKind.WEEKEND_OR_HOLIDAY): Cluster.BREAKFAST_REGULAR,
    (Daypart.LATE_NIGHT, DayKind.WEEKDAY): Cluster.LATE_NIGHT_REGULAR,
    (Daypart.LATE_NIGHT, DayKind.WEEKEND_OR_HOLIDAY): Cluster.LATE_NIGHT_REGULAR,
}
"""The pattern each slot belongs to, named by the cluster it makes when dominant."""


@dataclass(frozen=True)
class Thresholds:
    dominant_share_bp: int = 5000
    min_visits: int = 2
    family_party: int = 3
    banquet_party: int = 8
    banquet_spend: int = 150_000
    """Average spend per visit, minor units (¥1,500)."""


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class SlotVisits:
    """One slot's visits, the guests at them (party sizes added) and their spend (fen)."""

    visits: int
    party_total: int
    spend: int


@dataclass(frozen=True)
class VisitProfile:
    """A member's visits in the window, by slot."""

    slots: Mapping[Slot, SlotVisits] = field(default_factory=dict)

    @property
    def visits(self) -> int:
        return sum(s.visits for s in self.slots.values())

    @property
    def party_total(self) -> int:
        return sum(s.party_total for s in self.slots.values())

    @property
    def spend(self) -> int:
        return sum(s.spend for s in self.slots.values())


def profile_of(
    visits: Iterable[tuple[datetime, int, int]], holidays: Container[date]
) -> VisitProfile:
    """The profile of visits given as (order time, party size, spend); the business day
    is the order's date, as the checkout sets it."""
    slots: dict[Slot, SlotVisits] = {}
    for moment, party, spend in visits:
        slot = (daypart_of(moment), day_kind_of(moment.date(), holidays))
        seen = slots.get(slot, SlotVisits(0, 0, 0))
        slots[slot] = SlotVisits(seen.visits + 1, seen.party_total + party, seen.spend + spend)
    return VisitProfile(slots)


def cluster_of(profile: VisitProfile, rules: Thresholds = DEFAULT_THRESHOLDS) -> Cluster:
    """The member's cluster (see the module for the rule)."""
    visits = profile.visits
    if visits == 0:
        return Cluster.NO_VISITS
    if (
        visits >= rules.min_visits
        and profile.party_total >= rules.banquet_party * visits
        and profile.spend >= rules.banquet_spend * visits
    ):
        return Cluster.BUSINESS_BANQUET
    patterns: dict[Cluster, int] = {}
    for slot, seen in profile.slots.items():
        pattern = _SLOT_CLUSTER[slot]
        patterns[pattern] = patterns.get(pattern, 0) + seen.visits
    ranked = sorted(patterns.items(), key=lambda item: item[1], reverse=True)
    top, count = ranked[0]
    tied = len(ranked) > 1 and ranked[1][1] == count
    if tied or count < rules.min_visits or count * 10_000 < rules.dominant_share_bp * visits:
        return Cluster.MIXED
    if top is Cluster.WEEKEND_DINNER:
        dinners = profile.slots[(Daypart.DINNER, DayKind.WEEKEND_OR_HOLIDAY)]
        if dinners.party_total >= rules.family_party * dinners.visits:
            return Cluster.WEEKEND_FAMILY_DINNER
    return top


@dataclass
class ClusterTotals:
    """What the summary shows for one cluster, added up member by member."""

    members: int = 0
    visits: int = 0
    party_total: int = 0
    spend: int = 0

    def add(self, profile: VisitProfile) -> None:
        self.members += 1
        self.visits += profile.visits
        self.party_total += profile.party_total
        self.spend += profile.spend

    @property
    def spend_per_visit(self) -> int:
        """Average spend per visit, minor units rounded half-up (0 without visits)."""
        return divide_half_up(self.spend, self.visits)

    @property
    def party_tenths(self) -> int:
        """Average party size in tenths of a guest, rounded half-up (32 is 3.2)."""
        return divide_half_up(10 * self.party_total, self.visits)


def summarise(
    profiles: Iterable[VisitProfile], rules: Thresholds = DEFAULT_THRESHOLDS
) -> dict[Cluster, ClusterTotals]:
    """Every cluster (in ``Cluster`` order, empty ones too) with its members' totals."""
    totals = {cluster: ClusterTotals() for cluster in Cluster}
    for profile in profiles:
        totals[cluster_of(profile, rules)].add(profile)
    return totals


def divide_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half-up, both not negative; 0 for ``/ 0``."""
    if denominator <= 0:
        return 0
    return (2 * numerator + denominator) // (2 * denominator)
