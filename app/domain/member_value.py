"""What a member is worth: a simple lifetime-value estimate, the same for one member (the
member's story) and for a segment (the value report).

The estimate is the spend the member would bring over the next ``HORIZON_YEARS`` years at
their pace so far:

- **pace**: their spend (food, net of refunds: ``members.spend_fen``) per year of
  membership, counting at least one year, so a member's first weeks are not
  extrapolated into a fortune;
- **still coming**: a member whose last visit is more than ``LAPSED_AFTER_DAYS`` ago (or
  who never came) is expected to bring nothing more;
- **value** = pace × ``HORIZON_YEARS`` for a member still coming, else 0.

It ignores margins, discounts to come and the time value of money on purpose: it ranks
members and segments by what they bring, in money a floor manager can check by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.domain.behaviour import divide_half_up

HORIZON_YEARS = 3
LAPSED_AFTER_DAYS = 365
DAYS_A_YEAR = 365


@dataclass(frozen=True)
class MemberValue:
    tenure_days: int
    """Days since joining (the day they joined is day 0)."""
    pace: int
    """Spend per year of membership, minor units, at least one year counted."""
    lifetime_value: int
    """The estimate: ``pace × HORIZON_YEARS``, or 0 when lapsed."""

    @property
    def lapsed(self) -> bool:
        return self.pace > 0 and self.lifetime_value == 0


def value_of(spend: int, joined_on: date, last_visit_on: date | None, today: date) -> MemberValue:
    tenure = max((today - joined_on).days, 0)
    pace = divide_half_up(max(spend, 0) * DAYS_A_YEAR, max(tenure, DAYS_A_YEAR))
    coming = last_visit_on is not None and (today - last_visit_on).days <= LAPSED_AFTER_DAYS
    return MemberValue(tenure, pace, pace * HORIZON_YEARS if coming else 0)


class ValuedMember(NamedTuple):
    """A member as the daily valuation reads them (``members.value_fen`` is ``value``)."""

    member_id: int
    joined_on: date
    last_visit_on: date | None
    spend: int
    value: int | None
    valuable: bool
    """Whether the member may be valued: not erased, and automated decisions not declined
    (ranking members by value is one)."""


class ValueChange(NamedTuple):
    """A member's new stored value, and what it was worked out from (``spend``, ``old``):
    written only if those are still the member's."""

    member_id: int
    spend: int
    old: int | None
    new: int | None


def may_value(erased: bool, agreed: bool, choice_recorded: bool) -> bool:
    """The consent rule of segments and value: not erased, and agreed to automated
    decisions or never asked (``db.segments.may_segment`` is its SQL)."""
    return not erased and (agreed or not choice_recorded)


def stored_value(member: ValuedMember, today: date) -> int | None:
    """What ``members.value_fen`` should hold on ``today``: ``None`` for a member who may
    not be valued, so the list shows no figure and sorts them last."""
    if not member.valuable:
        return None
    return value_of(member.spend, member.joined_on, member.last_visit_on, today).lifetime_value


def years_and_months(days: int) -> tuple[int, int]:
    """Whole years of 365 days and months of 30 in ``days``."""
    years, rest = divmod(max(days, 0), DAYS_A_YEAR)
    return years, rest // 30
