"""The floor manager's KPIs: periods of a date range and the arithmetic over daily counts.

The database hands over counts by day (``db.reports.kpi``); everything here is plain
arithmetic on them, so each figure can be checked by hand. Rates are basis points
(1% = 100), averages of money are fen, and ratios such as sign-ups per staff-day or a
mean satisfaction score are hundredths; all round half-up, once, and a period without
data shows 0 rather than a gap.

A member is *active* at the end of day ``D`` when they joined on or before ``D`` and
their membership ran to ``D`` or later (valid through its expiry date). The past is
rebuilt from today's expiry and the renewals: a member who lapsed and was renewed
later was not active in between (the *gap* from the day after the old expiry to the
day before the renewal).
"""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import accumulate

DEFAULT_WEEKS = 12
DEFAULT_SIGNUP_TARGET = 300
"""Sign-ups per staff member per working day, in hundredths (3.00)."""
SIGNUP_TARGET_KEY = "kpi.signups_per_staff_day"
ONE_DAY = timedelta(days=1)


class PeriodKind(enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    """``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def before(self) -> date:
        """The day before the period: its members at the start are those active then."""
        return self.start - ONE_DAY


def default_range(today: date) -> tuple[date, date]:
    """The last twelve weeks: from the Monday eleven weeks before this week's, to today."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=DEFAULT_WEEKS - 1), today


def periods(first: date, last: date, kind: PeriodKind) -> tuple[Period, ...]:
    """Calendar days, weeks (Monday to Sunday) or months covering ``first..last``; the
    first and last are cut to the range."""
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    out: list[Period] = []
    start = first
    while start <= last:
        if kind is PeriodKind.DAY:
            end = start
        elif kind is PeriodKind.WEEK:
            end = start + timedelta(days=6 - start.weekday())
        else:
            following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            end = following - ONE_DAY
        out.append(Period(start, min(end, last)))
        start = out[-1].end + ONE_DAY
    return tuple(out)


def is_whole(period: Period, kind: PeriodKind) -> bool:
    """Whether the period is a whole day, week (Monday to Sunday) or calendar month, not
    one cut by the range: the week so far is not a whole week."""
    if kind is PeriodKind.WEEK:
        return period.start.weekday() == 0 and period.end.weekday() == 6
    if kind is PeriodKind.MONTH:
        return period.start.day == 1 and (period.end + ONE_DAY).day == 1
    return True


def period_of(spans: Sequence[Period], day: date) -> int | None:
    """The index of the period holding ``day``, or ``None`` outside the range."""
    if not spans or day < spans[0].start or day > spans[-1].end:
        return None
    return bisect_right([p.start for p in spans], day) - 1


# rounding ----------------------------------------------------------------------


def _half_up(numerator: int, denominator: int) -> int:
    if denominator == 0:
        return 0
    exact = Decimal(numerator) / Decimal(denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate_bp(part: int, whole: int) -> int:
    """``part / whole`` in basis points (0 when ``whole`` is 0)."""
    return _half_up(part * 10_000, whole)


def mean(total: int, count: int) -> int:
    """``total / count`` to a whole unit (fen), 0 for no data."""
    return _half_up(total, count)


def hundredths(total: int, count: int) -> int:
    """``total / count`` in hundredths: 17 / 4 -> 425 (4.25)."""
    return _half_up(total * 100, count)


def signup_target(setting: str | None) -> int:
    """The restaurant's target (``kpi.signups_per_staff_day``, e.g. ``3`` or ``2.5``) in
    hundredths; the default when unset or not a positive number."""
    try:
        value = Decimal((setting or "").strip())
    except InvalidOperation:
        return DEFAULT_SIGNUP_TARGET
    if not value.is_finite() or value <= 0:
        return DEFAULT_SIGNUP_TARGET
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_text(bp: int) -> str:
    """Basis points as people read a rate: ``8333`` -> ``83.33%``."""
    return f"{bp / 100:.2f}%"


def hundredths_text(value: int) -> str:
    return f"{value / 100:.2f}"


# counts at a day's end -----------------------------------------------------------


class Cumulative:
    """Counts by day, and how many fall on or before (or strictly before) a day."""

    def __init__(self, counts: Mapping[date, int]) -> None:
        self._days = sorted(counts)
        self._sums = list(accumulate(counts[day] for day in self._days))

    def up_to(self, day: date) -> int:
        """Counts on days ``<= day``."""
        index = bisect_right(self._days, day)
        return self._sums[index - 1] if index else 0

    def before(self, day: date) -> int:
        """Counts on days ``< day``."""
        index = bisect_left(self._days, day)
        return self._sums[index - 1] if index else 0

    def between(self, first: date, last: date) -> int:
        """Counts on days ``first..last``, both included."""
        return self.up_to(last) - self.before(first)


@dataclass(frozen=True)
class Renewals:
    """Renewals sold and not refunded, counted by old expiry and sale day.

    ``old_expiry`` is ``None`` for a membership that had no expiry; ``in_scope`` says
    whether the sale counts for the till asked about (always, for all tills).
    """

    old_expiry: date | None
    sold_on: date
    in_scope: bool
    count: int


@dataclass(frozen=True)
class Membership:
    """The members' join and expiry days, and their renewals.

    ``joined`` and ``expires`` count members (not merged or erased, expiry not before
    joining) by day; days outside the asked range may be folded onto its edges, which
    changes nothing below.
    """

    joined: Cumulative
    expires: Cumulative
    renewals: tuple[Renewals, ...]

    def active_at(self, day: date) -> int:
        """Members active at the end of ``day``: joined by then, not expired, not in a
        gap between a lapse and a later renewal."""
        gaps = sum(r.count for r in self.renewals if _lapsed_on(r, day))
        return self.joined.up_to(day) - self.expires.before(day) - gaps

    def lapsed_in(self, period: Period) -> int:
        """Members active on ``period.before`` who are lapsed at its end: their term
        ended in ``before..end - 1`` and nothing renewed it by the end (a term is
        longer than a period, so nobody joins and lapses within one)."""
        first, last = period.before, period.end - ONE_DAY
        gaps = sum(
            r.count
            for r in self.renewals
            if r.old_expiry is not None and first <= r.old_expiry <= last and r.sold_on > period.end
        )
        return self.expires.between(first, last) + gaps

    def renewed_of(self, period: Period) -> int:
        """Terms that ended in the period and were renewed: early, on time or late."""
        return sum(
            r.count
            for r in self.renewals
            if r.old_expiry is not None and period.start <= r.old_expiry <= period.end
        )

    def due_in(self, period: Period) -> int:
        """Terms that ended in the period: renewed ones, and today's expiries there."""
        return self.expires.between(period.start, period.end) + self.renewed_of(period)

    def sold_in(self, period: Period) -> int:
        return sum(
            r.count for r in self.renewals if r.in_scope and period.start <= r.sold_on <= period.end
        )


def _lapsed_on(renewal: Renewals, day: date) -> bool:
    expiry = renewal.old_expiry
    return expiry is not None and expiry < day < renewal.sold_on


# the figures per period ------------------------------------------------------------


@dataclass(frozen=True)
class OrderDay:
    """Orders of a day (wholly refunded ones left out), members' or guests', by the tier
    they were sold at: count, food spend after discounts and the tier discounts, in fen."""

    day: date
    member: bool
    tier_id: int | None
    orders: int
    spend: int
    tier_discount: int


@dataclass(frozen=True)
class StaffDay:
    """A staff member's working day (they rang up an order or enrolled someone) and the
    members they enrolled; ``staff_id`` is ``None`` for sign-ups nobody is named for."""

    day: date
    staff_id: int | None
    signups: int


@dataclass(frozen=True)
class Complaints:
    opened_on: date
    resolved_on: date | None
    promised_on: date | None
    count: int

    def overdue_at(self, day: date) -> bool:
        """Open at the end of ``day`` and promised for an earlier day (as the member's
        story marks it: due today is not overdue yet)."""
        still_open = self.resolved_on is None or self.resolved_on > day
        promised = self.promised_on is not None and self.promised_on < day
        return self.opened_on <= day and still_open and promised


@dataclass(frozen=True)
class KpiInputs:
    membership: Membership
    orders: tuple[OrderDay, ...]
    staff_days: tuple[StaffDay, ...]
    complaints: tuple[Complaints, ...]
    scores: tuple[tuple[date, int, int], ...]
    """(day, sum of scores, number of scores)."""
    tier_ids: tuple[int, ...]
    """The tiers the discount columns follow, in rank order."""


@dataclass(frozen=True)
class KpiRow:
    period: Period
    active_start: int
    active_end: int
    signups: int
    staff_days: int
    signups_per_staff_day: int
    renewals_sold: int
    renewals_due: int
    renewed_of_due: int
    renewal_rate_bp: int
    """Of the terms that came due in the period, the share renewed (at any time, so a
    recent period's rate still grows with grace renewals). Not sales / due: early and
    late renewals fall in other periods than their terms and would pass 100%."""
    retained: int
    lapsed: int
    retention_bp: int
    churn_bp: int
    member_visits: int
    guest_visits: int
    member_avg_spend: int
    guest_avg_spend: int
    tier_discounts: tuple[int, ...]
    complaints: int
    overdue: int
    feedback: int
    satisfaction: int
    """Mean score in hundredths (0: no feedback)."""

    @property
    def tier_discount_total(self) -> int:
        return sum(self.tier_discounts)


@dataclass(frozen=True)
class StaffLine:
    staff_id: int | None
    signups: int
    days: int
    per_day: int
    """Hundredths; 0 for sign-ups nobody is named for."""
    of_target_bp: int


def staff_days(
    worked: Iterable[tuple[date, int]], signups: Iterable[tuple[date, int | None, int]]
) -> tuple[StaffDay, ...]:
    """Working days from the orders staff rang up and the members they enrolled."""
    days: dict[tuple[date, int | None], int] = {(day, staff): 0 for day, staff in worked}
    for day, staff, count in signups:
        days[(day, staff)] = days.get((day, staff), 0) + count
    return tuple(StaffDay(day, staff, n) for (day, staff), n in sorted(days.items(), key=_key))


def _key(item: tuple[tuple[date, int | None], int]) -> tuple[date, int]:
    (day, staff), _count = item
    return day, -1 if staff is None else staff


def kpi_rows(spans: Sequence[Period], inputs: KpiInputs) -> tuple[KpiRow, ...]:
    """One row per period, in order."""
    return tuple(_row(index, period, inputs) for index, period in enumerate(spans))


def _row(index: int, period: Period, inputs: KpiInputs) -> KpiRow:
    membership = inputs.membership

    def within(day: date) -> bool:
        return period.start <= day <= period.end

    orders = [o for o in inputs.orders if within(o.day)]
    staff = [s for s in inputs.staff_days if within(s.day)]
    named = [s for s in staff if s.staff_id is not None]
    member = [o for o in orders if o.member]
    guest = [o for o in orders if not o.member]
    start, end = membership.active_at(period.before), membership.active_at(period.end)
    lapsed = min(membership.lapsed_in(period), start)
    sold, due, renewed = (
        membership.sold_in(period),
        membership.due_in(period),
        membership.renewed_of(period),
    )
    member_visits, guest_visits = sum(o.orders for o in member), sum(o.orders for o in guest)
    scores = [(total, n) for day, total, n in inputs.scores if within(day)]
    feedback = sum(n for _total, n in scores)
    return KpiRow(
        period=period,
        active_start=start,
        active_end=end,
        signups=sum(s.signups for s in staff),
        staff_days=len(named),
        signups_per_staff_day=hundredths(sum(s.signups for s in named), len(named)),
        renewals_sold=sold,
        renewals_due=due,
        renewed_of_due=renewed,
        renewal_rate_bp=rate_bp(renewed, due),
        retained=start - lapsed,
        lapsed=lapsed,
        retention_bp=rate_bp(start - lapsed, start),
        churn_bp=rate_bp(lapsed, start),
        member_visits=member_visits,
        guest_visits=guest_visits,
        member_avg_spend=mean(sum(o.spend for o in member), member_visits),
        guest_avg_spend=mean(sum(o.spend for o in guest), guest_visits),
        tier_discounts=tuple(
            sum(o.tier_discount for o in member if o.tier_id == tier) for tier in inputs.tier_ids
        ),
        complaints=sum(c.count for c in inputs.complaints if within(c.opened_on)),
        overdue=sum(c.count for c in inputs.complaints if c.overdue_at(period.end)),
        feedback=feedback,
        satisfaction=hundredths(sum(total for total, _n in scores), feedback),
    )


def staff_lines(days: Iterable[StaffDay], target: int) -> tuple[StaffLine, ...]:
    """Each staff member's sign-ups over the range against ``target`` (hundredths per
    working day), best first; sign-ups nobody is named for come last."""
    signups: dict[int | None, int] = {}
    worked: dict[int | None, int] = {}
    for day in days:
        signups[day.staff_id] = signups.get(day.staff_id, 0) + day.signups
        worked[day.staff_id] = worked.get(day.staff_id, 0) + 1
    lines = []
    for staff, count in signups.items():
        if staff is None:
            lines.append(StaffLine(None, count, 0, 0, 0))
            continue
        per_day = hundredths(count, worked[staff])
        lines.append(StaffLine(staff, count, worked[staff], per_day, rate_bp(per_day, target)))
    return tuple(sorted(lines, key=lambda s: (s.staff_id is None, -s.per_day, -s.signups)))
