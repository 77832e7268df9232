"""RFM segments: how recently, how often and how much each member visited, as a named
segment that targeted offers can name (``Conditions.segments``).

Inputs per member (``Activity``) cover a rolling window of 12 months that ends on the
day scored (``as_of``, inclusive): the last visit in it, the visits (each paid order is
one: lunch and dinner on one day are two) and the spend in minor units, net of refunds.
Each of recency, frequency and monetary value scores 1 (worst) to 5 (best) on a
``Scale``; the scores then name the segment (``segment_for``).

How the scales are made (``scales_for``):

- **Quintiles** of the members being scored: those who visited in the window and did not
  join in the last ``NEW_MEMBER_DAYS`` days (new members are named ``NEW`` whatever
  their scores, so they do not move the others' quintiles). A value scores
  ``1 + floor(5 * below / n)``, where ``below`` counts the scored members with a strictly
  worse value and ``n`` is how many are scored. **Ties share the lower score**: equal
  values always score alike (``NTILE`` would split them at random), the least value
  always scores 1, and a value shared by more than a fifth of the members leaves a score
  unused above it (if 40% visited exactly once, they all score 1 and two visits score 3).
  Scores are therefore monotonic: more recent, more visits or more spend never scores
  lower against the same population.
- **Fixed thresholds** (``FIXED_SCALES``) when fewer than ``MIN_QUINTILE_POPULATION``
  members are scored. Quintiles of a handful of members are noise: with one member
  scored, that member is the least value on every scale and scores 1, 1, 1 (lost,
  although they came yesterday); with ten, one more visit by one member moves others
  by a whole quintile from one day to the next. A new restaurant or a small test
  database gets stable, explainable segments instead; the thresholds are for a
  mid-priced restaurant with amounts in fen (CNY).

Segments, first match wins:

1. ``NEW``: joined in the last ``NEW_MEMBER_DAYS`` days (including ``as_of``), or their
   only visit in the window is recent (recency 5, one visit).
2. ``LOST``: no visit in the window.
3. From the scores R, F, M (``segment_for``):

   ============  =====================================================
   R 4–5         F 4–5 and M 4–5: ``CHAMPIONS``; F 4–5: ``LOYAL``;
                 F 1–3: ``POTENTIAL`` (recent, not yet frequent)
   R 3           F 4–5: ``LOYAL``; F 1–3: ``NEED_ATTENTION``
   R 1–2         F 3–5 or M 4–5: ``AT_RISK`` (used to come often or spend
                 much, not lately); otherwise R 2: ``HIBERNATING``,
                 R 1: ``LOST``
   ============  =====================================================

The domain names segments only by value; their words in each language are the UI's.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypeVar

from app.domain.membership_term import first_day_of_year_ending

NEW_MEMBER_DAYS = 90
MIN_QUINTILE_POPULATION = 100
SCORES = range(1, 6)

K = TypeVar("K")


class Segment(enum.Enum):
    """A member's RFM segment; the value is what ``members.segment`` and offers hold."""

    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL = "potential"
    NEW = "new"
    NEED_ATTENTION = "need_attention"
    AT_RISK = "at_risk"
    HIBERNATING = "hibernating"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class Activity:
    """One member's visits within the window.

    ``last_visit`` is the last visit in the window (``None``: no visit in it); ``spend``
    is in minor units, net of refunds. A fully refunded order is no visit.
    """

    joined_on: date
    last_visit: date | None = None
    visits: int = 0
    spend: int = 0

    def __post_init__(self) -> None:
        if self.visits < 0:
            raise ValueError(f"visits cannot be negative: {self.visits}")
        if (self.visits == 0) != (self.last_visit is None):
            raise ValueError("a member has a last visit exactly when they have visits")


class SegmentedMember(NamedTuple):
    """A member as the daily scoring finds them: their segment now, and whether they may
    be scored at all (not erased; agreed to automated decisions or never chose).

    A tuple, not a frozen dataclass: a run makes one per member, a million of them.
    """

    member_id: int
    joined_on: date
    segment: str
    segmentable: bool


@dataclass(frozen=True, slots=True)
class Scale:
    """Scores 1 to 5: ``bounds`` are the least values that score 2, 3, 4 and 5.

    With ``fewer_is_better`` (recency, in days since the last visit) they are instead
    the most days that still score 2, 3, 4 and 5.
    """

    bounds: tuple[int, int, int, int]
    fewer_is_better: bool = False

    def __post_init__(self) -> None:
        ordered = sorted(self.bounds, reverse=self.fewer_is_better)
        if list(self.bounds) != ordered:
            raise ValueError(f"the bounds of a scale go from score 2 to 5: {self.bounds}")

    def score(self, value: int) -> int:
        if self.fewer_is_better:
            return 1 + sum(value <= bound for bound in self.bounds)
        return 1 + sum(value >= bound for bound in self.bounds)


