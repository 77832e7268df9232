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


def years_and_months(days: int) -> tuple[int, int]:
    """Whole years of 365 days and months of 30 in ``days``."""
    years, rest = divmod(max(days, 0), DAYS_A_YEAR)
    return years, rest // 30