@dataclass(frozen=True, slots=True)
class Scales:
    recency: Scale
    """Days from the last visit to the day scored."""
    frequency: Scale
    """Visits in the window."""
    monetary: Scale
    """Spend in the window, minor units."""
    quintiles: bool = False
    """Made from the scored members' quintiles (otherwise the fixed thresholds)."""


@dataclass(frozen=True, slots=True)
class Scores:
    recency: int
    frequency: int
    monetary: int


FIXED_SCALES = Scales(
    recency=Scale((120, 60, 30, 14), fewer_is_better=True),
    frequency=Scale((2, 4, 6, 12)),
    monetary=Scale((30_000, 100_000, 200_000, 500_000)),  # ¥300, ¥1,000, ¥2,000, ¥5,000
)
"""Fixed thresholds: a visit within a fortnight scores 5, within 4 months 2; monthly
visits score 5, two a year 2; ¥5,000 a year scores 5, ¥300 scores 2."""


def window(as_of: date) -> tuple[date, date]:
    """The first and last day of the 12 months that end on ``as_of``."""
    return first_day_of_year_ending(as_of), as_of


def is_new(activity: Activity, as_of: date) -> bool:
    """Joined in the last ``NEW_MEMBER_DAYS`` days, ``as_of`` being the last of them."""
    return (as_of - activity.joined_on).days < NEW_MEMBER_DAYS


def days_since_last_visit(activity: Activity, as_of: date) -> int | None:
    if activity.last_visit is None:
        return None
    return max(0, (as_of - activity.last_visit).days)


def quintile_scale(values: Sequence[int], fewer_is_better: bool = False) -> Scale:
    """The scale on which each of ``values`` scores ``1 + floor(5 * below / n)``.

    ``below`` counts the values strictly worse; any other value scores by the same rule
    against ``values``, at most 5. Raises ``ValueError`` for no values.
    """
    if not values:
        raise ValueError("quintiles of no values")
    n = len(values)
    # From worst to best: a value scores at least k + 1 when at least ceil(k * n / 5)
    # values are strictly worse, i.e. when it is strictly better than the one at that place.
    worst_first = sorted(values, reverse=fewer_is_better)
    step = -1 if fewer_is_better else 1
    marks = [worst_first[math.ceil(k * n / 5) - 1] + step for k in range(1, 5)]
    return Scale((marks[0], marks[1], marks[2], marks[3]), fewer_is_better)


def scales_for(population: Iterable[Activity], as_of: date) -> Scales:
    """Quintiles of the members scored among ``population``, or ``FIXED_SCALES`` when
    fewer than ``MIN_QUINTILE_POPULATION`` are scored (see the module docstring)."""
    recency: list[int] = []
    frequency: list[int] = []
    monetary: list[int] = []
    for activity in population:
        days = days_since_last_visit(activity, as_of)
        if days is None or is_new(activity, as_of):
            continue
        recency.append(days)
        frequency.append(activity.visits)
        monetary.append(activity.spend)
    if len(recency) < MIN_QUINTILE_POPULATION:
        return FIXED_SCALES
    return Scales(
        recency=quintile_scale(recency, fewer_is_better=True),
        frequency=quintile_scale(frequency),
        monetary=quintile_scale(monetary),
        quintiles=True,
    )


def scores(activity: Activity, as_of: date, scales: Scales) -> Scores | None:
    """R, F and M from 1 to 5; ``None`` for a member with no visit in the window."""
    days = days_since_last_visit(activity, as_of)
    if days is None:
        return None
    return Scores(
        scales.recency.score(days),
        scales.frequency.score(activity.visits),
        scales.monetary.score(activity.spend),
    )


def segment_for(scored: Scores) -> Segment:
    """The segment that the scores name (the table in the module docstring)."""
    r, f, m = scored.recency, scored.frequency, scored.monetary
    if r >= 4:
        if f >= 4:
            return Segment.CHAMPIONS if m >= 4 else Segment.LOYAL
        return Segment.POTENTIAL
    if r == 3:
        return Segment.LOYAL if f >= 4 else Segment.NEED_ATTENTION
    if f >= 3 or m >= 4:
        return Segment.AT_RISK
    return Segment.HIBERNATING if r == 2 else Segment.LOST


def segment_of(activity: Activity, as_of: date, scales: Scales) -> Segment:
    """The member's segment on ``as_of``, with ``scales`` from ``scales_for``."""
    scored = scores(activity, as_of, scales)
    if is_new(activity, as_of):
        return Segment.NEW
    if scored is None:
        return Segment.LOST
    if activity.visits == 1 and scored.recency == max(SCORES):
        return Segment.NEW  # a first visit, just now
    return segment_for(scored)


def segments(members: Mapping[K, Activity], as_of: date) -> dict[K, Segment]:
    """Every member's segment, scored against each other."""
    scales = scales_for(members.values(), as_of)
    return {key: segment_of(activity, as_of, scales) for key, activity in members.items()}
